import { isSchemeChar, isSpace } from './chars';

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
const COMMA = 0x2c;
const FAILOVER = 'failover:';

/**
 * Where the list of a failover URI begins: just after its `failover:`,
 * `failover://` and `(`, whichever are written. -1 when `raw` is not a
 * failover URI (white space aside, it does not start with `failover:`).
 */
function failoverListStart(raw: string): number {
  let i = 0;
  while (i < raw.length && isSpace(raw.charCodeAt(i))) i++;
  if (raw.slice(i, i + FAILOVER.length).toLowerCase() !== FAILOVER) return -1;
  i += FAILOVER.length;
  if (raw.startsWith('//', i)) i += 2;
  if (raw.charCodeAt(i) === 0x28) i++;
  return i;
}

/**
 * Whether the `://` at `marker` starts another URI of a failover list: a
 * scheme name stands before it, at the start of the list or after a comma
 * (white space around them allowed). Anything else (a `://` in a passcode,
 * any later `://` when `raw` holds one URI) belongs to the URI before it.
 * Reads back only over scheme characters and white space, which never
 * include the `//` of the previous marker: each character is read once.
 */
function startsUri(raw: string, marker: number, list: number): boolean {
  if (list === -1) return false;
  let i = marker;
  while (i > 0 && isSchemeChar(raw.charCodeAt(i - 1))) i--;
  if (i === marker) return false;
  while (i > 0 && isSpace(raw.charCodeAt(i - 1))) i--;
  return i === list || raw.charCodeAt(i - 1) === COMMA;
}

/**
 * Finds everything that could be a passcode in a (possibly malformed) URI and
 * replaces it with `***`.
 *
 * The text is cut into spans, one per URI: the first `://` starts one, and so
 * does every later `://` that starts a URI of a failover list (a scheme name
 * at the start of the list or after a comma); any other `://` (one inside a
 * passcode, say) belongs to the span before it. In each span, what lies
 * between its first `:` and its last `@` is hidden. The span is deliberately
 * wider than the parser's own passcode (which ends at the first `/` or `?`),
 * so that a passcode is hidden even when a stray `/`, `,`, `)`, `://` or space
 * in it breaks the parse. Linear time: each span is scanned once.
 *
 * @example
 * ```ts
 * maskPasscodes('tcp://guest:secret@host:61613').masked; // 'tcp://guest:***@host:61613'
 * maskPasscodes('tcp://guest:pa://ss@host').masked;      // 'tcp://guest:***@host'
 * ```
 */
export function maskPasscodes(raw: string): MaskedText {
  const regions: MaskRegion[] = [];
  const list = failoverListStart(raw);
  let marker = raw.indexOf('://');
  while (marker !== -1) {
    const start = marker + 3;
    let next = raw.indexOf('://', start);
    while (next !== -1 && !startsUri(raw, next, list)) next = raw.indexOf('://', next + 3);
    const end = next === -1 ? raw.length : next;
    let at = -1;
    for (let i = end - 1; i >= start; i--) {
      if (raw.charCodeAt(i) === AT) {
        at = i;
        break;
      }
    }
    if (at !== -1) {
      // The search stops at the next `://` at the latest, so it stays linear.
      const colon = raw.indexOf(':', start);
      if (colon !== -1 && colon < at) regions.push({ start: colon + 1, end: at });
    }
    marker = next;
  }
  if (regions.length === 0) return { masked: raw, regions };
  let masked = '';
  let from = 0;
  for (const region of regions) {
    masked += `${raw.slice(from, region.start)}***`;
    from = region.end;
  }
  masked += raw.slice(from);
  return { masked, regions };
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
