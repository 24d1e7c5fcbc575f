import { asyncScheduler, defer, from, type ObservableInput, Observable, type Subscription } from 'rxjs';
import { AttemptTimeoutError } from '../errors/attempt-timeout-error';
import type { Peer, Socket } from '../types';
import { describeValue } from './describe-value';
import { readProperty } from './error-message';
import { attempt, attemptOr, type Thrown } from './thrown';

/**
 * A socket that an attempt has established, with what `verify` said of it.
 *
 * @example
 * ```ts
 * establish$(peer, request).subscribe(({ socket, verified }: Established) => use(socket, verified));
 * ```
 */
export interface Established {
  readonly socket: Socket;
  readonly verified?: unknown;
}

/**
 * What one attempt needs besides the peer: how to open, how to verify, how long it may take.
 *
 * @example
 * ```ts
 * const request: EstablishRequest = { open: () => tcpConnect$({ host, port }), timeoutMs: 5000 };
 * ```
 */
export interface EstablishRequest {
  /** Opens the socket: its first value is the connected socket. */
  readonly open: () => ObservableInput<Socket>;
  readonly verify?: ((socket: Socket, peer: Peer) => ObservableInput<unknown>) | undefined;
  /** ms for opening and verifying together; 0 or undefined = no limit. */
  readonly timeoutMs?: number | undefined;
}

/**
 * One attempt's socket: opens it, verifies it when asked to, and emits it
 * once, then completes. The attempt settles once — by the socket handed
 * over, or by the first failure (the transport's error, a transport that
 * completes without a socket, `verify` failing or completing empty, the
 * timeout) — and its cleanup undoes everything it started: the timeout's own
 * scheduled action, the transport and `verify` subscriptions, and the socket
 * when it was opened but not handed over. Unsubscribing does the same. Once
 * emitted, the socket is the subscriber's and is never touched again, even
 * if the subscriber unsubscribes synchronously inside `next`.
 *
 * The transport, `verify` and what they give are the user's code: whatever
 * they throw or fail with (any value at all, teardowns included, and the
 * methods of a socket-shaped value) fails the attempt with that value as its
 * cause, and never escapes as an uncaught exception.
 *
 * The timeout is an `asyncScheduler` action, so under `TestScheduler.run` it
 * runs in virtual time.
 *
 * @example
 * ```ts
 * establish$(peer, { open: () => tcpConnect$({ host, port }), verify: stompHandshake(), timeoutMs: 5000 })
 *   .subscribe(({ socket, verified }) => console.log(verified));
 * ```
 */
