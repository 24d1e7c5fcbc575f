import { Observable } from 'rxjs';
import { StompError } from '../errors/stomp-error';
import type { Peer, Socket } from '../types';
import { encodeFrame, type StompFrame } from './frame';
import { StompFrameParser } from './frame-parser';
import { errorFrameError, readConnected, type StompConnected } from './stomp-answer';

export type { StompConnected } from './stomp-answer';

/**
 * Options of {@link stompHandshake}; every one is optional.
 *
 * @example
 * ```ts
 * const options: StompHandshakeOptions = { host: '/', heartBeat: [0, 10000], headers: { 'client-id': 'c1' } };
 * connect$(uri, {}, { verify: stompHandshake(options) });
 * ```
 */
export interface StompHandshakeOptions {
  /** Default: the peer's URI login, if any (no `login` header without one). */
  readonly login?: string;
  /** Default: the peer's URI passcode, if any. Never shown in any message. */
  readonly passcode?: string;
  /** The `host` header (RabbitMQ: the virtual host, e.g. `'/'`); default: the peer's host. */
  readonly host?: string;
  /** Default `'1.0,1.1,1.2'`. */
  readonly acceptVersion?: string;
  /** `[cx, cy]` in ms; default `[0, 0]` (no heart-beats). */
  readonly heartBeat?: readonly [number, number];
  /** Extra CONNECT headers; one named like a header above replaces it. */
  readonly headers?: Readonly<Record<string, string>>;
}

function checkHeartBeat(heartBeat: readonly [number, number]): readonly [number, number] {
  if (
    !Array.isArray(heartBeat) ||
    heartBeat.length !== 2 ||
    !heartBeat.every((ms) => Number.isSafeInteger(ms) && ms >= 0 && ms <= 2147483647)
  ) {
    throw new TypeError(
      `stompHandshake: heartBeat must be two whole numbers of ms from 0 to 2147483647, got ${String(heartBeat)}`,
    );
  }
  return heartBeat;
}

function asBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
}

/**
 * A `verify` function for {@link connect$} that opens a STOMP session: it
 * sends CONNECT (STOMP 1.2 header escaping) and emits the broker's CONNECTED
 * frame as a {@link StompConnected}, then completes. An ERROR frame errors it
 * with a {@link StompError} `ERR_STOMP_ERROR_FRAME` (the broker's `message`
 * header and the first line of the body), a connection closed first with
 * `ERR_STOMP_CLOSED`, bytes that are not STOMP with `ERR_STOMP_PROTOCOL`, and a
 * socket error with that error; on failure the socket is destroyed.
 *
 * It reads through `'readable'`, and gives back with `socket.unshift` the
 * bytes that followed the CONNECTED frame, so the caller's protocol layer
 * loses nothing; it leaves no listener on the socket and the socket's flow
 * state as it found it. Unsubscribing removes its listeners and leaves the
 * socket open. The `host` header defaults to the peer's host: RabbitMQ reads
 * it as the virtual host, so pass `host: '/'` for RabbitMQ's default vhost.
 *
 * @example
 * ```ts
 * const socket = await connect('failover:(tcp://guest:guest@127.0.0.1:61613,tcp://127.0.0.1:61615)', {}, {
 *   verify: stompHandshake({ host: '/' }),
 * });
 * // or, to see the CONNECTED frame:
 * connect$(uri, {}, { verify: stompHandshake({ heartBeat: [0, 10000] }) }).subscribe((event) => {
 *   if (event.type === 'connected') console.log((event.verified as StompConnected).server);
 * });
 * ```
 */
export function stompHandshake(
  options: StompHandshakeOptions = {},
): (socket: Socket, peer: Peer) => Observable<StompConnected> {
  const heartBeat = checkHeartBeat(options.heartBeat ?? [0, 0]);
  return (socket, peer) =>
    new Observable<StompConnected>((subscriber) => {
      const login = options.login ?? peer.login;
      const passcode = options.passcode ?? peer.passcode;
      const connect = encodeFrame({
        command: 'CONNECT',
        headers: {
          'accept-version': options.acceptVersion ?? '1.0,1.1,1.2',
          host: options.host ?? peer.host,
          ...(login !== undefined && { login }),
          ...(passcode !== undefined && { passcode }),
          'heart-beat': `${heartBeat[0]},${heartBeat[1]}`,
          ...options.headers,
        },
      });
      const parser = new StompFrameParser();
      let done = false;

      const detach = (): void => {
        done = true;
        socket.off('readable', onReadable);
        socket.off('end', onEnd);
        socket.off('close', onClose);
        socket.off('error', onError);
      };
      const fail = (error: unknown): void => {
        detach();
        socket.destroy();
        subscriber.error(error);
      };
      const closed = (): void => {
        const where = parser.partial ? 'in the middle of its answer' : 'without answering';
        fail(new StompError('ERR_STOMP_CLOSED', `connection closed by the broker ${where} to CONNECT`));
      };
      function onEnd(): void {
        closed();
      }
      function onClose(): void {
        closed();
      }
      function onError(error: Error): void {
        fail(error);
      }
      function onReadable(): void {
        try {
          // read(n) of exactly what is buffered: unlike read(), it never asks the stream to
          // emit 'end', which must stay the caller's once CONNECTED is in.
          for (let n = socket.readableLength; !done && n > 0; n = socket.readableLength) {
            const chunk: unknown = socket.read(n);
            if (chunk === null) break;
            parser.push(asBuffer(chunk));
            const frame = parser.next();
            if (frame !== undefined) return settle(frame);
          }
          if (!done) socket.read(); // lets the stream see its end: 'end' then fires
        } catch (error) {
          fail(error);
        }
      }
      function settle(frame: StompFrame): void {
        if (frame.command === 'ERROR') return fail(errorFrameError(frame));
        if (frame.command !== 'CONNECTED') {
          return fail(
            new StompError('ERR_STOMP_PROTOCOL', `unexpected ${frame.command} frame before CONNECTED`),
          );
        }
        let connected: StompConnected;
        try {
          connected = readConnected(frame, heartBeat);
        } catch (error) {
          return fail(error);
        }
        detach();
        if (parser.buffered.length > 0) socket.unshift(parser.buffered);
        subscriber.next(connected);
        subscriber.complete();
      }

      if (socket.destroyed || socket.readableEnded) {
        throw new StompError('ERR_STOMP_CLOSED', 'connection already closed before CONNECT');
      }
      socket.on('readable', onReadable);
      socket.on('end', onEnd);
      socket.on('close', onClose);
      socket.on('error', onError);
      socket.write(connect);
      return () => {
        if (!done) detach();
      };
    });
}
