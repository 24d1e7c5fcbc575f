import {
  asyncScheduler,
  defer,
  from,
  type ObservableInput,
  Observable,
  type Observer,
  type Subscription,
  type Unsubscribable,
} from 'rxjs';
import { AttemptTimeoutError } from '../errors/attempt-timeout-error';
import type { Peer, Socket } from '../types';
import { describeValue } from './describe-value';
import { completedWithoutSocket, directAttempt } from './direct-attempt';
import { readProperty } from './error-message';
import { attempt, type Thrown } from './thrown';

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
 * What one attempt needs besides the peer: how to open, how to verify, how
 * long it may take. A transport of the user's is an Observable input to
 * subscribe to (`open`); the built-in ones report to the attempt directly
 * (`connect`), without an Observable and its subscriber for each attempt.
 *
 * @example
 * ```ts
 * const request: EstablishRequest = { open: () => tcpConnect$({ host, port }), timeoutMs: 5000 };
 * const direct: EstablishRequest = { connect: (observer) => tcpConnect({ host, port }, observer) };
 * ```
 */
export type EstablishRequest = EstablishLimits &
  (
    | {
        /** Opens the socket: its first value is the connected socket. */
        readonly open: () => ObservableInput<Socket>;
      }
    | {
        /** Opens the socket, reporting to `observer` (its first `next` is the connected socket); returns what cancels it. */
        readonly connect: (observer: Observer<Socket>) => Unsubscribable;
      }
  );

/**
 * What an {@link EstablishRequest} says besides how to open: how to verify, how long it may take.
 *
 * @example
 * ```ts
 * const limits: EstablishLimits = { verify: stompHandshake(), timeoutMs: 5000 };
 * ```
 */
export interface EstablishLimits {
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
  return new Observable<Established>((subscriber) => establish(peer, request, subscriber));
}

/**
 * Where {@link establish} reports the attempt's outcome: `next` then
 * `complete` with the socket, or `error`, once.
 *
 * @example
 * ```ts
 * const observer: EstablishObserver = { next: use, error: console.error, complete: () => undefined };
 * ```
 */
export interface EstablishObserver {
  next(established: Established): void;
  error(error: unknown): void;
  complete(): void;
}

/**
 * {@link establish$} without the Observable around it: starts the attempt at
 * once, reports to `observer`, and returns what cancels it. A run holds one
 * of these per pending attempt, so it is one object rather than a closure per
 * step (a few hundred bytes less for each of thousands of pending runs).
 *
 * @example
 * ```ts
 * const cancel = establish(peer, { open: () => tcpConnect$({ host, port }) }, observer);
 * cancel.unsubscribe(); // destroys the socket being opened
 * ```
 */
export function establish(
  peer: Peer,
  request: EstablishRequest,
  observer: EstablishObserver,
): Unsubscribable {
  // Nothing to verify or time: the built-in transport settles once by itself (B3: ~1% of a run).
  if ('connect' in request && request.verify === undefined && timeLimit(request) === undefined) {
    return directAttempt(request, observer);
  }
  return new Attempt(peer, request, observer).start();
}

/** The attempt's time limit in ms, or undefined for none (0 or not given). */
const timeLimit = ({ timeoutMs }: EstablishLimits): number | undefined =>
  timeoutMs !== undefined && timeoutMs > 0 ? timeoutMs : undefined;

/** One attempt in progress. */
class Attempt implements Unsubscribable {
  private settled = false;
  private socket: Socket | undefined; // opened, not yet handed over
  private handedOver: Socket | undefined;
  private opening: Unsubscribable | undefined; // assigned once open returns
  private verifying: Subscription | undefined;
  private readonly timeout: Subscription | undefined;
  // While `verify` runs the socket is still the attempt's: its error or close
  // fails the attempt, whether or not `verify` itself listens. Made only then.
  private onSocketError: ((error: Error) => void) | undefined;
  private onSocketClose: (() => void) | undefined;

  constructor(
    private readonly peer: Peer,
    private readonly request: EstablishRequest,
    private readonly observer: EstablishObserver,
  ) {
    const timeoutMs = timeLimit(request);
    this.timeout =
      timeoutMs === undefined
        ? undefined
        : asyncScheduler.schedule(() => this.fail(new AttemptTimeoutError(timeoutMs)), timeoutMs);
  }

  start(): Unsubscribable {
    try {
      this.opening = this.open(new TransportObserver(this));
    } catch (error) {
      this.fail(error); // a transport that throws fails the attempt like one that errors
      return this;
    }
    // A transport that emitted synchronously was not yet unsubscribable in `opened`.
    if (this.settled || this.socket !== undefined) {
      const thrown = unsubscribeFrom(this.opening);
      if (thrown !== undefined) this.fail(thrown.error);
    }
    return this;
  }

