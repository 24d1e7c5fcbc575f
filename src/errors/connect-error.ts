import { readProperty } from '../internal/error-message';
import type { AttemptError } from './attempt-error';

/**
 * How many attempt errors a {@link ConnectError} keeps (the most recent).
 *
 * @example
 * ```ts
 * connectError.errors.length <= MAX_KEPT_ATTEMPT_ERRORS; // true, however many attempts ran
 * ```
 */
export const MAX_KEPT_ATTEMPT_ERRORS = 100;

/**
 * The end of a run in which no attempt succeeded. Its message is the last
 * attempt's, plus the count, as Perl's final error:
 * `cannot connect to b:2: connect ECONNREFUSED 127.0.0.1:2 (4 attempts)`.
 *
 * @example
 * ```ts
 * connect('failover:(tcp://127.0.0.1:1)?maxReconnectAttempts=2').catch((err) => {
 *   if (err instanceof ConnectError) console.error(err.attempts, err.errors.map((e) => e.code));
 * });
 * ```
 */
export class ConnectError extends Error {
  readonly code = 'ERR_STOMP_CONNECT' as const;
  /** How many attempts the run made. */
  readonly attempts: number;
  /** The attempts' errors, oldest first (at most the most recent 100). */
  readonly errors: readonly AttemptError[];

  constructor(errors: readonly AttemptError[], attempts: number) {
    const last = errors[errors.length - 1];
    // An AttemptError's message is always a string; anything else given here is not trusted to be.
    const lastMessage: unknown = last === undefined ? undefined : readProperty(last, 'message');
    const reason =
      last === undefined
        ? 'no peer to connect to'
        : typeof lastMessage === 'string'
          ? lastMessage
          : 'the last attempt failed';
    super(`${reason} (${attempts} ${attempts === 1 ? 'attempt' : 'attempts'})`, { cause: last });
    this.name = 'ConnectError';
    this.attempts = attempts;
    this.errors = Object.freeze(errors.slice(-MAX_KEPT_ATTEMPT_ERRORS));
  }
}