export function establish$(peer: Peer, request: EstablishRequest): Observable<Established> {
  return new Observable<Established>((subscriber) => {
    const { open, verify, timeoutMs } = request;
    let settled = false;
    let socket: Socket | undefined; // opened, not yet handed over
    let handedOver: Socket | undefined;
    let opening: Subscription | undefined = undefined; // assigned once subscribe returns
    let verifying: Subscription | undefined;
    const timeout =
      timeoutMs !== undefined && timeoutMs > 0
        ? asyncScheduler.schedule(() => fail(new AttemptTimeoutError(timeoutMs)), timeoutMs)
        : undefined;

    // While `verify` runs the socket is still the attempt's: its error or close
    // fails the attempt, whether or not `verify` itself listens.
    const onSocketError = (error: Error): void => fail(error);
    const onSocketClose = (): void => fail(closedDuringVerify());
    const unwatch = (opened: Socket): void => {
      opened.off('error', onSocketError);
      opened.off('close', onSocketClose);
    };

    // The transport's and verify's teardowns are the user's code, and may throw
    // anything: what the first one threw is returned, never thrown (thrown here it
    // would escape through RxJS as an uncaught exception).
    const endUserSubscriptions = (): Thrown | undefined =>
      [opening, verifying].reduce<Thrown | undefined>(
        (thrown, subscription) => thrown ?? attempt(() => subscription?.unsubscribe()),
        undefined,
      );
    const cleanup = (): Thrown | undefined => {
      settled = true;
      timeout?.unsubscribe();
      const thrown = endUserSubscriptions();
      const opened = socket;
      socket = undefined;
      if (opened === undefined) return thrown;
      // A transport's socket may be anything socket-shaped, whose methods may throw too.
      return (
        thrown ??
        attempt(() => {
          unwatch(opened);
          opened.destroy();
        })
      );
    };
    function fail(error: unknown): void {
      if (settled) return;
      cleanup(); // `error` is the attempt's cause: a teardown that throws as well adds nothing
      subscriber.error(error);
    }
    function handOver(verified?: unknown): void {
      if (settled || socket === undefined) return;
      const opened = socket;
      // The user's teardowns run while the socket is still the attempt's: one that throws fails it.
      const thrown = endUserSubscriptions() ?? attempt(() => unwatch(opened));
      if (thrown !== undefined) return fail(thrown.error);
      const established: Established =
        verify === undefined ? { socket: opened } : { socket: opened, verified };
      handedOver = opened;
      socket = undefined; // the subscriber's from now on: cleanup must not destroy it
      cleanup();
      subscriber.next(established);
      subscriber.complete();
    }
    function opened(value: unknown): void {
      if (settled || socket !== undefined) return;
      if (!isSocket(value)) {
        return fail(new TypeError(`the transport emitted ${describeValue(value)}, not a socket`));
      }
      socket = value;
      // Only the first socket counts, as with take(1).
      const thrown = attempt(() => opening?.unsubscribe());
      if (thrown !== undefined) return fail(thrown.error);
      if (verify === undefined) return handOver();
      // defer: a verify that throws synchronously fails the attempt like one that errors.
      verifying = defer(() => verify(value, peer)).subscribe({
        next: (verified) => handOver(verified),
        error: fail,
        complete: () => fail(new Error('verification completed without a value')),
      });
      if (settled) {
        attempt(() => verifying?.unsubscribe()); // settled already: nothing is left to fail
        return;
      }
      // After verify's own listeners, so that its errors (e.g. ERR_STOMP_CLOSED) come first.
      value.on('error', onSocketError);
      value.once('close', onSocketClose);
    }

    let opener: Observable<unknown>;
    try {
      const result = open();
      // A Promise cannot be cancelled: a socket it brings after the attempt settled
      // (timeout, unsubscription) is destroyed then, rather than left open.
      if (isPromiseLike(result)) {
        result.then(
          (late) => {
            if (settled && late !== handedOver && isSocket(late)) attempt(() => late.destroy());
          },
          () => undefined,
        );
      }
      opener = from(result);
    } catch (error) {
      fail(error); // a transport that throws fails the attempt like one that errors
      return undefined;
    }
    opening = opener.subscribe({
      // Whatever a socket-shaped value of the user's throws fails the attempt.
      next: (value) => attemptOr(() => opened(value), fail),
      error: fail,
      complete: () => {
        if (!settled && socket === undefined) fail(new Error('the transport completed without a socket'));
      },
    });
    // A transport that emitted synchronously was not yet unsubscribable in `opened`.
    if (settled || socket !== undefined) {
      const thrown = attempt(() => opening?.unsubscribe());
      if (thrown !== undefined) fail(thrown.error);
    }
    return () => {
      // The subscriber left: a teardown that throws has no one left to tell.
      if (!settled) cleanup();
    };
  });
}

/** The cause of a socket closed while `verify` waited for the broker. */
function closedDuringVerify(): Error {
  return Object.assign(new Error('the connection closed before verify answered'), {
    code: 'ERR_STOMP_CLOSED',
  });
}

function isSocket(value: unknown): value is Socket {
  if (typeof value !== 'object' || value === null) return false;
  const destroy = readProperty(value, 'destroy');
  return typeof destroy === 'function' && typeof readProperty(value, 'on') === 'function';
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'
  );
}
