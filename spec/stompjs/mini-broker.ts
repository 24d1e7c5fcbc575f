// A small STOMP 1.2 broker on loopback for the stompjs / rx-stomp tests, built on our own frame
// encoder and parser: CONNECT → CONNECTED, SUBSCRIBE / UNSUBSCRIBE, SEND → MESSAGE to every
// subscriber of the destination, RECEIPT for any frame that asks, DISCONNECT, heart-beats both ways.
import type { Socket } from 'node:net';
import { encodeFrame, type StompFrame } from '../../src/stomp/frame';
import { StompFrameParser } from '../../src/stomp/frame-parser';
import { listen, type Listener } from '../helpers/loopback';

export interface MiniBrokerOptions {
  /** The CONNECTED frame's `heart-beat` [sx, sy]; with sx > 0 the broker sends an EOL every sx ms. */
  readonly heartBeat?: readonly [number, number];
  /** Write every frame in pieces of this many bytes, one piece per event-loop turn. */
  readonly chunkSize?: number;
}

export interface MiniBroker {
  readonly port: number;
  readonly uri: string;
  /** Every frame received, in order, over all connections. */
  readonly frames: StompFrame[];
  /** How many connections were accepted. */
  connections(): number;
  /** EOL heart-beats received from clients. */
  heartBeatsReceived(): number;
  /** EOL heart-beats sent to clients. */
  heartBeatsSent(): number;
  /** Stops sending heart-beats (a broker that hangs). */
  stopHeartBeats(): void;
  /** Writes MESSAGE frames of these bodies to each subscriber of `destination`, all in one write. */
  publish(destination: string, bodies: readonly (string | Uint8Array)[]): number;
  /** Destroys every open connection (the broker drops its clients) and goes on listening. */
  dropAll(): void;
  /** Stops listening; drops every connection. */
  close(): Promise<void>;
}

interface Session {
  readonly socket: Socket;
  readonly subscriptions: Map<string, string>; // id → destination
  heartBeat?: ReturnType<typeof setInterval>;
}

const onlyEols = (chunk: Buffer): boolean => chunk.every((byte) => byte === 0x0a || byte === 0x0d);

export async function startMiniBroker(options: MiniBrokerOptions = {}): Promise<MiniBroker> {
  const frames: StompFrame[] = [];
  const sessions = new Set<Session>();
  let received = 0;
  let sent = 0;
  let messageIds = 0;
  let heartBeats = true;
  const [sx, sy] = options.heartBeat ?? [0, 0];

  const write = (session: Session, bytes: Buffer): void => {
    const size = options.chunkSize ?? bytes.length;
    const pieces: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
    const step = (): void => {
      const piece = pieces.shift();
      if (piece === undefined || session.socket.destroyed) return;
      session.socket.write(piece);
      if (pieces.length > 0) setImmediate(step);
    };
    step();
  };

  const message = (id: string, destination: string, body: string | Uint8Array): Buffer =>
    encodeFrame({
      command: 'MESSAGE',
      headers: { subscription: id, 'message-id': `m-${++messageIds}`, destination },
      body,
    });

  const deliver = (destination: string, bodies: readonly (string | Uint8Array)[]): number => {
    let count = 0;
    for (const session of sessions) {
      for (const [id, subscribed] of session.subscriptions) {
        if (subscribed !== destination) continue;
        write(session, Buffer.concat(bodies.map((body) => message(id, destination, body))));
        count++;
      }
    }
    return count;
  };

  const onFrame = (session: Session, frame: StompFrame): void => {
    frames.push(frame);
    const { command, headers } = frame;
    if (command === 'CONNECT' || command === 'STOMP') {
      write(
        session,
        encodeFrame({ command: 'CONNECTED', headers: { version: '1.2', 'heart-beat': `${sx},${sy}` } }),
      );
      const [, cy] = (headers['heart-beat'] ?? '0,0').split(',').map(Number);
      if (sx > 0 && (cy ?? 0) > 0) {
        session.heartBeat = setInterval(
          () => {
            if (!heartBeats) return;
            session.socket.write('\n');
            sent++;
          },
          Math.max(sx, cy ?? 0),
        );
      }
    } else if (command === 'SUBSCRIBE') {
      session.subscriptions.set(headers.id ?? '', headers.destination ?? '');
    } else if (command === 'UNSUBSCRIBE') {
      session.subscriptions.delete(headers.id ?? '');
    } else if (command === 'SEND') {
      deliver(headers.destination ?? '', [frame.body]);
    }
    if (headers.receipt !== undefined) {
      write(session, encodeFrame({ command: 'RECEIPT', headers: { 'receipt-id': headers.receipt } }));
    }
    if (command === 'DISCONNECT') session.socket.end();
  };

  const listener: Listener = await listen((socket) => {
    socket.setNoDelay(true);
    const session: Session = { socket, subscriptions: new Map() };
    sessions.add(session);
    const parser = new StompFrameParser();
    socket.on('close', () => {
      clearInterval(session.heartBeat);
      sessions.delete(session);
    });
    socket.on('data', (chunk: Buffer) => {
      if (parser.buffered.length === 0 && onlyEols(chunk)) received += chunk.filter((b) => b === 0x0a).length;
      parser.push(chunk);
      for (let frame = parser.next(); frame !== undefined; frame = parser.next()) onFrame(session, frame);
    });
  });

  return {
    port: listener.port,
    uri: `tcp://127.0.0.1:${listener.port}`,
    frames,
    connections: () => listener.accepted.length,
    heartBeatsReceived: () => received,
    heartBeatsSent: () => sent,
    stopHeartBeats: () => {
      heartBeats = false;
    },
    publish: deliver,
    dropAll: () => {
      for (const session of sessions) session.socket.destroy();
    },
    close: async () => {
      for (const session of sessions) clearInterval(session.heartBeat);
      await listener.close();
    },
  };
}
