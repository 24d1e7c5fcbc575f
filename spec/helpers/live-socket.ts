import { EventEmitter } from 'node:events';
import { asyncScheduler, Subject } from 'rxjs';
import type { Socket } from '../../src/types';

/**
 * A stand-in for a connected socket in marble tests: counters the test
 * drives (`receive`), writes recorded as marbles on `written$` (`n` for an
 * EOL, `w` for anything else), and `destroy` / `destroySoon` that emit
 * `close` on the scheduler (virtual time under `TestScheduler.run`), one
 * action later, as Node emits it on a later tick.
 */
export class LiveSocket extends EventEmitter {
  bytesRead = 0;
  bytesWritten = 0;
  destroyed = false;
  closed = false;
  writable = true;
  /** Every write, as a marble value: `n` for an EOL, `w` for anything else. */
  readonly written$ = new Subject<string>();
  readonly destroy = jest.fn((error?: Error) => {
    if (this.destroyed) return this;
    this.destroyed = true;
    this.writable = false;
    asyncScheduler.schedule(() => {
      if (error !== undefined) this.emit('error', error);
      this.closed = true;
      this.emit('close', error !== undefined);
    });
    return this;
  });
  /** Like Node's: ends the writable side, then destroys once the writes are flushed (here: at once). */
  readonly destroySoon = jest.fn(() => {
    this.writable = false;
    this.destroy();
  });

  constructor(readonly name = 'socket') {
    super();
  }

  write(data: string | Uint8Array): boolean {
    this.bytesWritten += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    this.written$.next(data === '\n' ? 'n' : 'w');
    return true;
  }

  /** The peer closed the connection: `error` (e.g. ECONNRESET) if given, then `close`, as Node emits them. */
  peerClose(error?: Error): void {
    if (this.closed) return;
    this.destroyed = true;
    this.writable = false;
    if (error !== undefined) this.emit('error', error);
    this.closed = true;
    this.emit('close', error !== undefined);
  }

  /** The peer sent `bytes` bytes (the socket read them). */
  receive(bytes = 1): void {
    this.bytesRead += bytes;
  }

  /** The socket as the library types it. */
  get socket(): Socket {
    return this as unknown as Socket;
  }
}

/** Runs `action` at virtual time `ms` (inside `TestScheduler.run`). */
export function at(ms: number, action: () => void): void {
  asyncScheduler.schedule(action, ms);
}
