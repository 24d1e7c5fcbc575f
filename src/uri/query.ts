import type { ValueType } from './option-values';
import { percentDecode } from './percent-decode';
import { indexIn, type UriSource } from './uri-source';

/**
 * One `name=value` of a query, decoded, with where it was written (offsets in
 * the raw text).
 *
 * @example
 * ```ts
 * // '?a%3D=1' gives
 * const entry: QueryEntry = { name: 'a=', value: '1', nameFrom: 1, nameTo: 5, valueFrom: 6, valueTo: 7 };
 * ```
 */
export interface QueryEntry {
  /** The name, percent-decoded. */
  readonly name: string;
  /** The value, percent-decoded. */
  readonly value: string;
  readonly nameFrom: number;
  readonly nameTo: number;
  readonly valueFrom: number;
  readonly valueTo: number;
}

/**
 * Splits `src.raw[from, to)` (the text after `?`) into `name=value` entries,
 * in order. Empty entries (`a=1&&b=2`, a trailing `&`, `?` alone) are skipped;
 * a name without `=` or an empty name is a UriError.
 *
 * @example
 * ```ts
 * const src = createUriSource('tcp://h?tcpNoDelay=true');
 * parseQuery(src, 8, src.raw.length, 'option').map((e) => [e.name, e.value]); // [['tcpNoDelay', 'true']]
 * ```
 */
export function parseQuery(src: UriSource, from: number, to: number, kind: string): QueryEntry[] {
  src.rejectSpaces(from, to, `the ${kind}s`);
  const entries: QueryEntry[] = [];
  let start = from;
  while (start <= to) {
    const amp = indexIn(src.raw, '&', start, to);
    const end = amp === -1 ? to : amp;
    if (end > start) entries.push(parseEntry(src, start, end, kind));
    start = end + 1;
  }
  return entries;
}

function parseEntry(src: UriSource, from: number, to: number, kind: string): QueryEntry {
  const eq = indexIn(src.raw, '=', from, to);
  if (eq === -1) {
    src.fail(to, `expected "=" and a value after the ${kind} ${src.quote(from, to)}`, `write name=value`);
  }
  if (eq === from) src.fail(from, `expected the ${kind} name before "="`, 'write name=value');
  return {
    name: percentDecode(src, from, eq, `the ${kind} name`),
    value: percentDecode(src, eq + 1, to, `the ${kind} value`),
    nameFrom: from,
    nameTo: eq,
    valueFrom: eq + 1,
    valueTo: to,
  };
}

/**
 * Reads an entry's value as `type`, or throws a UriError naming the option
 * and the value as written.
 *
 * @example
 * ```ts
 * readValue(src, entry, 'randomize', booleanValue); // true, false, or a UriError
 * ```
 */
export function readValue<T>(src: UriSource, entry: QueryEntry, name: string, type: ValueType<T>): T {
  const value = type.parse(entry.value);
  if (value === undefined) {
    src.fail(
      entry.valueFrom,
      `invalid value ${src.quote(entry.valueFrom, entry.valueTo)} for ${name}`,
      type.expected,
    );
  }
  return value;
}
