import type { TLSSocket } from 'node:tls';
import type { Socket } from '../types';

/**
 * What a TLS connection agreed on and what the broker's certificate says.
 *
 * @example
 * ```ts
 * const info: TlsInfo = { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authorized: false,
 *                         authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' };
 * ```
 */
export interface TlsInfo {
  /** e.g. `'TLSv1.3'`. */
  readonly protocol: string | null;
  /** e.g. `'TLS_AES_256_GCM_SHA384'`. */
  readonly cipher: string | null;
  /** Whether the certificate chain verified. */
  readonly authorized: boolean;
  /** Why it did not (`socket.authorizationError`), e.g. `'DEPTH_ZERO_SELF_SIGNED_CERT'`. */
  readonly authorizationError?: string;
  /** The certificate subject's CN. */
  readonly subject?: string;
  /** The certificate's expiry (`valid_to`), as ISO 8601 when Node's date reads. */
  readonly validTo?: string;
}

function isTlsSocket(socket: Socket): socket is TLSSocket {
  return (socket as Partial<TLSSocket>).encrypted === true;
}

/** Node documents an Error but sets the verify error's code (or message) string. */
function reasonOf(error: unknown): string | undefined {
  if (error === undefined || error === null) return undefined;
  if (typeof error === 'string') return error;
  // By shape, not `instanceof`: Node's own errors may come from another realm (e.g. under jest).
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return code;
  return typeof message === 'string' ? message : String(error);
}

function isoDate(validTo: string): string {
  const time = Date.parse(validTo);
  return Number.isNaN(time) ? validTo : new Date(time).toISOString().replace('.000Z', 'Z');
}

/**
 * The TLS facts of a connected socket, or `undefined` for a plain TCP one.
 * Holds strings and booleans only, so it can be printed or serialized as it is.
 *
 * @example
 * ```ts
 * tlsInfo(tlsSocket);
 * // { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authorized: true,
 * //   subject: 'broker.example', validTo: '2030-01-01T00:00:00Z' }
 * ```
 */
export function tlsInfo(socket: Socket): TlsInfo | undefined {
  if (!isTlsSocket(socket)) return undefined;
  const certificate = socket.getPeerCertificate();
  const cn = certificate?.subject?.CN as string | string[] | undefined;
  const subject = Array.isArray(cn) ? cn.join(', ') : cn;
  const authorizationError = socket.authorized ? undefined : reasonOf(socket.authorizationError);
  const validTo = certificate?.valid_to;
  return {
    protocol: socket.getProtocol(),
    cipher: socket.getCipher()?.name ?? null,
    authorized: socket.authorized,
    ...(authorizationError !== undefined && { authorizationError }),
    ...(subject !== undefined && { subject }),
    ...(validTo !== undefined && validTo !== '' && { validTo: isoDate(validTo) }),
  };
}
