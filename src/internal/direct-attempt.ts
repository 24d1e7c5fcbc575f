import type { Observer, Unsubscribable } from 'rxjs';
import type { Socket } from '../types';
import type { EstablishObserver } from './establish';

/**
 * Internal: an attempt that only opens, through a built-in transport that
 * reports directly (`connect`), with no `verify` and no timeout: the common
 * case, and the one a failover through refused peers repeats. The transport
 * already settles once and destroys its socket when cancelled, so the attempt
 * adds only the once-only hand-over: the first socket goes to `observer` as
 * `{ socket }` and completes it, or the first error fails it; whatever comes
 * after is ignored, as in a full attempt. Returns what cancels it (the
 * transport's own cancel). A `connect` that throws (bad options) fails the
 * attempt with what it threw.
 *
 * @example
 * ```ts
 * const cancel = directAttempt({ connect: (observer) => tcpConnect({ host, port }, observer) }, observer);
 * cancel.unsubscribe(); // destroys the socket being opened
 * ```
 */
export function directAttempt(
  request: { readonly connect: (observer: Observer<Socket>) => Unsubscribable },
  observer: EstablishObserver,
): Unsubscribable {
  const handover = new Handover(observer);
  try {
    return request.connect(handover);
  } catch (error) {
    handover.error(error);
    return NOTHING_TO_CANCEL;
  }
}

const NOTHING_TO_CANCEL: Unsubscribable = Object.freeze({ unsubscribe: () => undefined });

/** The transport's observer: passes on its first outcome, once. */
class Handover implements Observer<Socket> {
  private settled = false;

  constructor(private readonly observer: EstablishObserver) {}

  next(socket: Socket): void {
    if (this.settled) return;
    this.settled = true;
    this.observer.next({ socket });
    this.observer.complete();
  }

  error(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.observer.error(error);
  }

  complete(): void {
    // After a socket this changes nothing (and builds no Error: that costs µs); before one,
    // the transport gave up without saying why.
    if (!this.settled) this.error(completedWithoutSocket());
  }
}

/**
 * Internal: the cause of an attempt whose transport completed before it gave
 * a socket (in a direct attempt and in a full one alike).
 *
 * @example
 * ```ts
 * completedWithoutSocket().message; // 'the transport completed without a socket'
 * ```
 */
export function completedWithoutSocket(): Error {
  return new Error('the transport completed without a socket');
}
