import type { Jitter } from '../types';

/**
 * How one option's value is read: `parse` returns `undefined` for a bad value.
 *
 * @example
 * ```ts
 * const percent: ValueType<number> = integerValue(0, 100);
 * percent.parse('42'); // 42
 * ```
 */
export interface ValueType<T> {
  /** What a good value looks like, for the error message. */
  readonly expected: string;
  parse(text: string): T | undefined;
}

/**
 * The largest delay or timeout in ms: Node's timers silently turn anything
 * longer into 1 ms, so a larger value is refused here rather than misread.
 *
 * @example
 * ```ts
 * delayValue.parse(String(MAX_DELAY_MS + 1)); // undefined
 * ```
 */
export const MAX_DELAY_MS = 2_147_483_647;

const isDigits = (text: string, from: number): boolean => {
  if (from >= text.length) return false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
};

/**
 * `true` or `false`, in any case.
 *
 * @example
 * ```ts
 * booleanValue.parse('FALSE'); // false
 * booleanValue.parse('1');     // undefined
 * ```
 */
export const booleanValue: ValueType<boolean> = {
  expected: 'expected true or false',
  parse: (text) => {
    const lower = text.toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : undefined;
  },
};

/**
 * A decimal integer written with digits only (no sign, exponent or hex;
 * leading zeros allowed) in `[min, max]`, `min` >= 0. A sign is refused: it
 * means nothing here, and `-0` would be stored as a negative zero.
 *
 * @example
 * ```ts
 * integerValue(0, 10).parse('7');   // 7
 * integerValue(0, 10).parse('-0');  // undefined
 * integerValue(0, 10).parse('0x1'); // undefined
 * ```
 */
export function integerValue(min: number, max: number): ValueType<number> {
  return {
    expected:
      max === Number.MAX_SAFE_INTEGER
        ? `expected an integer >= ${min}, written without a sign`
        : `expected an integer from ${min} to ${max}, written without a sign`,
    parse: (text) => {
      if (!isDigits(text, 0)) return undefined;
      const value = Number(text);
      return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
    },
  };
}

/**
 * A delay or timeout in ms: an integer from 0 to {@link MAX_DELAY_MS}.
 *
 * @example
 * ```ts
 * delayValue.parse('3000'); // 3000
 * ```
 */
export const delayValue: ValueType<number> = integerValue(0, MAX_DELAY_MS);

const countValue = integerValue(0, Number.MAX_SAFE_INTEGER);

/**
 * An attempt count: -1 (unlimited) or an integer >= 0. `-1` is the only
 * value written with a sign: `-0` (or `-00`, `-01`, `+1`) is refused rather
 * than read as a count, since reading `-0` as 0 would turn "retry forever"
 * into "try once" (Perl ignores such a value and keeps the default).
 *
 * @example
 * ```ts
 * attemptsValue.parse('-1'); // -1
 * attemptsValue.parse('-0'); // undefined
 * ```
 */
export const attemptsValue: ValueType<number> = {
  expected: 'expected -1 (unlimited) or an integer >= 0 written without a sign',
  parse: (text) => (text === '-1' ? -1 : countValue.parse(text)),
};

/**
 * A back-off multiplier: a decimal number (`2`, `1.5`), 0 or >= 1, without
 * a sign.
 *
 * @example
 * ```ts
 * multiplierValue.parse('1.5'); // 1.5
 * multiplierValue.parse('0.5'); // undefined
 * ```
 */
export const multiplierValue: ValueType<number> = {
  expected: 'expected 0 or a decimal number >= 1 written without a sign, e.g. 2 or 1.5',
  parse: (text) => {
    const dot = text.indexOf('.');
    const whole = dot === -1 ? text : text.slice(0, dot);
    if (!isDigits(whole, 0) || (dot !== -1 && !isDigits(text, dot + 1))) return undefined;
    const value = Number(text);
    return Number.isFinite(value) && (value === 0 || value >= 1) ? value : undefined;
  },
};

/**
 * `none`, `full` or `equal`, in any case; stored lower-case.
 *
 * @example
 * ```ts
 * jitterValue.parse('Full'); // 'full'
 * ```
 */
export const jitterValue: ValueType<Jitter> = {
  expected: 'expected none, full or equal',
  parse: (text) => {
    const lower = text.toLowerCase();
    return lower === 'none' || lower === 'full' || lower === 'equal' ? lower : undefined;
  },
};
