/**
 * Hand-written host and port validators: one pass over the text, no regular
 * expressions, so that hostile input cannot make them slow.
 */

/**
 * What is wrong with a host or port, `offset` counted from its first character.
 *
 * @example
 * ```ts
 * const fault: TextFault = { offset: 3, what: 'unexpected ";" in the host', detail: 'expected ...' };
 * ```
 */
export interface TextFault {
  readonly offset: number;
  readonly what: string;
  readonly detail: string;
}

/**
 * Quotes `text[from, to)` for a message (the caller masks what must be masked).
 *
 * @example
 * ```ts
 * const quote: Quote = (from, to) => JSON.stringify(host.slice(from, to));
 * ```
 */
export type Quote = (from: number, to: number) => string;

const MAX_NAME = 253;
const MAX_LABEL = 63;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * Whether `text` is a dotted-quad IPv4 address: four decimal numbers 0–255,
 * without leading zeros (which some resolvers read as octal).
 *
 * @example
 * ```ts
 * isIPv4('192.0.2.1'); // true
 * isIPv4('010.0.0.1'); // false
 * ```
 */
export function isIPv4(text: string): boolean {
  if (text.length > 15) return false;
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  return parts.every((part) => {
    if (part.length === 0 || part.length > 3 || (part.length > 1 && part.startsWith('0'))) return false;
    for (let i = 0; i < part.length; i++) if (!isDigit(part.charCodeAt(i))) return false;
    return Number(part) <= 255;
  });
}

/**
 * Whether `text` is an IPv6 address (RFC 4291 text form: eight groups of 1–4
 * hex digits, at most one `::`, optionally ending in an embedded IPv4
 * address). Zone identifiers (`%eth0`) are not accepted.
 *
 * @example
 * ```ts
 * isIPv6('::1');              // true
 * isIPv6('::ffff:192.0.2.1'); // true
 * isIPv6('1::2::3');          // false
 * ```
 */
export function isIPv6(text: string): boolean {
  // The longest valid form is 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255'.
  if (text.length < 2 || text.length > 45) return false;
  const gap = text.indexOf('::');
  if (gap !== -1 && text.indexOf('::', gap + 1) !== -1) return false;
  const head = gap === -1 ? text : text.slice(0, gap);
  const tail = gap === -1 ? '' : text.slice(gap + 2);
  const groups = [...(head === '' ? [] : head.split(':')), ...(tail === '' ? [] : tail.split(':'))];
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? '';
    // An embedded IPv4 address may only be the very last thing written.
    const isLast = i === groups.length - 1 && (gap === -1 || tail !== '');
    if (isLast && group.includes('.')) {
      if (!isIPv4(group)) return false;
      count += 2;
      continue;
    }
    if (group.length === 0 || group.length > 4) return false;
    for (let k = 0; k < group.length; k++) if (!isHex(group.charCodeAt(k))) return false;
    count += 1;
  }
  return gap === -1 ? count === 8 : count <= 7;
}

/**
 * Whether every dot-separated part of `host` (one trailing dot aside) is a
 * number as `inet_aton` reads one: decimal digits (octal with a leading 0)
 * or `0x` and hex digits. Resolvers (getaddrinfo) read such a name as an
 * IPv4 address however it is written (`0x7f000001`, `127.1`, `0177.0.0.1`
 * all mean 127.0.0.1), so it is checked as an address, never as a DNS name.
 *
 * @example
 * ```ts
 * looksNumeric('0x7f.0.0.1'); // true
 * looksNumeric('0x7g.0.0.1'); // false: a DNS name
 * ```
 */
export function looksNumeric(host: string): boolean {
  const end = host.endsWith('.') ? host.length - 1 : host.length;
  let start = 0;
  while (start <= end) {
    let stop = start;
    while (stop < end && host.charCodeAt(stop) !== 0x2e) stop++;
    if (!isNumberPart(host, start, stop)) return false;
    start = stop + 1;
  }
  return true;
}

