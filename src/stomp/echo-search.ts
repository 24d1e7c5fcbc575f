/**
 * A literal string to find, ready for {@link findEchoes}.
 *
 * @example
 * ```ts
 * const needle: Needle = needle('S3cret', isTextWordChar);
 * ```
 */
export interface Needle {
  /** The string's code units in lower case (see {@link foldCase}). */
  readonly folded: Uint16Array;
  /** Knuth-Morris-Pratt's failure function of `folded`. */
  readonly failure: Int32Array;
  /** Under {@link SHORT} code points: found only where it is a whole word. */
  readonly short: boolean;
  /** Whether its first character is a word character (then a short one must not follow one). */
  readonly wordStart: boolean;
  /** Whether its last character is a word character (then a short one must not precede one). */
  readonly wordEnd: boolean;
}

/**
 * Below this many code points a needle is found only where it stands as a
 * whole word: finding every `a` of a one-letter passcode would garble the
 * text it is hidden in, while a longer one is found even inside a word (a
 * broker may glue it to something).
 *
 * @example
 * ```ts
 * findEchoes('a bad', [needle('a', isTextWordChar)], false); // [[0, 1]]: not the a of "bad"
 * ```
 */
export const SHORT = 4;

/**
 * Whether the character at a code unit of `text` is a letter, digit or `_`;
 * `false` outside the text. `last`: the index is the character's last code
 * unit (reading backwards), else its first.
 *
 * @example
 * ```ts
 * const isByteWordChar: WordTest = (text, index) => /[\w\x80-\xff]/.test(text.charAt(index));
 * ```
 */
export type WordTest = (text: string, index: number, last: boolean) => boolean;

/**
 * Whether a code unit is an ASCII letter, digit or `_`.
 *
 * @example
 * ```ts
 * isAsciiWordChar(0x5f); // true: '_'
 * ```
 */
export function isAsciiWordChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}

/**
 * {@link WordTest} for text: Unicode letters and digits, and `_`.
 *
 * @example
 * ```ts
 * isTextWordChar('é!', 0, false); // true
 * ```
 */
export const isTextWordChar: WordTest = (text, index, last) => {
  if (index < 0 || index >= text.length) return false;
  const low = text.charCodeAt(index);
  if (low < 0x80) return isAsciiWordChar(low);
  const start = last && low >= 0xdc00 && low <= 0xdfff && index > 0 ? index - 1 : index;
  const point = text.codePointAt(start) ?? 0;
  return /[\p{L}\p{N}_]/u.test(String.fromCodePoint(point));
};

/**
 * Lower case that keeps every code unit where it was, so that positions in
 * the folded text are positions in the original: `toLowerCase()` when it
 * keeps the length (nearly always), else code unit by code unit.
 *
 * @example
 * ```ts
 * foldCase('ÀB'); // 'àb'
 * ```
 */
export function foldCase(text: string): string {
  const folded = text.toLowerCase();
  if (folded.length === text.length) return folded;
  let kept = '';
  for (const unit of text.split('')) {
    const lower = unit.toLowerCase();
    kept += lower.length === 1 ? lower : unit;
  }
  return kept;
}

function codeUnits(text: string): Uint16Array {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

/**
 * Prepares a string to find (at least one code unit).
 *
 * @example
 * ```ts
 * findEchoes('login failed for app', [needle('APP', isTextWordChar)], false); // [[17, 20]]
 * ```
 */
export function needle(text: string, isWord: WordTest): Needle {
  const folded = codeUnits(foldCase(text));
  const failure = new Int32Array(folded.length);
  for (let i = 1, k = 0; i < folded.length; i++) {
    while (k > 0 && folded[i] !== folded[k]) k = failure[k - 1] ?? 0;
    if (folded[i] === folded[k]) k++;
    failure[i] = k;
  }
  return {
    folded,
    failure,
    short: [...text].length < SHORT,
    wordStart: isWord(text, 0, false),
    wordEnd: isWord(text, text.length - 1, true),
  };
}

/**
 * Where the needles occur in `text`, in any letter case, as `[start, end)`
 * code-unit ranges in order, merged (overlapping or touching ranges become
 * one). With
 * `cut` (the text may stop inside an echo, more to come), the longest
 * trailing start of a needle, two code units or more, is a range too.
 * Knuth-Morris-Pratt: time linear in the text and needles, whatever they
 * hold, so that no text a broker sends can stall the event loop.
 *
 * @example
 * ```ts
 * findEchoes('app123 then app', [needle('app123', isTextWordChar), needle('app', isTextWordChar)], false);
 * // [[0, 6], [12, 15]]
 * ```
 */
export function findEchoes(
  text: string,
  needles: readonly Needle[],
  cut: boolean,
  isWord: WordTest = isTextWordChar,
): [number, number][] {
  const folded = codeUnits(foldCase(text));
  // +1 where a found range starts, -1 where it ends: overlaps merge without sorting.
  const cover = new Int32Array(folded.length + 1);
  let found = false;
  const mark = (start: number, end: number): void => {
    cover[start] = (cover[start] ?? 0) + 1;
    cover[end] = (cover[end] ?? 0) - 1;
    found = true;
  };
  for (const { folded: pattern, failure, short, wordStart, wordEnd } of needles) {
    let k = 0;
    for (let i = 0; i < folded.length; i++) {
      while (k > 0 && folded[i] !== pattern[k]) k = failure[k - 1] ?? 0;
      if (folded[i] === pattern[k]) k++;
      if (k === pattern.length) {
        const [start, end] = [i + 1 - k, i + 1];
        const glued =
          short && ((wordStart && isWord(text, start - 1, true)) || (wordEnd && isWord(text, end, false)));
        if (!glued) mark(start, end);
        k = failure[k - 1] ?? 0;
      }
    }
    // k: the longest start of the needle the text ends with (a whole one was found above).
    if (cut && k >= 2) mark(folded.length - k, folded.length);
  }
  const ranges: [number, number][] = [];
  if (!found) return ranges;
  for (let i = 0, depth = 0, start = 0; i <= folded.length; i++) {
    const before = depth;
    depth += cover[i] ?? 0;
    if (before === 0 && depth > 0) start = i;
    else if (before > 0 && depth === 0) ranges.push([start, i]);
  }
  return ranges;
}
