import { createUriSource, indexIn, isSpace } from '../../src/uri/uri-source';

describe('createUriSource', () => {
  it('quotes through the mask, shortening long excerpts from the left', () => {
    const src = createUriSource(`tcp://u:secret@${'h'.repeat(100)}`);
    expect(src.input).toBe(`tcp://u:***@${'h'.repeat(100)}`);
    expect(src.quote(0, 12)).toBe('"tcp://u:***"');
    expect(src.quote(9, 10)).toBe('"***"');
    expect(src.quote(0, 115)).toBe(JSON.stringify(`…${'h'.repeat(39)}`));
  });

  it('appends where to every message and masks the input', () => {
    const src = createUriSource('tcp://u:secret@h:x', ' (line 2 of "f")');
    expect(() => src.fail(17, 'bad', 'detail')).toThrow('bad at position 14: detail (line 2 of "f")');
    expect(() => src.fail(undefined, 'bad')).toThrow(/^bad \(line 2 of "f"\)$/);
  });

  it('finds spaces and control characters without quoting them', () => {
    const src = createUriSource('tcp://u:se cret@h');
    expect(() => src.rejectSpaces(0, src.raw.length, 'a URI')).toThrow(
      'unexpected space or control character in a URI at position 8: expected none inside a URI',
    );
    expect(() => createUriSource('a\u0000b').rejectSpaces(0, 3, 'x')).toThrow('at position 1');
    expect(() => createUriSource('a\u00a0b').rejectSpaces(0, 3, 'x')).toThrow('at position 1');
    expect(() => createUriSource('abc').rejectSpaces(0, 3, 'x')).not.toThrow();
  });
});

describe('isSpace', () => {
  it('matches what String.prototype.trim removes', () => {
    for (let c = 0; c < 0x10000; c++) {
      const char = String.fromCharCode(c);
      expect([c, isSpace(c)]).toEqual([c, char.trim() === '']);
    }
  });
});

describe('indexIn', () => {
  it.each([
    ['a=1&b=2', '&', 0, 7, 3],
    ['a=1&b=2', '&', 0, 3, -1],
    ['a=1&b=2', '&', 4, 7, -1],
    ['a=1&b=2', '=', 2, 7, 5],
    ['', '=', 0, 0, -1],
  ])('%j %j in [%i, %i) → %i', (raw, char, from, to, index) => {
    expect(indexIn(raw, char, from, to)).toBe(index);
  });
});