  private open(observer: TransportObserver): Unsubscribable {
    const { request } = this;
    if ('connect' in request) return request.connect(observer);
    const result = request.open();
    // A Promise cannot be cancelled: a socket it brings after the attempt settled
    // (timeout, unsubscription) is destroyed then, rather than left open.
    if (isPromiseLike(result)) {
      result.then(
        (late) => {
          if (this.settled && late !== this.handedOver && isSocket(late)) attempt(() => late.destroy());
        },
        () => undefined,
      );
    }
    return from(result).subscribe(observer);
  }

  /** The subscriber left: a teardown that throws has no one left to tell. */
  unsubscribe(): void {
    if (!this.settled) this.cleanup();
  }

  /** The transport emitted. Whatever a socket-shaped value of the user's throws fails the attempt. */
  transportNext(value: unknown): void {
    try {
      this.opened(value);
    } catch (error) {
      this.fail(error);
    }
  }

  transportComplete(): void {
    if (!this.settled && this.socket === undefined) {
      this.fail(completedWithoutSocket());
    }
  }

  private opened(value: unknown): void {
    if (this.settled || this.socket !== undefined) return;
    if (!isSocket(value)) {
      return this.fail(new TypeError(`the transport emitted ${describeValue(value)}, not a socket`));
    }
    this.socket = value;
    // Only the first socket counts, as with take(1).
    const thrown = unsubscribeFrom(this.opening);
    if (thrown !== undefined) return this.fail(thrown.error);
    const { verify } = this.request;
    if (verify === undefined) return this.handOver();
    // defer: a verify that throws synchronously fails the attempt like one that errors.
    this.verifying = defer(() => verify(value, this.peer)).subscribe({
      next: (verified) => this.handOver(verified),
      error: (error: unknown) => this.fail(error),
      complete: () => this.fail(new Error('verification completed without a value')),
    });
    if (this.settled) {
      unsubscribeFrom(this.verifying); // settled already: nothing is left to fail
      return;
    }
    // After verify's own listeners, so that its errors (e.g. ERR_STOMP_CLOSED) come first.
    this.onSocketError = (error: Error): void => this.fail(error);
    this.onSocketClose = (): void => this.fail(closedDuringVerify());
    value.on('error', this.onSocketError);
    value.once('close', this.onSocketClose);
  }

  private unwatch(opened: Socket): void {
    if (this.onSocketError !== undefined) opened.off('error', this.onSocketError);
    if (this.onSocketClose !== undefined) opened.off('close', this.onSocketClose);
  }

  // The transport's and verify's teardowns are the user's code, and may throw
  // anything: what the first one threw is returned, never thrown (thrown here it
  // would escape through RxJS as an uncaught exception).
  private endUserSubscriptions(): Thrown | undefined {
    return unsubscribeFrom(this.opening) ?? unsubscribeFrom(this.verifying);
  }

  private cleanup(): Thrown | undefined {
    this.settled = true;
    this.timeout?.unsubscribe();
    const thrown = this.endUserSubscriptions();
    const opened = this.socket;
    this.socket = undefined;
    if (opened === undefined) return thrown;
    // A transport's socket may be anything socket-shaped, whose methods may throw too.
    return (
      thrown ??
      attempt(() => {
        this.unwatch(opened);
        opened.destroy();
      })
    );
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.cleanup(); // `error` is the attempt's cause: a teardown that throws as well adds nothing
    this.observer.error(error);
  }

  private handOver(verified?: unknown): void {
    if (this.settled || this.socket === undefined) return;
    const opened = this.socket;
    // The user's teardowns run while the socket is still the attempt's: one that throws fails it.
    const thrown = this.endUserSubscriptions() ?? attempt(() => this.unwatch(opened));
    if (thrown !== undefined) return this.fail(thrown.error);
    const established: Established =
      this.request.verify === undefined ? { socket: opened } : { socket: opened, verified };
    this.handedOver = opened;
    this.socket = undefined; // the subscriber's from now on: cleanup must not destroy it
    this.cleanup();
    this.observer.next(established);
    this.observer.complete();
  }
}

/**
 * The transport's observer: reads its attempt, never writes to itself, so that it
 * works however RxJS calls it (`config.useDeprecatedNextContext` binds it to a copy).
 */
class TransportObserver implements Observer<unknown> {
  constructor(private readonly attempt: Attempt) {}
  next(value: unknown): void {
    this.attempt.transportNext(value);
  }
  error(error: unknown): void {
    this.attempt.fail(error);
  }
  complete(): void {
    this.attempt.transportComplete();
  }
}

/** Unsubscribes; returns what that threw (a user's teardown may throw anything). */
function unsubscribeFrom(subscription: Unsubscribable | undefined): Thrown | undefined {
  try {
    subscription?.unsubscribe();
    return undefined;
  } catch (error) {
    return { error };
  }
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
