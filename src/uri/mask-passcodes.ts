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

/**
 * Finds everything that could be a passcode in a (possibly malformed) URI and
 * replaces it with `***`.
 *
 * For every `://`, the text up to the next `://` (or the end) is searched for
 * its last `@`; what lies between the first `:` and that `@` is hidden. The
 * span is deliberately wider than the parser's own passcode (which ends at the
 * first `/` or `?`), so that a passcode is hidden even when a stray `/`, `,`,
 * `)` or space in it breaks the parse. Linear time: each span is scanned once.
 *
 * @example
 * ```ts
 * maskPasscodes('tcp://guest:secret@host:61613').masked; // 'tcp://guest:***@host:61613'
 * ```
 */
export function maskPasscodes(raw: string): MaskedText {
  const regions: MaskRegion[] = [];
  let marker = raw.indexOf('://');
  while (marker !== -1) {
    const start = marker + 3;
    const next = raw.indexOf('://', start);
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
