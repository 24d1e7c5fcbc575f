/**
 * Character classes shared by the URI parser and the passcode mask (kept
 * apart so that neither has to import the other).
 */

/**
 * Whether a UTF-16 code unit is white space, as JavaScript's `\s` and
 * `String.prototype.trim` see it.
 *
 * @example
 * ```ts
 * isSpace(' '.charCodeAt(0)); // true
 * ```
 */
export function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Whether a UTF-16 code unit may stand in a URI scheme name: an ASCII letter
 * or digit, `+`, `-` or `.`.
 *
 * @example
 * ```ts
 * isSchemeChar('+'.charCodeAt(0)); // true
 * ```
 */
export function isSchemeChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2b ||
    c === 0x2d ||
    c === 0x2e
  );
}