function isNumberPart(host: string, from: number, to: number): boolean {
  if (from === to) return false;
  const hex = to - from >= 2 && host.charCodeAt(from) === 0x30 && (host.charCodeAt(from + 1) | 0x20) === 0x78;
  for (let i = hex ? from + 2 : from; i < to; i++) {
    const c = host.charCodeAt(i);
    if (!(hex ? isHex(c) : isDigit(c))) return false;
  }
  return true;
}

/**
 * Checks a host written without brackets and without `:`: a DNS name
 * (letters, digits, `.`, `-`, `_`; labels of 1–63 characters not starting or
 * ending with `-`; at most 253 characters; one trailing dot allowed) or, when
 * it has only digits and dots or {@link looksNumeric looks numeric}, a
 * dotted-quad IPv4 address.
 *
 * @example
 * ```ts
 * checkHostName('broker-1.example.com', quote); // undefined: fine
 * checkHostName('foo;123', quote)?.offset;      // 3
 * checkHostName('127.1', quote)?.what;          // 'invalid IPv4 address "127.1"'
 * ```
 */
export function checkHostName(host: string, quote: Quote): TextFault | undefined {
  let numeric = true;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (isDigit(c) || c === 0x2e) continue;
    numeric = false;
    if (!isLetter(c) && c !== 0x2d && c !== 0x5f) {
      return {
        offset: i,
        what: `unexpected ${quote(i, i + 1)} in the host`,
        detail:
          'expected a host name (letters, digits, ".", "-", "_"), an IPv4 address or an IPv6 address in brackets',
      };
    }
  }
  if (numeric || looksNumeric(host)) {
    return isIPv4(host)
      ? undefined
      : {
          offset: 0,
          what: `invalid IPv4 address ${quote(0, host.length)}`,
          detail: 'expected four decimal numbers 0-255 without leading zeros, e.g. 192.0.2.1',
        };
  }
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length > MAX_NAME) {
    return {
      offset: MAX_NAME,
      what: 'host name too long',
      detail: `expected at most ${MAX_NAME} characters`,
    };
  }
  let start = 0;
  while (start <= name.length) {
    const dot = name.indexOf('.', start);
    const end = dot === -1 ? name.length : dot;
    const fault = checkLabel(name, start, end, quote);
    if (fault !== undefined) return fault;
    start = end + 1;
  }
  return undefined;
}

function checkLabel(name: string, start: number, end: number, quote: Quote): TextFault | undefined {
  if (end === start) {
    return {
      offset: start,
      what: 'empty label in the host name',
      detail: 'expected a name between the dots',
    };
  }
  if (end - start > MAX_LABEL) {
    return {
      offset: start,
      what: 'host name label too long',
      detail: `expected at most ${MAX_LABEL} characters between dots`,
    };
  }
  const hyphen = name.charCodeAt(start) === 0x2d ? start : name.charCodeAt(end - 1) === 0x2d ? end - 1 : -1;
  if (hyphen !== -1) {
    return {
      offset: hyphen,
      what: `unexpected "-" at the ${hyphen === start ? 'start' : 'end'} of ${quote(start, end)}`,
      detail: 'a host name label starts and ends with a letter, a digit or "_"',
    };
  }
  return undefined;
}

/**
 * Checks a port written in a URI: decimal digits (leading zeros allowed),
 * 1–65535. Returns the port, or what is wrong with it.
 *
 * @example
 * ```ts
 * checkPort('61613', quote); // 61613
 * checkPort('0', quote);     // { offset: 0, what: 'port "0" out of range', ... }
 * ```
 */
export function checkPort(text: string, quote: Quote): number | TextFault {
  for (let i = 0; i < text.length; i++) {
    if (!isDigit(text.charCodeAt(i))) {
      return { offset: i, what: `unexpected ${quote(i, i + 1)} in the port`, detail: 'expected digits' };
    }
  }
  let first = 0;
  while (first < text.length - 1 && text.charCodeAt(first) === 0x30) first++;
  const port = text.length - first > 5 ? Infinity : Number(text.slice(first));
  if (port >= 1 && port <= 65535) return port;
  return { offset: 0, what: `port ${quote(0, text.length)} out of range`, detail: 'expected 1-65535' };
}
