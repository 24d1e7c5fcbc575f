import type { Peer } from '../types';

/**
 * Options of {@link stompHandshake}; every one is optional. Values are sent
 * as written (CONNECT headers are not escaped), so none may hold a CR, LF or
 * NUL, and an extra header's name no colon either.
 *
 * @example
 * ```ts
 * const options: StompHandshakeOptions = { host: '/', heartBeat: [0, 10000], headers: { 'client-id': 'c1' } };
 * connect$(uri, {}, { verify: stompHandshake(options) });
 * ```
 */
export interface StompHandshakeOptions {
  /** Default: the peer's URI login, if any (no `login` header without one). */
  readonly login?: string;
  /** Default: the peer's URI passcode, if any. Never shown in any message. */
  readonly passcode?: string;
  /** The `host` header (RabbitMQ: the virtual host, e.g. `'/'`); default: the peer's host. */
  readonly host?: string;
  /** Default `'1.0,1.1,1.2'`. */
  readonly acceptVersion?: string;
  /** `[cx, cy]` in ms; default `[0, 0]` (no heart-beats). */
  readonly heartBeat?: readonly [number, number];
  /** Extra CONNECT headers; one named like a header above replaces it. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The options once checked: a copy, so that a later change to the caller's object cannot slip past the checks. */
export interface CheckedHandshakeOptions {
  readonly login: string | undefined;
  readonly passcode: string | undefined;
  readonly host: string | undefined;
  readonly acceptVersion: string;
  readonly heartBeat: readonly [number, number];
  readonly headers: Readonly<Record<string, string>>;
}

/** What a CONNECT header cannot carry: its lines end at CR/LF and the frame at NUL, and nothing is escaped. */
const UNSENDABLE = /[\r\n\0]/;
const NOT_ESCAPED = '(CONNECT headers are not escaped)';
/** The options that are CONNECT headers, with their header names. */
const HEADER_OPTIONS = [
  ['login', 'login'],
  ['passcode', 'passcode'],
  ['host', 'host'],
  ['acceptVersion', 'accept-version'],
] as const;

function kind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkHeartBeat(heartBeat: unknown): readonly [number, number] {
  if (
    !Array.isArray(heartBeat) ||
    heartBeat.length !== 2 ||
    !heartBeat.every((ms) => Number.isSafeInteger(ms) && ms >= 0 && ms <= 2147483647)
  ) {
    throw new TypeError(
      `stompHandshake: heartBeat must be two whole numbers of ms from 0 to 2147483647, got ${String(heartBeat)}`,
    );
  }
  return [heartBeat[0] as number, heartBeat[1] as number];
}

function checkExtraHeaders(headers: unknown): Record<string, string> {
  if (headers === undefined) return {};
  if (!isRecord(headers)) {
    throw new TypeError(`stompHandshake: option headers must be an object of strings, got ${kind(headers)}`);
  }
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const shown = JSON.stringify(name);
    if (name === '')
      throw new TypeError(`stompHandshake: CONNECT header name ${shown} in option headers is empty`);
    if (UNSENDABLE.test(name) || name.includes(':')) {
      throw new TypeError(
        `stompHandshake: CONNECT header name ${shown} in option headers holds a colon, CR, LF or NUL ${NOT_ESCAPED}`,
      );
    }
    if (typeof value !== 'string') {
      throw new TypeError(`stompHandshake: headers[${shown}] must be a string, got ${kind(value)}`);
    }
    if (UNSENDABLE.test(value)) {
      throw new TypeError(`stompHandshake: headers[${shown}] must not hold a CR, LF or NUL ${NOT_ESCAPED}`);
    }
    // defineProperty: a header named __proto__ stays an ordinary header.
    Object.defineProperty(checked, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return checked;
}

/**
 * Checks {@link stompHandshake}'s options and copies them: every value a
 * string without CR, LF or NUL, extra header names without a colon, a valid
 * `heartBeat`. A wrong one is a `TypeError` naming the option and its CONNECT
 * header, never showing the value (it may be a passcode).
 *
 * @example
 * ```ts
 * checkHandshakeOptions({ passcode: 'pa:ss' }).passcode; // 'pa:ss', sent as written
 * checkHandshakeOptions({ passcode: 'a\nb' });          // throws TypeError naming the passcode header
 * ```
 */
export function checkHandshakeOptions(options: unknown): CheckedHandshakeOptions {
  if (options === undefined) options = {};
  if (!isRecord(options))
    throw new TypeError(`stompHandshake: options must be an object, got ${kind(options)}`);
  const values: Partial<Record<(typeof HEADER_OPTIONS)[number][0], string>> = {};
  for (const [option, header] of HEADER_OPTIONS) {
    const value = options[option];
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      throw new TypeError(`stompHandshake: option ${option} must be a string, got ${kind(value)}`);
    }
    if (UNSENDABLE.test(value)) {
      throw new TypeError(
        `stompHandshake: option ${option} (CONNECT header "${header}") must not hold a CR, LF or NUL ${NOT_ESCAPED}`,
      );
    }
    values[option] = value;
  }
  return {
    login: values.login,
    passcode: values.passcode,
    host: values.host,
    acceptVersion: values.acceptVersion ?? '1.0,1.1,1.2',
    heartBeat: checkHeartBeat(options.heartBeat ?? [0, 0]),
    headers: checkExtraHeaders(options.headers),
  };
}

/** A peer's value for a CONNECT header: parseUri refuses CR/LF/NUL, but a peer can be built by hand. */
function peerValue(name: 'login' | 'passcode' | 'host', value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new TypeError(`stompHandshake: the peer's ${name} must be a string`);
  if (UNSENDABLE.test(value)) {
    throw new TypeError(
      `stompHandshake: the peer's ${name} cannot be sent in the CONNECT header "${name}": ` +
        `it holds a CR, LF or NUL ${NOT_ESCAPED}`,
    );
  }
  return value;
}

/**
 * The CONNECT frame's headers, in order: `accept-version`, `host`, `login`,
 * `passcode`, `heart-beat`, then the extra headers (which replace any of
 * these). Values the options leave out come from the peer; one that cannot
 * be sent (CR, LF, NUL) is a `TypeError` naming the header, never showing it.
 *
 * @example
 * ```ts
 * connectHeaders(checkHandshakeOptions({ host: '/' }), peer);
 * // { 'accept-version': '1.0,1.1,1.2', host: '/', login: 'guest', passcode: 'guest', 'heart-beat': '0,0' }
 * ```
 */
export function connectHeaders(options: CheckedHandshakeOptions, peer: Peer): Record<string, string> {
  // A peer's value an option or extra header replaces is never sent, so never checked.
  const value = (name: 'login' | 'passcode' | 'host'): string | undefined =>
    options[name] ??
    (Object.hasOwn(options.headers, name) ? options.headers[name] : peerValue(name, peer[name]));
  const [login, passcode, host] = [value('login'), value('passcode'), value('host')];
  const headers: Record<string, string> = {
    'accept-version': options.acceptVersion,
    ...(host !== undefined && { host }),
    ...(login !== undefined && { login }),
    ...(passcode !== undefined && { passcode }),
    'heart-beat': `${options.heartBeat[0]},${options.heartBeat[1]}`,
  };
  for (const [name, value] of Object.entries(options.headers)) {
    Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return headers;
}
