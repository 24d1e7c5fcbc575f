import type { Socket } from 'node:net';

/**
 * From this write of a turn of the event loop on, Nagle's algorithm is on
 * until the turn ends. The first ones go out at once: a turn that writes a
 * frame or three and then works on (acks in a message callback, then
 * processing) never has a frame held back; a burst shares packets after them.
 *
 * @example
 * ```ts
 * const held = writesInTurn >= COALESCE_FROM_WRITE;
 * ```
 */
export const COALESCE_FROM_WRITE = 4;

/**
 * Writes to a socket that runs without Nagle's algorithm (TCP_NODELAY), as a
 * WebSocket's does, without a packet per write when many come at once: the
 * first writes of a turn of the event loop go out at once, as before; from
 * the {@link COALESCE_FROM_WRITE}th one of that turn on, Nagle's algorithm is
 * on, so the kernel puts what follows into full segments behind those instead
 * of sending (and, on loopback, delivering) each frame of a burst alone; when
 * the turn ends it is off again, which sends whatever is left at once. Each
 * write still reaches the kernel when it is made (nothing waits here). The
 * cost: a turn that writes a burst and then keeps the event loop busy holds
 * the burst's later frames until the broker's ACK (its delayed ACK, up to
 * ~40 ms) or the turn's end, whichever comes first.
 *
 * Only where turning TCP_NODELAY back on sends what the kernel holds (Linux:
 * `coalesce` true); elsewhere (BSD and macOS keep it until an ACK comes: the
 * delayed ACK again) each write goes out on its own.
 *
 * @example
 * ```ts
 * socket.setNoDelay(true);
 * const writer = new CoalescingWriter(socket, process.platform === 'linux');
 * for (const frame of frames) writer.write(frame); // the first ones alone, then full segments
 * ```
 */
export class CoalescingWriter {
  private writesInTurn = 0;
  private nagle = false;

  constructor(
    private readonly socket: Socket,
    private readonly coalesce: boolean,
  ) {}

  /** Writes `chunk` (a `Buffer`, or a string of ASCII characters: written as Latin-1, the same bytes). */
  write(chunk: string | Buffer): void {
    if (this.coalesce) this.beforeWrite();
    this.socket.write(chunk, 'latin1');
  }

  private beforeWrite(): void {
    if (this.writesInTurn === 0) queueMicrotask(this.endTurn);
    this.writesInTurn += 1;
    if (this.writesInTurn === COALESCE_FROM_WRITE) {
      this.nagle = true;
      this.socket.setNoDelay(false);
    }
  }

  // Turning TCP_NODELAY back on pushes what the kernel holds; a closed socket only records it.
  private readonly endTurn = (): void => {
    this.writesInTurn = 0;
    if (!this.nagle) return;
    this.nagle = false;
    this.socket.setNoDelay(true);
  };
}
