import { asyncScheduler } from 'rxjs';
import type { Duplex } from 'node:stream';
import type { Socket } from '../types';
import { attempt } from './thrown';

/**
 * How long (ms) a socket closed by `connection$` may take to flush its pending
 * writes before it is destroyed with them: a broker that stopped reading (a
 * zero TCP window) would otherwise keep it, and the process, open for good.
 *
 * @example
 * ```ts
 * closeAfterFlush(socket, () => socket.off('error', onError)); // destroyed by FLUSH_LIMIT_MS at the latest
 * ```
 */
export const FLUSH_LIMIT_MS = 10_000;

/**
 * Internal: closes `socket` once its pending writes are flushed
 * (`destroySoon`, SPEC §8), and destroys it if they are not flushed within
 * {@link FLUSH_LIMIT_MS}; `onClose` runs at its `close`, which also clears
 * the limit, so nothing is left behind either way. A stream without
 * `destroySoon` (a Duplex from a transport of the user's) is ended and then
 * destroyed once flushed, as `destroySoon` does; one whose close throws is
 * destroyed at once. The limit is an `asyncScheduler` action: virtual time
 * under `TestScheduler.run`.
 *
 * @example
 * ```ts
 * subscriber.add(() => closeAfterFlush(socket, () => socket.off('error', onError)));
 * ```
 */
export function closeAfterFlush(socket: Socket, onClose: () => void): void {
  // Destroyed already: nothing is left to flush, and its `close` is on its way (or past).
  const limit = socket.destroyed
    ? undefined
    : asyncScheduler.schedule(() => attempt(() => socket.destroy()), FLUSH_LIMIT_MS);
  socket.once('close', () => {
    limit?.unsubscribe();
    onClose();
  });
  // A transport of the user's may hand over a Duplex (no destroySoon), or a socket-shaped value
  // whose methods throw: thrown from a teardown, that would escape the unsubscription.
  if (attempt(() => closeSoon(socket)) !== undefined) attempt(() => socket.destroy());
}

/** `net.Socket`'s destroySoon, or what it does for a stream without it: end, then destroy once flushed. */
function closeSoon(socket: Socket): void {
  if (typeof socket.destroySoon === 'function') return socket.destroySoon();
  const stream: Duplex = socket;
  if (stream.writable) stream.end();
  if (stream.writableFinished) stream.destroy();
  else stream.once('finish', () => stream.destroy());
}
