// A small STOMP 1.2 broker for the bench (B8, B10), run in the listener child: CONNECT
// (or STOMP) → CONNECTED without heart-beats, SUBSCRIBE / UNSUBSCRIBE, SEND → a MESSAGE
// to every subscription of the destination, DISCONNECT → its RECEIPT, then close. No
// acks, transactions or persistence: it measures clients, it is no broker to rely on.
// `drop()` is a broker that dies: every connection reset (RST), the listener closed;
// `up()` listens again on the same port.
import net from 'node:net';

const NUL = 0;
const LF = 10;
const CR = 13;

/** Parses frames out of a byte stream: `push(chunk)` returns the complete frames. */
class FrameReader {
  buffer = Buffer.alloc(0);

  push(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames = [];
    for (;;) {
      let start = 0;
      // Heart-beats and the EOLs that may follow a frame's NUL.
      while (start < this.buffer.length && (this.buffer[start] === LF || this.buffer[start] === CR)) start++;
      const headEnd = this.buffer.indexOf('\n\n', start);
      if (headEnd < 0) {
        this.buffer = this.buffer.subarray(start);
        return frames;
      }
      const lines = this.buffer.toString('utf8', start, headEnd).split('\n');
      const command = lines[0].replace(/\r$/, '');
      const headers = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon);
        if (!(name in headers)) headers[name] = line.slice(colon + 1).replace(/\r$/, '');
      }
      const bodyStart = headEnd + 2;
      const length = headers['content-length'] === undefined ? -1 : Number(headers['content-length']);
      const bodyEnd = length >= 0 ? bodyStart + length : this.buffer.indexOf(NUL, bodyStart);
      if (bodyEnd < 0 || bodyEnd >= this.buffer.length) {
        this.buffer = this.buffer.subarray(start);
        return frames;
      }
      frames.push({ command, headers, body: this.buffer.subarray(bodyStart, bodyEnd) });
      this.buffer = this.buffer.subarray(bodyEnd + 1);
    }
  }
}

function frame(command, headers, body = Buffer.alloc(0)) {
  let head = `${command}\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}:${value}\n`;
  return Buffer.concat([Buffer.from(`${head}\n`), body, Buffer.from([NUL])]);
}

/** Starts a broker on 127.0.0.1 (port 0: any); resolves to { port, drop(), up(), connections }. */
export async function startMiniBroker() {
  const sockets = new Set();
  const subscriptions = new Map(); // destination → Map(socket → Set(subscription id))
  let messageId = 0;
  let port = 0;

  function unsubscribeAll(socket) {
    for (const bySocket of subscriptions.values()) bySocket.delete(socket);
  }
  function handle(socket, { command, headers, body }) {
    switch (command) {
      case 'CONNECT':
      case 'STOMP':
        socket.write(frame('CONNECTED', { version: '1.2', 'heart-beat': '0,0', server: 'bench-broker' }));
        return;
      case 'SUBSCRIBE': {
        const destination = headers.destination;
        if (!subscriptions.has(destination)) subscriptions.set(destination, new Map());
        const bySocket = subscriptions.get(destination);
        if (!bySocket.has(socket)) bySocket.set(socket, new Set());
        bySocket.get(socket).add(headers.id);
        return;
      }
      case 'UNSUBSCRIBE':
        for (const bySocket of subscriptions.values()) bySocket.get(socket)?.delete(headers.id);
        return;
      case 'SEND': {
        const bySocket = subscriptions.get(headers.destination);
        if (bySocket === undefined) return;
        for (const [subscriber, ids] of bySocket) {
          for (const id of ids) {
            subscriber.write(
              frame(
                'MESSAGE',
                {
                  destination: headers.destination,
                  'message-id': String(++messageId),
                  subscription: id,
                  'content-length': String(body.length),
                },
                body,
              ),
            );
          }
        }
        return;
      }
      case 'DISCONNECT':
        if (headers.receipt !== undefined) socket.write(frame('RECEIPT', { 'receipt-id': headers.receipt }));
        socket.end();
        return;
      default:
        return; // ACK, NACK, BEGIN, COMMIT, ABORT: nothing to do here
    }
  }

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const reader = new FrameReader();
    socket.on('data', (chunk) => {
      for (const received of reader.push(chunk)) handle(socket, received);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      unsubscribeAll(socket);
    });
  });

  function listen() {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port, backlog: 4096 }, () => {
        server.off('error', reject);
        port = server.address().port;
        resolve(port);
      });
    });
  }
  await listen();

  return {
    get port() {
      return port;
    },
    get connections() {
      return sockets.size;
    },
    /** The broker dies: its listener closes and every connection is reset. Returns when (hrtime ns). */
    drop() {
      server.close();
      const at = process.hrtime.bigint();
      for (const socket of sockets) socket.resetAndDestroy();
      return at;
    },
    /** Listens again on the same port. */
    up: listen,
  };
}
