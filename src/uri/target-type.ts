import { UriError } from '../errors/uri-error';
import { describeValue, isPlainObject } from '../internal/describe-value';

/** A WHATWG URL (from any realm): its host and port look like a target's, but are not one. */
function isUrl(value: object): boolean {
  return Object.prototype.toString.call(value) === '[object URL]';
}

/**
 * Whether `value` can be the `{ host, port }` form of a target: a plain
 * object, or any other object with a `host` or `port` (a class instance),
 * but not an array, a Map or a URL (whose `host` holds the port too). Never
 * throws (a Proxy whose traps throw is no target).
 *
 * @example
 * ```ts
 * isTargetObject({ host: 'mq', port: 61613 }); // true
 * isTargetObject(new URL('tcp://mq:61613'));   // false
 * ```
 */
export function isTargetObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  try {
    if (Array.isArray(value) || isUrl(value)) return false;
    return isPlainObject(value) || 'host' in value || 'port' in value;
  } catch {
    return false;
  }
}

/**
 * The error for a target that is neither a URI string nor `{ host, port }`,
 * worded the same by `parseUri`, `connect$` and `connect` (SPEC §1): what
 * was expected and what was given (never the value itself, which may hold a
 * passcode).
 *
 * @example
 * ```ts
 * notATarget(undefined).message; // 'expected a URI string or { host, port }, got undefined'
 * ```
 */
export function notATarget(value: unknown): UriError {
  let given = describeValue(value);
  try {
    if (typeof value === 'object' && value !== null && isUrl(value)) given = 'a URL: pass String(url)';
  } catch {
    // A revoked Proxy: described as unreadable.
  }
  return new UriError(`expected a URI string or { host, port }, got ${given}`, { input: '' });
}

const MAX_NAMED_KEYS = 3;
/** A key is named by its start: a long one (a mistake, or someone's data) keeps the message short. */
const MAX_KEY_CHARS = 40;
const quoteKey = (key: string): string =>
  JSON.stringify(key.length > MAX_KEY_CHARS ? `${key.slice(0, MAX_KEY_CHARS)}…` : key);

/**
 * The error for a `{ host, port }` target with other own enumerable keys (`tls`,
 * `login`, `passcode`, a `Peer`'s `uri`…), which it would otherwise ignore
 * in silence (a plain TCP connection without credentials); `undefined` when
 * it has none. Names the keys (at most three, quoted, each cut at 40
 * characters), never their values.
 *
 * @example
 * ```ts
 * extraTargetKeys({ host: 'mq', port: 61614, tls: true })?.message;
 * // 'the { host, port } target takes host and port only, not "tls": ...'
 * ```
 */
export function extraTargetKeys(target: object): UriError | undefined {
  let keys: string[];
  try {
    keys = Object.keys(target).filter((key) => key !== 'host' && key !== 'port');
  } catch {
    // A Proxy whose ownKeys trap throws.
    return new UriError('expected a URI string or { host, port }, got an object whose keys cannot be read', {
      input: '',
    });
  }
  if (keys.length === 0) return undefined;
  const named = keys.slice(0, MAX_NAMED_KEYS).map(quoteKey);
  const more = keys.length > MAX_NAMED_KEYS ? ` and ${keys.length - MAX_NAMED_KEYS} more` : '';
  const hint = keys.includes('uri')
    ? 'a Peer from parseUri is connected to through its uri'
    : 'write a URI for more (ssl://host:port, stomp://login:passcode@host:port), or pass SSL_* sockopts for TLS';
  return new UriError(
    `the { host, port } target takes host and port only, not ${named.join(', ')}${more}: ${hint}`,
    { input: '' },
  );
}

/**
 * The `{ host, port }` target's `host` and `port` as given (anything at all),
 * or a {@link UriError} when reading them throws (a getter, a Proxy): what it
 * threw is the user's and is not shown (it may hold a secret).
 *
 * @example
 * ```ts
 * readTargetAddress({ host: 'mq', port: 61613 }); // { host: 'mq', port: 61613 }
 * ```
 */
export function readTargetAddress(target: object): { host: unknown; port: unknown } | UriError {
  try {
    const { host, port } = target as { host?: unknown; port?: unknown };
    return { host, port };
  } catch {
    return new UriError(
      'expected a URI string or { host, port }, got an object whose host or port cannot be read',
      { input: '' },
    );
  }
}
