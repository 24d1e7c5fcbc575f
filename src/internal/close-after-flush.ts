import { asyncScheduler } from 'rxjs';
import type { Socket } from '../types';

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
 * the limit, so nothing is left behind either way. The limit is an
 * `asyncScheduler` action: virtual time under `TestScheduler.run`.
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
    : asyncScheduler.schedule(() => {
        socket.destroy();
      }, FLUSH_LIMIT_MS);
  socket.once('close', () => {
    limit?.unsubscribe();
    onClose();
  });
  socket.destroySoon();
}
