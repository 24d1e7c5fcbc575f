// The least an RxJS connect can be, as references for B5: `bare$` is an Observable
// around net.connect (settles once, tears down); `chain$` wraps it in the design card's
// run, defer + retry with a timer between attempts. What connect$ holds above chain$ is
// the library's own; what chain$ holds above a raw socket is RxJS's. `chainLoop` is the
// same chain over a failover list (B3's reference): the floor of the design card's run.
import net from 'node:net';
import { rxjs } from './library.mjs';

const { asapScheduler, defer, firstValueFrom, Observable, retry, timer } = rxjs;

/** An Observable around one net.connect to 127.0.0.1:`port`. */
export function bare$(port) {
  return new Observable((subscriber) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let settled = false;
    const onConnect = () => {
      settled = true;
      socket.off('error', onError);
      subscriber.next(socket);
      subscriber.complete();
    };
    const onError = (error) => {
      settled = true;
      socket.off('connect', onConnect);
      socket.destroy();
      subscriber.error(error);
    };
    socket.once('connect', onConnect);
    socket.once('error', onError);
    return () => {
      if (!settled) socket.destroy();
    };
  });
}

/** `bare$` inside defer + retry({ delay: timer }): the shape of one connect$ run. */
export function chain$(port) {
  return defer(() => bare$(port)).pipe(retry({ delay: () => timer(0) }));
}

/**
 * The design card's run over `ports`, and nothing else: each attempt `bare$` inside
 * defer, retried at once through `retry({ delay })` with the zero wait on a microtask
 * (`timer(0, asapScheduler)`, as SPEC §4 asks); no events, no errors kept. Resolves
 * the first socket that connects (B3's reference beside the raw loop).
 */
export function chainLoop(ports) {
  let i = 0;
  const run$ = defer(() => bare$(ports[i++])).pipe(
    retry({ count: ports.length - 1, delay: () => timer(0, asapScheduler) }),
  );
  return firstValueFrom(run$);
}
