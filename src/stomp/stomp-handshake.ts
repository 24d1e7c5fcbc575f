import { Observable } from 'rxjs';
import { StompError } from '../errors/stomp-error';
import type { Peer, Socket } from '../types';
import { checkHandshakeOptions, connectHeaders, type StompHandshakeOptions } from './connect-headers';
import { credentialMask } from './credential-mask';
import { encodeFrame, type StompFrame } from './frame';
import { StompFrameParser } from './frame-parser';
import { errorFrameError, readConnected, type StompConnected } from './stomp-answer';

export type { StompConnected } from './stomp-answer';
export type { StompHandshakeOptions } from './connect-headers';

function asBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
}

/**
 * A `verify` function for {@link connect$} that opens a STOMP session: it
 * sends CONNECT with its header values as written (STOMP 1.2 escapes no
 * CONNECT or CONNECTED header; brokers such as Artemis read them literally)
 * and emits the broker's CONNECTED frame, read literally too, as a
 * {@link StompConnected}, then completes. An ERROR frame errors it
 * with a {@link StompError} `ERR_STOMP_ERROR_FRAME` (the broker's `message`
 * header and the first line of the body), a connection closed first with
 * `ERR_STOMP_CLOSED`, bytes that are not STOMP with `ERR_STOMP_PROTOCOL`, and a
 * socket error with that error; on failure the socket is destroyed. The
 * login and passcode sent are `***` wherever the broker's answer echoes them
 * in such an error (its message, and the frame it keeps).
 *
 * It reads through `'readable'`, and gives back with `socket.unshift` the
 * bytes that followed the CONNECTED frame, so the caller's protocol layer
 * loses nothing; it leaves no listener on the socket and the socket's flow
 * state as it found it. Unsubscribing removes its listeners and leaves the
 * socket open. The `host` header defaults to the peer's host: RabbitMQ reads
 * it as the virtual host, so pass `host: '/'` for RabbitMQ's default vhost.
 *
 * A value that cannot be sent unescaped (CR, LF or NUL; a colon in an extra
 * header's name) is a `TypeError` naming the header, never showing the value:
 * thrown at once for `options`, or failing the attempt, before anything is
 * written, for a peer's login, passcode or host.
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
  const checked = checkHandshakeOptions(options);
  const { heartBeat } = checked;
  return (socket, peer) =>
    new Observable<StompConnected>((subscriber) => {
      const headers = connectHeaders(checked, peer);
      const connect = encodeFrame({ command: 'CONNECT', headers });
      // What the broker may echo back in the text of an error: never shown.
      const mask = credentialMask([headers.login, headers.passcode]);
      const parser = new StompFrameParser({ mask });
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
        if (frame.command === 'ERROR') return fail(errorFrameError(frame, mask));
        if (frame.command !== 'CONNECTED') {
          const command = mask.text(frame.command);
          return fail(new StompError('ERR_STOMP_PROTOCOL', `unexpected ${command} frame before CONNECTED`));
        }
        let connected: StompConnected;
        try {
          connected = readConnected(frame, heartBeat, mask);
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
