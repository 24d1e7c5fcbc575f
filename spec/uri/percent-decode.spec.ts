import { UriError } from '../../src/errors/uri-error';
import { percentDecode } from '../../src/uri/percent-decode';
import { createUriSource } from '../../src/uri/uri-source';

const decode = (text: string): string => percentDecode(createUriSource(text), 0, text.length, 'the login');

describe('percentDecode', () => {
  it.each([
    ['', ''],
    ['plain', 'plain'],
    ['a%40b', 'a@b'],
    ['%2f%2F', '//'],
    ['a+b', 'a+b'],
    ['%C3%A9t%C3%A9', 'été'],
    ['%E2%82%AC%F0%9F%98%80', '€😀'],
    ['%25', '%'],
    ['%2525', '%25'],
    ['é%20è', 'é è'],
  ])('%j → %j', (text, decoded) => {
    expect(decode(text)).toBe(decoded);
  });

  it('decodes only the given range', () => {
    const src = createUriSource('x%41y%42z');
    expect(percentDecode(src, 1, 5, 'it')).toBe('Ay');
  });

  it.each([
    ['%', 0, 'malformed percent-encoding in the login'],
    ['ab%4', 2, 'expected "%" followed by two hex digits'],
    ['ab%g0', 2, 'malformed'],
    ['%41%', 3, 'malformed'],
    ['%ff', 0, 'invalid percent-encoded UTF-8 in the login'],
    ['a%C3', 1, 'invalid percent-encoded UTF-8'],
    ['a%C3b', 1, 'invalid percent-encoded UTF-8'],
    ['%ED%A0%80', 0, 'invalid percent-encoded UTF-8'],
  ])('rejects %j at %i', (text, position, fragment) => {
    let error: unknown;
    try {
      decode(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UriError);
    expect((error as UriError).position).toBe(position);
    expect((error as UriError).message).toContain(fragment);
  });
});
