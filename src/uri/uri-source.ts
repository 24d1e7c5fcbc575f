import { UriError } from '../errors/uri-error';
import { isSpace } from './chars';
import { applyMask, maskedOffset, maskPasscodes, withRegion, type MaskRegion } from './mask-passcodes';

export { isSpace };

/** Longest excerpt of the input quoted in an error message. */
const EXCERPT_MAX = 40;

/**
 * The text being parsed, and the only way the parser reports a fault: every
 * excerpt and position it puts in a message goes through the masked view, so
 * a passcode cannot reach an error.
 *
 * @example
 * ```ts
 * const src = createUriSource('tcp://host:');
 * src.fail(11, `expected a port number after ${src.quote(0, 11)}`); // throws UriError
 * ```
 */
export interface UriSource {
  /** The text as given (passcodes in clear: never put it in a message). */
  readonly raw: string;
  /** The text with passcodes masked: the error's `input`. */
  readonly input: string;
  /** The offset in `input` (masked) of the offset `rawOffset` in `raw`. */
  position(rawOffset: number): number;
  /** The masked text of `raw[from, to)`, unquoted and in full (a hidden span partly inside shows as `***`). */
  text(from: number, to: number): string;
  /** The masked excerpt of `raw[from, to)`, in double quotes, shortened from the left when long. */
  quote(from: number, to: number): string;
  /** Throws a UriError: `WHAT at position N: DETAIL`, N being the masked offset of `at`. */
  fail(at: number | undefined, what: string, detail?: string, cause?: unknown): never;
  /** As `fail` at `from`, with `raw[from, to)` masked too (a login that must not show). */
  failHiding(from: number, to: number, what: string, detail: string): never;
  /** Throws a UriError at the first space or control character of `raw[from, to)`, if any. */
  rejectSpaces(from: number, to: number, part: string): void;
}

const isControl = (c: number): boolean => c < 0x20 || (c >= 0x7f && c <= 0x9f);

/**
 * Wraps a URI (or one line of a URI file) for parsing; `where` is appended to
 * every message (e.g. ` (line 3 of "brokers.txt")`). `written` is the text
 * `raw` was cut from, when it was (a file line before its `#` comment was
 * removed): what is credential-shaped in it is masked in `raw`, so that a
 * passcode holding a `#` stays hidden.
 *
 * @example
 * ```ts
 * createUriSource('tcp://u:pw@h').input; // 'tcp://u:***@h'
 * ```
 */
export function createUriSource(raw: string, where = '', written = raw): UriSource {
  const regions =
    written === raw ? maskPasscodes(raw).regions : clipped(maskPasscodes(written).regions, raw.length);
  const masked = applyMask(raw, regions);
  const failWith = (
    shown: readonly MaskRegion[],
    at: number | undefined,
    what: string,
    detail?: string,
    cause?: unknown,
  ): never => {
    const position = at === undefined ? undefined : maskedOffset(shown, at);
    const message =
      (position === undefined ? what : `${what} at position ${position}`) +
      (detail === undefined ? '' : `: ${detail}`) +
      where;
    throw new UriError(message, {
      input: shown === regions ? masked : applyMask(raw, shown),
      ...(position === undefined ? {} : { position }),
      ...(cause === undefined ? {} : { cause }),
    });
  };
  const fail = (at: number | undefined, what: string, detail?: string, cause?: unknown): never =>
    failWith(regions, at, what, detail, cause);
  return {
    raw,
    input: masked,
    position: (rawOffset) => maskedOffset(regions, rawOffset),
    text(from, to) {
      const start = maskedOffset(regions, from);
      return masked.slice(start, Math.max(start, maskedOffset(regions, to, true)));
    },
    quote(from, to) {
      const start = maskedOffset(regions, from);
      const end = Math.max(start, maskedOffset(regions, to, true));
      const text =
        end - start > EXCERPT_MAX ? `…${masked.slice(end - EXCERPT_MAX + 1, end)}` : masked.slice(start, end);
      return JSON.stringify(text);
    },
    fail,
    failHiding: (from, to, what, detail) =>
      failWith(withRegion(regions, { start: from, end: to }), from, what, detail),
    rejectSpaces(from, to, part) {
      for (let i = from; i < to; i++) {
        const c = raw.charCodeAt(i);
        // The character itself is not quoted: it may stand inside a passcode.
        if (isSpace(c) || isControl(c)) {
          fail(i, `unexpected space or control character in ${part}`, 'expected none inside a URI');
        }
      }
    },
  };
}

/** `regions` limited to the first `length` characters (a region cut by the end still counts). */
function clipped(regions: readonly MaskRegion[], length: number): MaskRegion[] {
  return regions
    .filter((region) => region.start <= length)
    .map((region) => ({ start: region.start, end: Math.min(region.end, length) }));
}

/**
 * `raw.indexOf(char, from)` limited to `[from, to)`, so that scanning one
 * item of a long failover list never reads the rest of it (keeps parsing
 * linear). Returns -1 when absent.
 *
 * @example
 * ```ts
 * indexIn('a=1&b=2', '&', 0, 3); // -1
 * ```
 */
export function indexIn(raw: string, char: string, from: number, to: number): number {
  const code = char.charCodeAt(0);
  for (let i = from; i < to; i++) if (raw.charCodeAt(i) === code) return i;
  return -1;
}
