import { asyncScheduler, defer, from, type ObservableInput, Observable, type Subscription } from 'rxjs';
import { AttemptTimeoutError } from '../errors/attempt-timeout-error';
import type { Peer, Socket } from '../types';

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

    const cleanup = (): void => {
      settled = true;
      timeout?.unsubscribe();
      opening?.unsubscribe();
      verifying?.unsubscribe();
      if (socket !== undefined) {
        unwatch(socket);
        socket.destroy();
        socket = undefined;
      }
    };
    function fail(error: unknown): void {
      if (settled) return;
      cleanup();
      subscriber.error(error);
    }
    function handOver(verified?: unknown): void {
      if (settled || socket === undefined) return;
      const established: Established = verify === undefined ? { socket } : { socket, verified };
      unwatch(socket);
      handedOver = socket;
      socket = undefined; // the subscriber's from now on: cleanup must not destroy it
      cleanup();
      subscriber.next(established);
      subscriber.complete();
    }
    function opened(value: unknown): void {
      if (settled || socket !== undefined) return;
      if (!isSocket(value))
        return fail(new TypeError(`the transport emitted ${describe(value)}, not a socket`));
      socket = value;
      opening?.unsubscribe(); // only the first socket counts, as with take(1)
      if (verify === undefined) return handOver();
      // defer: a verify that throws synchronously fails the attempt like one that errors.
      verifying = defer(() => verify(value, peer)).subscribe({
        next: (verified) => handOver(verified),
        error: fail,
        complete: () => fail(new Error('verification completed without a value')),
      });
      if (settled) return verifying.unsubscribe();
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
            if (settled && late !== handedOver && isSocket(late)) late.destroy();
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
      next: opened,
      error: fail,
      complete: () => {
        if (!settled && socket === undefined) fail(new Error('the transport completed without a socket'));
      },
    });
    // A transport that emitted synchronously was not yet unsubscribable in `opened`.
    if (settled || socket !== undefined) opening.unsubscribe();
    return () => {
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
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Socket>).destroy === 'function' &&
    typeof (value as Partial<Socket>).on === 'function'
  );
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : typeof value;
}
