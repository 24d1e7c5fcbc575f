import { createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * How a broker reads the header lines of a CONNECT frame:
 * - `'literal'`: as written, as STOMP 1.2 says and Artemis does (its STOMP 1.0
 *   decoder, used until the version is negotiated, knows no escapes);
 * - `'unescape'`: STOMP 1.2 unescaping applied to every frame, lenient on
 *   undefined escapes (kept as written), as ActiveMQ 5.17 does. (RabbitMQ
 *   3.10 unescapes too, but refuses an undefined escape.)
 */
export type ConnectReading = 'literal' | 'unescape';

/** What the broker wants to see in CONNECT; a header left out is not checked. */
export interface Expected {
  readonly login?: string;
  readonly passcode?: string;
  readonly host?: string;
}

/** A loopback STOMP "broker" that judges one CONNECT frame per connection with its own reader. */
export interface JudgingBroker {
  readonly host: string;
  readonly port: number;
  /** The raw bytes of each CONNECT frame received, NUL included. */
  readonly received: Buffer[];
  /** The headers each CONNECT frame was read as. */
  readonly read: Record<string, string>[];
  close(): Promise<void>;
}

const UNESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', c: ':', '\\': '\\' };

// The test's own reader, independent of src/stomp: the tests must not check the code with itself.
function readConnect(frame: Buffer, reading: ConnectReading): Record<string, string> {
  const head = frame.toString('utf8').split('\n\n')[0] ?? '';
  const headers: Record<string, string> = {};
  const decode = (text: string): string =>
    reading === 'literal'
      ? text
      : text.replace(/\\(.?)/gs, (whole, char: string) => UNESCAPES[char] ?? whole);
  for (const line of head.split('\n').slice(1)) {
    const colon = line.indexOf(':');
    const name = decode(line.slice(0, colon));
    if (colon > 0 && !Object.hasOwn(headers, name)) headers[name] = decode(line.slice(colon + 1));
  }
  return headers;
}

function answer(headers: Record<string, string>, expected: Expected): string {
  const wrong = (['login', 'passcode', 'host'] as const).filter(
    (name) => expected[name] !== undefined && headers[name] !== expected[name],
  );
  if (wrong.length > 0) return `ERROR\nmessage:Bad CONNECT\n\nwrong ${wrong.join(', ')}\0`;
  return 'CONNECTED\nversion:1.2\nserver:judge/1.0\n\n\0';
}

/** Starts a {@link JudgingBroker} on `host` (`'127.0.0.1'` or `'::1'`), port 0. */
export async function startJudgingBroker(
  reading: ConnectReading,
  expected: Expected,
  host = '127.0.0.1',
): Promise<JudgingBroker> {
  const received: Buffer[] = [];
  const read: Record<string, string>[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let bytes = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      const nul = bytes.indexOf(0);
      if (nul < 0) return;
      const frame = bytes.subarray(0, nul + 1);
      bytes = bytes.subarray(nul + 1);
      received.push(frame);
      const headers = readConnect(frame, reading);
      read.push(headers);
      socket.write(answer(headers, expected));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    host,
    port: (server.address() as AddressInfo).port,
    received,
    read,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
