import { createServer, type Socket } from 'node:net';
import { encodeFrame, type StompFrame } from './frame';
import { StompFrameParser } from './frame-parser';
import { errorFrame, responderAnswer, withEol, type StompResponderOptions } from './responder-answer';

export type { StompResponderOptions } from './responder-answer';

/**
 * A running {@link startStompResponder}.
 *
 * @example
 * ```ts
 * const responder: StompResponder = await startStompResponder();
 * await connect(responder.uri, {}, { verify: stompHandshake() });
 * responder.frames[0]?.headers.host; // '127.0.0.1'
 * await responder.close();
 * ```
 */
export interface StompResponder {
  readonly host: string;
  readonly port: number;
  /** `tcp://HOST:PORT`, ready for `connect$`. */
  readonly uri: string;
  /** Every frame received from clients, in order (CONNECT first on each connection). */
  readonly frames: StompFrame[];
  /** How many connections were accepted so far. */
  readonly connections: number;
  /** How many heart-beat EOLs clients sent (chunks of nothing but EOLs, after CONNECT). */
  readonly heartBeatsReceived: number;
  /** Closes every open connection at once, as a broker that goes away would; it keeps listening. */
  drop(): void;
  /** Stops listening and destroys the open connections. */
  close(): Promise<void>;
}

/** Writes `bytes` in `chunkSize` pieces, `chunkDelay` ms apart, then maybe ends the socket. */
function send(socket: Socket, bytes: Buffer, close: boolean, options: StompResponderOptions): void {
  const size = options.chunkSize ?? bytes.length;
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += Math.max(1, size)) pieces.push(bytes.subarray(at, at + size));
  const step = (): void => {
    if (socket.destroyed) return;
    const piece = pieces.shift();
    if (piece !== undefined) socket.write(piece);
    if (pieces.length === 0) {
      if (close) socket.end();
      return;
    }
    if ((options.chunkDelay ?? 0) > 0) setTimeout(step, options.chunkDelay);
    else setImmediate(step);
  };
  step();
}

/**
 * Sends the heart-beats the CONNECT frame and `options.heartBeat` negotiate
 * (STOMP 1.2: every max(sx, cy) ms when both are non-zero) until the connection closes.
 */
function keepHeartBeats(socket: Socket, connect: StompFrame, options: StompResponderOptions): void {
  const [, cy] = (connect.headers['heart-beat'] ?? '0,0').split(',').map(Number);
  const [sx] = options.heartBeat ?? [0, 0];
  if (!(sx > 0 && cy !== undefined && cy > 0)) return;
  const beats = setInterval(() => socket.write('\n'), Math.max(sx, cy));
  socket.once('close', () => clearInterval(beats));
}

/**
 * Starts a minimal STOMP responder on loopback, for tests and the CLI demo: it
 * answers each connection's CONNECT (or STOMP) frame as `options` say (as
 * RabbitMQ would: an ERROR frame `message:Bad CONNECT` with the reason in the
 * body, then close), answers DISCONNECT with its RECEIPT, and ignores other
 * frames. It is no broker: no destinations, no messages of its own.
 *
 * @example
 * ```ts
 * const ok = await startStompResponder({ login: 'guest', passcode: 'guest' });
 * const refusing = await startStompResponder({ answer: 'error', errorBody: "Virtual host '127.0.0.1' access denied" });
 * const socket = await connect(`failover:(${refusing.uri},guest:guest@127.0.0.1:${ok.port})?randomize=false`, {}, {
 *   verify: stompHandshake(),
 * });
 * socket.destroy();
 * await Promise.all([ok.close(), refusing.close()]);
 * ```
 */
export function startStompResponder(options: StompResponderOptions = {}): Promise<StompResponder> {
  const frames: StompFrame[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let heartBeatsReceived = 0;
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const parser = new StompFrameParser();
    let connected = false;
    socket.on('data', (chunk: Buffer) => {
      if (connected && chunk.every((byte) => byte === 0x0a)) heartBeatsReceived += chunk.length;
      try {
        parser.push(chunk);
        for (let frame = parser.next(); frame !== undefined; frame = parser.next()) {
          frames.push(frame);
          if (!connected && (frame.command === 'CONNECT' || frame.command === 'STOMP')) {
            connected = true;
            if (options.answer === 'close') return void socket.destroy();
            if (options.answer === 'silent') continue;
            const { bytes, close } = responderAnswer(frame, options);
            const before = options.before === undefined ? Buffer.alloc(0) : Buffer.from(options.before);
            send(socket, Buffer.concat([before, withEol(bytes, options.eol ?? '\n')]), close, options);
            if (!close && options.keepHeartBeats === true) keepHeartBeats(socket, frame, options);
          } else if (frame.command === 'DISCONNECT') {
            const receipt = frame.headers.receipt;
            if (receipt !== undefined)
              socket.write(encodeFrame({ command: 'RECEIPT', headers: { 'receipt-id': receipt } }));
            socket.end();
          }
        }
      } catch (error) {
        socket.end(errorFrame('Protocol error', error instanceof Error ? error.message : String(error)));
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const host = options.host ?? '127.0.0.1';
      resolve({
        host,
        port,
        uri: `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`,
        frames,
        get connections() {
          return connections;
        },
        get heartBeatsReceived() {
          return heartBeatsReceived;
        },
        drop: () => {
          for (const socket of sockets) socket.destroy();
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
