import { TextDecoder } from 'node:util';
import { indexIn, type UriSource } from './uri-source';

const utf8 = new TextDecoder('utf-8', { fatal: true });

const hexValue = (c: number): number =>
  c >= 0x30 && c <= 0x39
    ? c - 0x30
    : c >= 0x41 && c <= 0x46
      ? c - 0x37
      : c >= 0x61 && c <= 0x66
        ? c - 0x57
        : -1;

/**
 * Percent-decodes `src.raw[from, to)` as UTF-8 (RFC 3986: `+` stays `+`).
 * A `%` not followed by two hex digits, or bytes that are not UTF-8, is a
 * UriError at the fault; `what` names the part ("the passcode") in it.
 *
 * @example
 * ```ts
 * const src = createUriSource('tcp://a%40b@host');
 * percentDecode(src, 6, 11, 'the login'); // 'a@b'
 * ```
 */
export function percentDecode(src: UriSource, from: number, to: number, what: string): string {
  const raw = src.raw;
  let i = indexIn(raw, '%', from, to);
  if (i === -1) return raw.slice(from, to);
  let out = raw.slice(from, i);
  while (i < to) {
    if (raw.charCodeAt(i) !== 0x25) {
      const next = indexIn(raw, '%', i, to);
      const end = next === -1 ? to : next;
      out += raw.slice(i, end);
      i = end;
      continue;
    }
    // A run of %XX triplets is decoded at once: one character may take several.
    const runStart = i;
    const bytes: number[] = [];
    while (i < to && raw.charCodeAt(i) === 0x25) {
      const high = i + 1 < to ? hexValue(raw.charCodeAt(i + 1)) : -1;
      const low = i + 2 < to ? hexValue(raw.charCodeAt(i + 2)) : -1;
      if (high < 0 || low < 0) {
        src.fail(i, `malformed percent-encoding in ${what}`, 'expected "%" followed by two hex digits');
      }
      bytes.push(high * 16 + low);
      i += 3;
    }
    try {
      out += utf8.decode(Uint8Array.from(bytes));
    } catch (error) {
      src.fail(runStart, `invalid percent-encoded UTF-8 in ${what}`, 'expected UTF-8 bytes', error);
    }
  }
  return out;
}
