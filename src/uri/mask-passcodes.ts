import { afterScheme, failoverListStart, listItems } from './list-items';

/**
 * A span `[start, end)` of a raw URI that is shown as `***`.
 *
 * @example
 * ```ts
 * maskPasscodes('tcp://u:pw@h').regions; // [{ start: 8, end: 10 }]
 * ```
 */
export interface MaskRegion {
  readonly start: number;
  readonly end: number;
}

/**
 * A URI with its passcodes hidden, and where they were.
 *
 * @example
 * ```ts
 * const { masked, regions }: MaskedText = maskPasscodes('tcp://u:pw@h');
 * ```
 */
export interface MaskedText {
  /** The text with every passcode replaced by `***`. */
  readonly masked: string;
  /** The hidden spans of the raw text, in order, never overlapping. */
  readonly regions: readonly MaskRegion[];
}

const AT = 0x40;
const COLON = 0x3a;

/**
 * Hides, in the URI `raw[from, to)`, what lies between the first ":" after
 * its scheme and its last "@". After a known scheme written without "//"
 * (`stomp:u:s@h`), the scheme's own ":" may as well be the passcode's (login
 * `stomp`, passcode `u:s`): everything up to the "@" is hidden then.
 */
function maskItem(raw: string, from: number, to: number, regions: MaskRegion[]): void {
  const { at: start, scheme } = afterScheme(raw, from, to);
  let at = -1;
  for (let i = to - 1; i >= start; i--) {
    if (raw.charCodeAt(i) === AT) {
      at = i;
      break;
    }
  }
  if (at === -1) return;
  if (scheme === 'bare') {
    regions.push({ start, end: at });
    return;
  }
  for (let i = start; i < at; i++) {
    if (raw.charCodeAt(i) === COLON) {
      regions.push({ start: i + 1, end: at });
      return;
    }
  }
}

/**
 * Finds everything credential-shaped in a (possibly malformed) URI and
 * replaces the passcode part with `***`, whatever the URI's shape: a
 * mistyped or missing `//` (`tcp:/u:s@h`, `stomp:u:s@h`), no scheme at all
 * (`u:s@h:61613`), any item of a failover list.
 *
 * A failover list is first cut into its URIs ({@link listItems}), keeping
 * every separator and every faulty item readable. In each URI, what lies
 * between the first `:` after its scheme and its last `@` is hidden: wider
 * than the parser's own passcode (which ends at the first `/` or `?`), so
 * that a passcode is hidden even when a stray `/`, `,`, `)`, `://` or space
 * in it breaks the parse. The login stays readable. Linear time.
 *
 * @example
 * ```ts
 * maskPasscodes('tcp://guest:secret@host:61613').masked; // 'tcp://guest:***@host:61613'
 * maskPasscodes('tcp:/guest:secret@host').masked;        // 'tcp:/guest:***@host'
 * maskPasscodes('failover:(tcp://a:1,bob:pw@b:2)').masked; // 'failover:(tcp://a:1,bob:***@b:2)'
 * ```
 */
export function maskPasscodes(raw: string): MaskedText {
  const regions: MaskRegion[] = [];
  const list = failoverListStart(raw);
  if (list === -1) {
    maskItem(raw, 0, raw.length, regions);
    return { masked: applyMask(raw, regions), regions };
  }
  const query = failoverQueryStart(raw, list);
  for (const [from, to] of listItems(raw, list, query)) maskItem(raw, from, to, regions);
  // The failover options may hold URIs too (priorityURIs=tcp://u:pw@a:1,tcp://b:2): each
  // comma-separated part of each option is masked as a URI of its own.
  for (let from = query, name = true; from < raw.length;) {
    if (name) {
      // An option's name ends at its "=": the value (a URI, or URIs joined by commas) follows.
      while (from < raw.length && raw.charCodeAt(from) !== EQUALS && raw.charCodeAt(from) !== AMP) from++;
      if (raw.charCodeAt(from) === EQUALS) from++;
    }
    let to = from;
    while (to < raw.length && raw.charCodeAt(to) !== AMP && raw.charCodeAt(to) !== COMMA) to++;
    maskItem(raw, from, to, regions);
    name = raw.charCodeAt(to) === AMP;
    from = to + 1;
  }
  return { masked: applyMask(raw, regions), regions };
}

const AMP = 0x26;
const EQUALS = 0x3d;
const COMMA = 0x2c;
const QUERY_OPTION = /^\)\?[A-Za-z.]+=/;

/**
 * Where a failover URI's options start (after its list's `)?`), or the end
 * when it has none: the last `)?` followed by an option name and `=`, so a
 * `)` inside a passcode of the list does not end it early.
 */
function failoverQueryStart(raw: string, list: number): number {
  for (let i = raw.lastIndexOf(')?'); i >= list; i = raw.lastIndexOf(')?', i - 1)) {
    if (QUERY_OPTION.test(raw.slice(i, i + 64))) return i + 2;
    if (i === 0) break;
  }
  return raw.length;
}

/**
 * `raw` with each region (in order, not overlapping) replaced by `***`.
 *
 * @example
 * ```ts
 * applyMask('tcp://u:pw@h', [{ start: 8, end: 10 }]); // 'tcp://u:***@h'
 * ```
 */
export function applyMask(raw: string, regions: readonly MaskRegion[]): string {
  if (regions.length === 0) return raw;
  let masked = '';
  let from = 0;
  for (const region of regions) {
    masked += `${raw.slice(from, region.start)}***`;
    from = region.end;
  }
  return masked + raw.slice(from);
}

/**
 * `regions` with `[start, end)` hidden too, merged with any region it
 * touches, still in order.
 *
 * @example
 * ```ts
 * withRegion([{ start: 8, end: 10 }], { start: 6, end: 7 }); // [{ start: 6, end: 7 }, { start: 8, end: 10 }]
 * ```
 */
export function withRegion(regions: readonly MaskRegion[], added: MaskRegion): MaskRegion[] {
  const result: MaskRegion[] = [];
  let start = added.start;
  let end = added.end;
  for (const region of regions) {
    if (region.end < start || region.start > end) {
      result.push(region);
    } else {
      start = Math.min(start, region.start);
      end = Math.max(end, region.end);
    }
  }
  result.push({ start, end });
  return result.sort((a, b) => a.start - b.start);
}

/**
 * Maps an offset in the raw text to the masked text. An offset inside a
 * hidden span maps to the start of its `***` (or, with `asEnd`, to its end).
 *
 * @example
 * ```ts
 * const { regions } = maskPasscodes('tcp://u:pw@h');
 * maskedOffset(regions, 12); // 13: 'pw' (2 chars) became '***' (3 chars)
 * ```
 */
export function maskedOffset(regions: readonly MaskRegion[], rawOffset: number, asEnd = false): number {
  let shift = 0;
  for (const region of regions) {
    if (rawOffset <= region.start && !(rawOffset === region.start && region.start === region.end)) break;
    if (rawOffset < region.end) return region.start + shift + (asEnd ? 3 : 0);
    shift += 3 - (region.end - region.start);
  }
  return rawOffset + shift;
}
