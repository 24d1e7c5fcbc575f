import { tap } from 'rxjs';
import { connect$, type ConnectTarget } from './connect';
import { AbortError } from './errors/abort-error';
import { checkedSignal, checkFunction, optionsWithout, readOptions } from './internal/check-arguments';
import { readProperty, threwText } from './internal/error-message';
import { toSocket } from './to-socket';
import type { ConnectEvent, ConnectOptions, Socket, Sockopts } from './types';

/**
 * {@link ConnectOptions} plus an `AbortSignal` that cancels the run and a
 * callback that sees each event of the run.
 *
 * @example
 * ```ts
 * await connect(uri, {}, {
 *   signal: AbortSignal.timeout(5000),
 *   verify: stompHandshake(),
 *   onEvent: (event) => console.log(event.type, event.attempt, event.peer.uri),
 * });
 * ```
 */
export interface ConnectPromiseOptions<V = unknown> extends ConnectOptions<V> {
  /** Cancels the run; `null` or absent: none (as `fetch` reads it). */
  readonly signal?: AbortSignal | null;
  /**
   * Called with each event of the run (`attempt`, `failed`, `connected`).
   * Should it throw, the run is cancelled (a socket it was shown is
   * destroyed) and the promise rejects with what it threw.
   */
  readonly onEvent?: (event: ConnectEvent<V>) => void;
}

/**
 * The Promise form of {@link connect$}: resolves with the connected socket,
 * rejects with the run's error (`ConnectError`, `UriError`, `SockoptError`),
 * or with an `AbortError` when `signal` aborts first — leaving nothing open.
 * It never throws: wrong arguments (options that are not an object, a
 * `signal` that is not an `AbortSignal` — an `AbortController` is named as
 * such —, an `onEvent`, `transport`, `verify` or `random` that is not a
 * function, sockopts that are not a plain object) reject with a `TypeError`
 * (`SockoptError` for the sockopts) before anything starts.
 *
 * @example
 * ```ts
 * const socket = await connect('failover:(tcp://mq1:61613,tcp://mq2:61613)', {}, {
 *   signal: AbortSignal.timeout(10_000),
 * });
 * ```
 */
export function connect<V = unknown>(
  target: ConnectTarget,
  sockopts?: Sockopts,
  options?: ConnectPromiseOptions<V>,
): Promise<Socket> {
  let signal: AbortSignal | undefined;
  let onEvent: ((event: ConnectEvent<V>) => void) | undefined;
  let connectOptions: ConnectOptions<V>;
  try {
    const fields = readOptions(options, ['signal', 'onEvent']);
    signal = checkedSignal(fields.signal);
    checkFunction('onEvent', fields.onEvent);
    onEvent = fields.onEvent as typeof onEvent;
    // The rest as given (connect$ checks it): a copy without the two fields of this function.
    connectOptions = optionsWithout(options, ['signal', 'onEvent']) as ConnectOptions<V>;
  } catch (error) {
    return Promise.reject(error as Error);
  }
  const watched$ =
    onEvent === undefined
      ? connect$(target, sockopts, connectOptions)
      : connect$(target, sockopts, connectOptions).pipe(tap((event) => notify(onEvent, event)));
  return new Promise<Socket>((resolve, reject) => {
    if (signal === undefined) {
      watched$.pipe(toSocket()).subscribe({ next: resolve, error: reject });
      return;
    }
    // The signal may be another realm's or a library's look-alike, whose members may
    // throw: a throw rejects the call and stops the run, and never escapes as a crash.
    const given = signal;
    let aborted: boolean;
    try {
      aborted = given.aborted;
    } catch (error) {
      reject(signalThrew('aborted', error));
      return;
    }
    if (aborted) {
      reject(new AbortError(readProperty(given, 'reason')));
      return;
    }
    const onAbort = (): void => {
      subscription.unsubscribe();
      reject(new AbortError(readProperty(given, 'reason')));
    };
    // Once settled, a listener the signal cannot remove only calls a no-op.
    const detach = (): void => {
      try {
        given.removeEventListener('abort', onAbort);
      } catch {
        // nothing to undo
      }
    };
    const subscription = watched$.pipe(toSocket()).subscribe({
      next: (socket) => {
        detach();
        resolve(socket);
      },
      error: (error: unknown) => {
        detach();
        reject(error);
      },
    });
    if (subscription.closed) return;
    try {
      // An abort fired during the subscription itself (by a transport, verify…) had no listener yet.
      if (given.aborted) return onAbort();
    } catch (error) {
      subscription.unsubscribe();
      return reject(signalThrew('aborted', error));
    }
    try {
      given.addEventListener('abort', onAbort, { once: true });
    } catch (error) {
      subscription.unsubscribe();
      reject(signalThrew('addEventListener', error));
    }
  });
}

function signalThrew(member: string, error: unknown): TypeError {
  return new TypeError(threwText(`options.signal.${member}`, error), { cause: error });
}

/**
 * Shows `event` to `onEvent`. A throw becomes the run's error (it cancels the
 * run); the socket of a `connected` event is then destroyed, since the caller
 * never receives it.
 */
function notify<V>(onEvent: (event: ConnectEvent<V>) => void, event: ConnectEvent<V>): void {
  try {
    onEvent(event);
  } catch (error) {
    if (event.type === 'connected') event.socket.destroy();
    throw error;
  }
}
