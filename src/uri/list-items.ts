import { isSchemeChar, isSpace } from './chars';

/**
 * Cutting a possibly malformed URI into its parts for the passcode mask: the
 * scheme part of a URI, and the URIs of a failover list. Kept apart from the
 * parser, which refuses what this must still read (no scheme, a "/" too few,
 * a comma inside a passcode).
 */

const AT = 0x40;
const COLON = 0x3a;
const COMMA = 0x2c;
const SLASH = 0x2f;
const FAILOVER = 'failover:';
/** Names that start a URI even without "//" (`stomp:u:s@h`): the schemes and URI kinds. */
const KNOWN_NAMES = new Set(['tcp', 'ssl', 'stomp', 'stomp+ssl', 'failover', 'file']);

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * Where the list of a failover URI begins: just after its `failover:`,
 * `failover://` and `(`, whichever are written. -1 when `raw` is not a
 * failover URI (white space aside, it does not start with `failover:`).
 *
 * @example
 * ```ts
 * failoverListStart('failover:(tcp://a,tcp://b)'); // 10
 * failoverListStart('tcp://a');                    // -1
 * ```
 */
export function failoverListStart(raw: string): number {
  let i = 0;
  while (i < raw.length && isSpace(raw.charCodeAt(i))) i++;
  if (raw.slice(i, i + FAILOVER.length).toLowerCase() !== FAILOVER) return -1;
  i += FAILOVER.length;
  if (raw.startsWith('//', i)) i += 2;
  if (raw.charCodeAt(i) === 0x28) i++;
  return i;
}

/**
 * Where the part of a URI after its scheme starts: after `scheme:` and any
 * slashes (`tcp://`, `tcp:/`) when a slash follows; after `scheme:` when
 * the name is a known scheme (`stomp:u:s@h`: `bare`); else (`app:secret@mq`,
 * `localhost:61613`) at the first character that is not white space or `(`.
 *
 * @example
 * ```ts
 * afterScheme('tcp:/u:s@h', 0, 10);   // { at: 5, scheme: 'slashes' }
 * afterScheme('stomp:u:s@h', 0, 11);  // { at: 6, scheme: 'bare' }
 * afterScheme('u:s@h:61613', 0, 11);  // { at: 0, scheme: 'none' }
 * ```
 */
export function afterScheme(
  raw: string,
  from: number,
  to: number,
): { at: number; scheme: 'slashes' | 'bare' | 'none' } {
  let i = from;
  while (i < to && (isSpace(raw.charCodeAt(i)) || raw.charCodeAt(i) === 0x28)) i++;
  const start = i;
  let end = i;
  while (end < to && isSchemeChar(raw.charCodeAt(end))) end++;
  if (end < to && raw.charCodeAt(end) === COLON) {
    if (end + 1 < to && raw.charCodeAt(end + 1) === SLASH) {
      let rest = end + 1;
      while (rest < to && raw.charCodeAt(rest) === SLASH) rest++;
      return { at: rest, scheme: 'slashes' };
    }
    if (KNOWN_NAMES.has(raw.slice(start, end).toLowerCase())) return { at: end + 1, scheme: 'bare' };
  }
  return { at: start, scheme: 'none' };
}

/**
 * Reads one item of a failover list as it grows, character by character, to
 * tell whether it holds an "@", and whether a passcode may still be open at
 * its end: a ":" after its scheme, no "@" yet, and what follows the last ":"
 * of the host part is not a port (`tcp://user:secr` is open,
 * `tcp://127.0.0.1:1` and `tcp://[::1]` are not). Each character is read
 * once however often the item is extended.
 */
