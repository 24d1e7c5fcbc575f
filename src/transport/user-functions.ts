import type { LookupFunction } from 'node:net';
import type { PeerCertificate, PSKCallbackNegotation } from 'node:tls';
import { types } from 'node:util';
import type { HostNameCheck } from './sockopt-settings';
import { describeValue } from './sockopt-values';

/*
 * Node calls the user's functions among the sockopts (lookup,
 * checkServerIdentity, pskCallback) from inside its own socket code, where a
 * throw is an uncaught exception (checkServerIdentity: the process dies), or
 * escapes net.connect leaving its socket open (lookup), and where any value at
 * all becomes the socket's error. These guards turn whatever the function does
 * into what Node expects: an Error, or a valid answer.
 */

/**
 * Whether `value` is an Error, from this realm or another (a vm context).
 *
 * @example
 * ```ts
 * isError(new TypeError('x')); // true
 * isError({ message: 'x' });   // false
 * ```
 */
export const isError = (value: unknown): value is Error =>
  value instanceof Error || types.isNativeError(value);

/**
 * `value` if it is an Error, else an Error saying what came (`what`, then the
 * value, described safely: a string quoted, an object by kind) with the value
 * as `cause`.
 *
 * @example
 * ```ts
 * userError('lookup threw', null).message;       // 'lookup threw null'
 * userError('lookup threw', 'no DNS').message;   // 'lookup threw "no DNS"'
 * ```
 */
export function userError(what: string, value: unknown): Error {
  return isError(value) ? value : new Error(`${what} ${describeValue(value, false)}`, { cause: value });
}

/**
 * The user's `checkServerIdentity`, made safe for Node to call: a throw of any
 * value becomes the refusal (an Error), and a result other than `undefined`
 * (accept) or an Error (refuse) refuses too, saying what to return — a
 * security check that answers something else must not let a certificate
 * through.
 *
 * @example
 * ```ts
 * const check = guardedHostCheck(() => { throw 'no'; });
 * check('mq', cert)?.message; // 'checkServerIdentity threw "no"'
 * ```
 */
export function guardedHostCheck(check: HostNameCheck): HostNameCheck {
  return (host: string, cert: PeerCertificate) => {
    let result: unknown;
    try {
      result = check(host, cert);
    } catch (thrown) {
      return userError('checkServerIdentity threw', thrown);
    }
    if (result === undefined || isError(result)) return result;
    return new Error(
      `checkServerIdentity returned ${describeValue(result, false)}: ` +
        'return undefined to accept the certificate, or an Error to refuse it',
    );
  };
}

/** Whether a lookup answer holds an address Node can use without throwing itself. */
function hasAddress(all: boolean, address: unknown): boolean {
  if (!all) return typeof address === 'string';
  return (
    Array.isArray(address) &&
    address.length > 0 &&
    address.every((entry) => typeof entry === 'object' && entry !== null)
  );
}

/**
 * The user's `lookup`, made safe for Node to call: it answers once (later
 * answers, and a throw after answering, are ignored, as a Promise's executor
 * does); a throw, or an error that is not an Error, becomes an Error; an
 * answer with no address becomes an error rather than a TypeError thrown
 * inside Node.
 *
 * @example
 * ```ts
 * net.connect({ host: 'mq', port: 61613, lookup: guardedLookup(myLookup) });
 * ```
 */
export function guardedLookup(lookup: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    let answered = false;
    const answer = (error: unknown, address?: unknown, family?: unknown): void => {
      if (answered) return;
      answered = true;
      if (error) return callback(userError('lookup called back with the error', error), '');
      if (!hasAddress(options.all === true, address)) {
        return callback(new Error('lookup called back with no address'), '');
      }
      callback(null, address as string, family as number | undefined);
    };
    try {
      lookup(hostname, options, answer);
    } catch (thrown) {
      answer(userError('lookup threw', thrown));
    }
  };
}

/**
 * The user's `pskCallback`, made to throw only Errors (Node reports what it
 * throws as the socket's error).
 *
 * @example
 * ```ts
 * tls.connect({ host, port, pskCallback: guardedPskCallback(myPsk) });
 * ```
 */
export function guardedPskCallback(
  psk: (hint: string | null) => PSKCallbackNegotation | null,
): (hint: string | null) => PSKCallbackNegotation | null {
  return (hint) => {
    try {
      return psk(hint);
    } catch (thrown) {
      throw userError('pskCallback threw', thrown);
    }
  };
}
