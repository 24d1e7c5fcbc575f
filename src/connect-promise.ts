import { connect$, type ConnectTarget } from './connect';
import { AbortError } from './errors/abort-error';
import { toSocket } from './to-socket';
import type { ConnectOptions, Socket, Sockopts } from './types';

/**
 * {@link ConnectOptions} plus an `AbortSignal` that cancels the run.
 *
 * @example
 * ```ts
 * await connect(uri, {}, { signal: AbortSignal.timeout(5000), verify: stompHandshake() });
 * ```
 */
export interface ConnectPromiseOptions extends ConnectOptions {
  readonly signal?: AbortSignal;
}

/**
 * The Promise form of {@link connect$}: resolves with the connected socket,
 * rejects with the run's error (`ConnectError`, `UriError`, `SockoptError`),
 * or with an `AbortError` when `signal` aborts first — leaving nothing open.
 *
 * @example
 * ```ts
 * const socket = await connect('failover:(tcp://mq1:61613,tcp://mq2:61613)', {}, {
 *   signal: AbortSignal.timeout(10_000),
 * });
 * ```
 */
export function connect(
  target: ConnectTarget,
  sockopts?: Sockopts,
  options: ConnectPromiseOptions = {},
): Promise<Socket> {
  const { signal, ...connectOptions } = options;
  return new Promise<Socket>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError(signal.reason));
      return;
    }
    const onAbort = (): void => {
      subscription.unsubscribe();
      reject(new AbortError(signal?.reason));
    };
    const subscription = connect$(target, sockopts, connectOptions)
      .pipe(toSocket())
      .subscribe({
        next: (socket) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(socket);
        },
        error: (error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
    if (subscription.closed) return;
    // An abort fired during the subscription itself (by a transport, verify…) had no listener yet.
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