function itemReader(raw: string, from: number): { readTo(to: number): { open: boolean; hasAt: boolean } } {
  let pos = -1;
  let hasAt = false;
  let hostDone = false;
  let colon = false;
  // Since the last ":" of the host part: how many characters, all digits?, the last one "]"?
  let count = 0;
  let digitsOnly = true;
  let bracketEnd = false;
  // Only a host written in brackets (`[::1]`) ends with "]" rather than a port.
  let bracketHost = false;
  return {
    readTo(to) {
      if (pos === -1) {
        const after = afterScheme(raw, from, to);
        pos = after.at;
        // `stomp:secret` may be login "stomp" and a passcode: its ":" opens one too.
        colon = after.scheme === 'bare';
        bracketHost = raw.charCodeAt(pos) === 0x5b;
      }
      for (; pos < to; pos++) {
        const c = raw.charCodeAt(pos);
        if (c === AT) hasAt = true;
        if (hostDone || isSpace(c)) continue;
        if (c === SLASH || c === 0x3f) {
          hostDone = true;
        } else if (c === COLON) {
          colon = true;
          count = 0;
          digitsOnly = true;
          bracketEnd = false;
        } else {
          count += 1;
          digitsOnly &&= isDigit(c);
          bracketEnd = bracketHost && c === 0x5d;
        }
      }
      const port = count > 0 && digitsOnly;
      return { open: !hasAt && colon && !port && !bracketEnd, hasAt };
    },
  };
}

/**
 * Whether the list item starting after the comma at `comma` has a scheme
 * (`tcp://`, `tcp:/`, `stomp:`…): then it is a new URI, whatever came before.
 */
function startsSchemeItem(raw: string, comma: number, to: number): boolean {
  return afterScheme(raw, comma + 1, to).scheme !== 'none';
}

/** Whether `raw[from, to)` holds a ":". */
function hasColon(raw: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (raw.charCodeAt(i) === COLON) return true;
  return false;
}

/**
 * Cuts a failover list (from `from` to `to`, by default the end) into its URIs. A comma ends
 * a URI when what follows has a scheme, or when no "@" lies further on
 * (before the next URI with a scheme). Else it belongs to a passcode when
 * one is left open before it (`tcp://u:pa,ss@h`); when the next "@" comes
 * before the next comma, it ends a URI only if what lies between reads as
 * credentials (`bob:pw` of `tcp://a:1,bob:pw@h`, not `ss` of
 * `tcp://u:p@a,ss@h`); when another comma comes first, it ends a URI that
 * holds no "@" (`tcp://a:1,b,…`), not one that does (`tcp://u:p@,,ss@h`).
 * Linear: each character is read a bounded number of times.
 *
 * @example
 * ```ts
 * listItems('failover:(tcp://a:1,bob:pw@b:2)', 10); // [[10, 19], [20, 31]]
 * ```
 */
export function listItems(raw: string, from: number, to = raw.length): Array<[number, number]> {
  const commas: number[] = [];
  const ats: number[] = [];
  for (let i = from; i < to; i++) {
    const c = raw.charCodeAt(i);
    if (c === COMMA) commas.push(i);
    else if (c === AT) ats.push(i);
  }
  const withScheme = commas.map((comma, k) => startsSchemeItem(raw, comma, commas[k + 1] ?? to));
  const items: Array<[number, number]> = [];
  let start = from;
  let reader = itemReader(raw, start);
  let nextAt = 0;
  let nextSchemed = 0;
  commas.forEach((comma, k) => {
    let split = withScheme[k] === true;
    if (!split) {
      while (nextAt < ats.length && (ats[nextAt] ?? 0) < comma) nextAt++;
      while (
        nextSchemed < commas.length &&
        ((commas[nextSchemed] ?? 0) <= comma || !withScheme[nextSchemed])
      ) {
        nextSchemed++;
      }
      const at = ats[nextAt];
      const schemed = commas[nextSchemed];
      const next = commas[k + 1];
      if (at === undefined || (schemed !== undefined && schemed < at)) {
        split = true; // no "@" ahead can end a passcode of this item
      } else {
        const item = reader.readTo(comma);
        if (item.open) split = false;
        else if (next !== undefined && next < at) split = !item.hasAt;
        else split = hasColon(raw, comma + 1, at);
      }
    }
    if (split) {
      items.push([start, comma]);
      start = comma + 1;
      reader = itemReader(raw, start);
    }
  });
  items.push([start, to]);
  return items;
}
