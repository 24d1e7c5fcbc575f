import { isIP } from 'node:net';
import { SockoptError } from '../errors/sockopt-error';

/**
 * A `LocalAddr` / `LocalHost` value split into its parts.
 *
 * @example
 * ```ts
 * const local: LocalAddress = parseLocalAddress('LocalAddr', '[::1]:4000');
 * ```
 */
export interface LocalAddress {
  /** An IP address, or a host name to resolve before the first attempt. */
  readonly host: string;
  readonly port: number | undefined;
}

const NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

/**
 * Splits IO::Socket::INET's `LocalAddr` (`host`, `host:port`, `[v6]`,
 * `[v6]:port`, or a bare IPv6 address) into host and port. Throws
 * {@link SockoptError} for anything else.
 *
 * @example
 * ```ts
 * parseLocalAddress('LocalAddr', '127.0.0.1:40000'); // { host: '127.0.0.1', port: 40000 }
 * parseLocalAddress('LocalAddr', '[::1]');           // { host: '::1', port: undefined }
 * ```
 */
export function parseLocalAddress(option: string, text: string): LocalAddress {
  const fail = (): never => {
    throw new SockoptError(
      `sockopt ${option}: ${JSON.stringify(text)} is not an address or host name, optionally with :port`,
      { option },
    );
  };
  let host = text;
  let port: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(text);
  if (bracketed !== null) {
    host = bracketed[1] ?? '';
    port = bracketed[2];
    if (isIP(host) !== 6) fail();
  } else if (isIP(text) === 0) {
    const colon = text.lastIndexOf(':');
    // One colon: host:port. More would be an IPv6 address, which isIP rejected.
    if (colon !== -1) {
      if (text.indexOf(':') !== colon) fail();
      host = text.slice(0, colon);
      port = text.slice(colon + 1);
    }
    if (isIP(host) === 0 && !NAME.test(host)) fail();
  }
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) fail();
  return Object.freeze({ host, port: port === undefined ? undefined : Number(port) });
}
