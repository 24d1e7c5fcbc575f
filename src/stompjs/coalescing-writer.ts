import type { Socket } from 'node:net';

/**
 * Writes to a socket that runs without Nagle's algorithm (TCP_NODELAY), as a
 * WebSocket's does, without a packet per write when many come at once: the
 * first write of a turn of the event loop goes out at once, as before; from
 * the second one of that turn on, Nagle's algorithm is on, so the kernel puts
 * what follows into full segments behind the first one instead of sending
 * (and, on loopback, delivering) each frame of a burst alone; when the turn
 * ends it is off again, which sends whatever is left at once. Each write
 * still reaches the kernel when it is made (nothing waits here), so a process
 * that exits, or an event loop that blocks, right after a burst loses or
 * stalls nothing beyond what Nagle's algorithm itself would.
 *
 * Only where turning TCP_NODELAY back on sends what the kernel holds (Linux:
 * `coalesce` true); elsewhere (BSD and macOS keep it until an ACK comes: the
 * delayed ACK again) each write goes out on its own.
 *
 * @example
 * ```ts
 * socket.setNoDelay(true);
 * const writer = new CoalescingWriter(socket, process.platform === 'linux');
 * for (const frame of frames) writer.write(frame); // one packet, then full segments
 * ```
 */
export class CoalescingWriter {
  private inTurn = false;
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
    if (!this.inTurn) {
      this.inTurn = true;
      queueMicrotask(this.endTurn);
    } else if (!this.nagle) {
      this.nagle = true;
      this.socket.setNoDelay(false);
    }
  }

  // Turning TCP_NODELAY back on pushes what the kernel holds; a closed socket only records it.
  private readonly endTurn = (): void => {
    this.inTurn = false;
    if (!this.nagle) return;
    this.nagle = false;
    this.socket.setNoDelay(true);
  };
}
