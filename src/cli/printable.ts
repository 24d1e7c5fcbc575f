// Text from the network, made safe for a terminal: the timeline's escapes, and --json's.

/**
 * What a terminal (or an editor, a log viewer) may act on rather than show:
 * every control character (C0, DEL, C1: escape sequences, CR, LF, CSI), every
 * format character (bidi embeddings, overrides, isolates and marks such as
 * U+202E, which makes `abc\u202egnp.exe` display as `abcexe.png`; zero-width
 * characters; the BOM; soft hyphens; tag characters), the line and paragraph
 * separators U+2028/U+2029, and lone surrogates.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const hex = (code: number, width: number): string => code.toString(16).padStart(width, '0');

/**
 * Makes text from the network (a broker's headers, an error message) safe for
 * a terminal: control and format characters, line and paragraph separators
 * and lone surrogates become visible escapes: `\xHH` up to U+00FF, `\uHHHH`
 * beyond, `\u{HHHHH}` beyond the BMP. Everything else (letters of any script,
 * emoji) is shown as it is.
 *
 * @example
 * ```ts
 * printable('ok\x1b[2Jboom');       // 'ok\\x1b[2Jboom'
 * printable('abc\u202egnp.exe');    // 'abc\\u202egnp.exe'
 * ```
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0xff) return `\\x${hex(code, 2)}`;
    return code <= 0xffff ? `\\u${hex(code, 4)}` : `\\u{${hex(code, 1)}}`;
  });
}

/**
 * `JSON.stringify(value)` as one line that is safe on a terminal: beyond
 * the C0 controls JSON already escapes, DEL, C1 controls, format characters
 * (bidi controls…) and U+2028/U+2029 are written as `\uHHHH` escapes (a
 * surrogate pair beyond the BMP). Such characters can only stand inside JSON
 * strings, so the line parses back to the very same value.
 *
 * @example
 * ```ts
 * jsonLine({ session: 'abc\u202egnp.exe' }); // '{"session":"abc\\u202egnp.exe"}'
 * ```
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (char) =>
    Array.from({ length: char.length }, (_, i) => `\\u${hex(char.charCodeAt(i), 4)}`).join(''),
  );
}
