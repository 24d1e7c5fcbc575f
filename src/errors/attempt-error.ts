import { describeValue } from '../internal/describe-value';
import { errorMessage, readProperty } from '../internal/error-message';
import type { Peer } from '../types';

/**
 * `code` of an {@link AttemptError} whose cause carries no code of its own.
 *
 * @example
 * ```ts
 * new AttemptError(peer, 1, new Error('odd')).code === ATTEMPT_ERROR_CODE; // true
 * ```
 */
export const ATTEMPT_ERROR_CODE = 'ERR_STOMP_ATTEMPT';

// Every read below survives any cause: a getter or a Proxy that throws, an object
// without prototype, a value with no message at all.
function causeCode(cause: unknown): string {
  if (typeof cause !== 'object' || cause === null) return ATTEMPT_ERROR_CODE;
  const code = readProperty(cause, 'code');
  return typeof code === 'string' && code !== '' ? code : ATTEMPT_ERROR_CODE;
}

// By shape, not `instanceof Error`: errors from another realm (vm contexts, jest) fail that test.
function causeReason(cause: unknown): string {
  if (typeof cause === 'object' && cause !== null) {
    const reason = readProperty(cause, 'reason');
    // OpenSSL's messages read `80ACF3…:error:0A00010B:SSL routines:ssl3_get_record:wrong
    // version number:../deps/openssl/…`: its `reason` alone reads better; the cause keeps the rest.
    if (typeof reason === 'string' && typeof readProperty(cause, 'library') === 'string') {
      return `TLS handshake failed: ${reason}`;
    }
  }
  return errorMessage(cause) ?? `failed with ${describeValue(cause)}`;
}

/**
 * `HOST:PORT` as in Perl's messages, IPv6 bracketed.
 *
 * @example
 * ```ts
 * hostPort({ host: '::1', port: 61613 }); // '[::1]:61613'
 * ```
 */
export function hostPort(peer: Pick<Peer, 'host' | 'port'>): string {
  return peer.host.includes(':') ? `[${peer.host}]:${peer.port}` : `${peer.host}:${peer.port}`;
}

/**
 * One failed attempt: `cannot connect to HOST:PORT: REASON` (`cannot SSL
 * connect` for TLS peers). `code` is the cause's own code (`ECONNREFUSED`,
 * `ENOTFOUND`, Node's TLS codes…), `ETIMEDOUT` for an attempt timeout, or
 * `ERR_STOMP_ATTEMPT` when the cause has none. The cause may be anything a
 * user's function threw (`null`, a string, an object without prototype, a
 * Proxy): REASON is then its message if it has one, else what it is
 * (`failed with null`), and building the error never throws.
 *
 * @example
 * ```ts
 * connect$('tcp://127.0.0.1:1').subscribe((event) => {
 *   if (event.type === 'failed') console.log(event.error.code, event.error.message);
 * });
 * ```
 */
export class AttemptError extends Error {
  readonly code: string;
  readonly peer: Peer;
  /** 1-based number of the attempt within its run. */
  readonly attempt: number;

  constructor(peer: Peer, attempt: number, cause: unknown) {
    // No stack: it would show only RxJS internals (the cause keeps the I/O error's
    // own), yet capturing it was the costliest part of a failed attempt, and the
    // captured frames kept each attempt's subscriber chain alive (~7 KB an error).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(`cannot ${peer.tls ? 'SSL connect' : 'connect'} to ${hostPort(peer)}: ${causeReason(cause)}`, {
        cause,
      });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = 'AttemptError';
    this.peer = peer;
    this.attempt = attempt;
    this.code = causeCode(cause);
  }
}
