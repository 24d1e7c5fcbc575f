import { UriError } from '../../src/errors/uri-error';
import { booleanValue } from '../../src/uri/option-values';
import { parseQuery, readValue } from '../../src/uri/query';
import { createUriSource } from '../../src/uri/uri-source';

const query = (text: string) => {
  const src = createUriSource(`?${text}`);
  return { src, entries: parseQuery(src, 1, src.raw.length, 'option') };
};

describe('parseQuery', () => {
  it.each([
    ['', []],
    ['&', []],
    ['a=1', [['a', '1']]],
    [
      'a=1&b=',
      [
        ['a', '1'],
        ['b', ''],
      ],
    ],
    [
      '&&a=1&&b=2&',
      [
        ['a', '1'],
        ['b', '2'],
      ],
    ],
    ['a==1', [['a', '=1']]],
    ['a%3D=b%26c', [['a=', 'b&c']]],
    [
      'A=1&a=2',
      [
        ['A', '1'],
        ['a', '2'],
      ],
    ],
  ])('%j → %j', (text, expected) => {
    expect(query(text).entries.map((entry) => [entry.name, entry.value])).toEqual(expected);
  });

  it('records where each name and value was written', () => {
    const [, second] = query('a=1&bb=22').entries;
    expect(second).toMatchObject({ nameFrom: 5, nameTo: 7, valueFrom: 8, valueTo: 10 });
  });

  it.each([
    ['a', 2, 'expected "=" and a value after the option "a"'],
    ['a=1&b', 6, 'expected "=" and a value after the option "b"'],
    ['=1', 1, 'expected the option name before "="'],
    ['a=1 ', 4, 'unexpected space or control character in the options'],
  ])('rejects %j at %i', (text, position, fragment) => {
    let error: unknown;
    try {
      query(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UriError);
    expect((error as UriError).position).toBe(position);
    expect((error as UriError).message).toContain(fragment);
  });
});

describe('readValue', () => {
  it('reads a good value and names the option and value of a bad one', () => {
    const { src, entries } = query('x=TRUE&y=maybe');
    const [x, y] = entries;
    if (x === undefined || y === undefined) throw new Error('two entries expected');
    expect(readValue(src, x, 'tcpNoDelay', booleanValue)).toBe(true);
    expect(() => readValue(src, y, 'keepAlive', booleanValue)).toThrow(
      'invalid value "maybe" for keepAlive at position 10: expected true or false',
    );
  });
});
