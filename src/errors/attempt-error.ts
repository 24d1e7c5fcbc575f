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

function causeCode(cause: unknown): string {
  if (typeof cause === 'object' && cause !== null && 'code' in cause) {
    const { code } = cause as { code: unknown };
    if (typeof code === 'string' && code !== '') return code;
  }
  return ATTEMPT_ERROR_CODE;
}

// By shape, not `instanceof Error`: errors from another realm (vm contexts, jest) fail that test.
function causeReason(cause: unknown): string {
  if (typeof cause === 'object' && cause !== null) {
    const { message, name, reason, library } = cause as Record<string, unknown>;
    // OpenSSL's messages read `80ACF3…:error:0A00010B:SSL routines:ssl3_get_record:wrong
    // version number:../deps/openssl/…`: its `reason` alone reads better; the cause keeps the rest.
    if (typeof reason === 'string' && typeof library === 'string') return `TLS handshake failed: ${reason}`;
    if (typeof message === 'string' && message !== '') return message;
    if (typeof name === 'string' && name !== '') return name;
  }
  return String(cause);
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
 * `ERR_STOMP_ATTEMPT` when the cause has none.
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
