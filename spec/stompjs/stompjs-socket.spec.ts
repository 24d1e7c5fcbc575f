// stompjsSocket on its own, over real loopback sockets: its states, callbacks, reads and writes.
import { connect as netConnect, createServer, type AddressInfo, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { ConnectError } from '../../src/errors/connect-error';
import { UriError } from '../../src/errors/uri-error';
import { STOMPJS_SOCKET_STATE, stompjsSocket, type StompjsSocket } from '../../src/stompjs';
import { COALESCE_FROM_WRITE } from '../../src/stompjs/coalescing-writer';
import type { ConnectEvent, Peer } from '../../src/types';
import { until } from '../helpers/connect-peer-helpers';
import { listen, refusedPort, type Listener } from '../helpers/loopback';
import { activeResources, leakedSince } from '../helpers/resources';
import { record, text, turns } from './recorder';

const { CONNECTING, OPEN, CLOSING, CLOSED } = STOMPJS_SOCKET_STATE;

let server: Listener;
let received: Buffer[];
beforeEach(async () => {
  received = [];
  server = await listen((socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
});
afterEach(() => server.close());

/** The server side of the first accepted connection, once accepted. */
async function accepted(): Promise<Socket> {
  await until(() => server.accepted.length > 0, 'a connection');
  return server.accepted[0] as Socket;
}

async function receivedBytes(length: number): Promise<Buffer> {
  await until(() => Buffer.concat(received).length >= length, `${length} bytes`);
  return Buffer.concat(received);
}

const summary = (event: ConnectEvent): string =>
  event.type === 'failed' ? `failed ${event.attempt} ${event.error.code}` : `${event.type} ${event.attempt}`;

describe('states and callbacks', () => {
  it('goes CONNECTING → OPEN → CLOSING → CLOSED, and close() ends cleanly: onclose 1000 once', async () => {
    const baseline = activeResources();
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    const rec = record(socket);
    expect(socket.readyState).toBe(CONNECTING);
    await rec.opened;
    expect(socket.readyState).toBe(OPEN);
    expect(socket.peer?.port).toBe(server.port);
    socket.close();
    expect(socket.readyState).toBe(CLOSING);
    socket.close(); // no effect while closing
    await rec.closed;
    await turns();
    expect(rec.log).toEqual([`open ${OPEN}`, `close 1000 ${CLOSED}`]);
    expect(rec.closes).toEqual([{ type: 'close', code: 1000, reason: '', wasClean: true }]);
    socket.close();
    socket.terminate();
    await turns();
    expect(rec.closes).toHaveLength(1);
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('reports the broker closing the connection as 1006, not clean, with no onerror', async () => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    const rec = record(socket);
    await rec.opened;
    (await accepted()).end();
    expect(await rec.closed).toEqual({
      type: 'close',
      code: 1006,
      reason: 'connection closed by the broker',
      wasClean: false,
    });
    expect(rec.log).toEqual([`open ${OPEN}`, `close 1006 ${CLOSED}`]);
  });

  it('reports an I/O error through onerror, then onclose 1006', async () => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    const rec = record(socket);
    await rec.opened;
    (await accepted()).resetAndDestroy();
    const closed = await rec.closed;
    expect(rec.log).toEqual([`open ${OPEN}`, 'error Error', `close 1006 ${CLOSED}`]);
    expect(rec.errors[0]?.error).toMatchObject({ code: 'ECONNRESET' });
    expect(closed).toMatchObject({
      code: 1006,
      wasClean: false,
      reason: expect.stringMatching(/^connection lost: /),
    });
  });

  it('terminate() destroys the connection at once: onclose 1006, the broker sees it closed', async () => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    const rec = record(socket);
    await rec.opened;
    socket.terminate();
    expect(socket.readyState).toBe(CLOSING);
    expect(await rec.closed).toEqual({ type: 'close', code: 1006, reason: 'terminated', wasClean: false });
    await server.allClosed();
  });

  it('destroys the socket when the broker does not close its side within 5 s of close()', async () => {
    const halfOpen = createServer({ allowHalfOpen: true }, (peer) => peer.resume()); // never ends its side
    await new Promise<void>((resolve) => halfOpen.listen(0, '127.0.0.1', resolve));
    try {
      const socket = stompjsSocket(`tcp://127.0.0.1:${(halfOpen.address() as AddressInfo).port}`);
      const rec = record(socket);
      await rec.opened;
      socket.close();
      expect(await rec.closed).toEqual({
        type: 'close',
        code: 1006,
        reason: 'the broker did not close the connection within 5000 ms',
        wasClean: false,
      });
    } finally {
      halfOpen.close();
    }
  });

  it('gives onEvent every event of the run, and opens after `connected`', async () => {
    const refused = await refusedPort();
    const events: string[] = [];
    const socket = stompjsSocket(
      `failover:(tcp://127.0.0.1:${refused},tcp://127.0.0.1:${server.port})?randomize=false&initialReconnectDelay=0`,
      {},
      { onEvent: (event) => events.push(summary(event)) },
    );
    await new Promise((resolve) => (socket.onopen = () => resolve(events.push('onopen'))));
    expect(events).toEqual(['attempt 1', 'failed 1 ECONNREFUSED', 'attempt 2', 'connected 2', 'onopen']);
    expect(socket.peer?.port).toBe(server.port);
    socket.terminate();
  });
});

describe("Nagle's algorithm", () => {
  /** A transport whose sockets record their setNoDelay calls in `calls`. */
  const recordingNoDelay =
    (calls: unknown[]) =>
    (peer: Peer): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const opened = netConnect(peer.port, peer.host, () => resolve(opened)).once('error', reject);
        const original = opened.setNoDelay.bind(opened);
        opened.setNoDelay = (value?: boolean) => (calls.push(value), original(value));
      });
  const frames = Array.from({ length: 20 }, (_, i) => `SEND\ndestination:/queue/${i}\n\n${i}\0`);

  it.each([
    ['turned off by default, as on a WebSocket', '', {}, [true]],
    ['left alone when the URI says tcpNoDelay', '?tcpNoDelay=false', {}, []],
    ['left alone when the noDelay sockopt is given', '', { noDelay: false }, []],
  ])('is %s', async (_what, query, sockopts, calls) => {
    const noDelay: unknown[] = [];
    const transport = recordingNoDelay(noDelay);
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}${query}`, sockopts, { transport });
    await record(socket).opened;
    expect(noDelay).toEqual(calls);
    socket.terminate();
  });

  it('is left off for the first writes of a turn: a few frames and then work are never held back', async () => {
    const noDelay: unknown[] = [];
    const socket = stompjsSocket(
      `tcp://127.0.0.1:${server.port}`,
      {},
      { transport: recordingNoDelay(noDelay) },
    );
    await record(socket).opened;
    const few = frames.slice(0, COALESCE_FROM_WRITE - 1);
    for (const frame of few) socket.send(frame);
    await turns(1);
    expect(noDelay).toEqual([true]); // Nagle untouched
    expect((await receivedBytes(few.join('').length)).toString()).toBe(few.join(''));
    socket.terminate();
  });

  it('is on from the COALESCE_FROM_WRITEth write of a turn of the event loop to its end, so a burst shares packets', async () => {
    const noDelay: unknown[] = [];
    const socket = stompjsSocket(
      `tcp://127.0.0.1:${server.port}`,
      {},
      { transport: recordingNoDelay(noDelay) },
    );
    await record(socket).opened;
    socket.send(frames[0] ?? '');
    await turns(1);
    expect(noDelay).toEqual([true]); // a lone write goes out at once, Nagle untouched
    frames.slice(0, COALESCE_FROM_WRITE - 1).forEach((frame) => socket.send(frame));
    expect(noDelay).toEqual([true]);
    frames.slice(COALESCE_FROM_WRITE - 1).forEach((frame) => socket.send(frame));
    expect(noDelay).toEqual([true, false]);
    await turns(1);
    expect(noDelay).toEqual([true, false, true]); // off again: what the kernel holds goes at once
    const sent = (frames[0] ?? '') + frames.join('');
    expect((await receivedBytes(sent.length)).toString()).toBe(sent);
    socket.terminate();
  });

  it.each([
    ['the URI says tcpNoDelay', '?tcpNoDelay=true', {}, [], 'linux'],
    ['the noDelay sockopt is given', '', { noDelay: true }, [], 'linux'],
    [
      'the kernel does not send what it holds when TCP_NODELAY is set again (macOS, BSD)',
      '',
      {},
      [true],
      'darwin',
    ],
  ])('is left alone during a burst when %s', async (_what, query, sockopts, calls, platform) => {
    const noDelay: unknown[] = [];
    const original = process.platform;
    Object.defineProperty(process, 'platform', { value: platform });
    try {
      const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}${query}`, sockopts, {
        transport: recordingNoDelay(noDelay),
      });
      await record(socket).opened;
      for (const frame of frames) socket.send(frame);
      await turns(1);
      expect(noDelay).toEqual(calls);
      expect((await receivedBytes(Buffer.byteLength(frames.join('')))).toString()).toBe(frames.join(''));
      socket.terminate();
    } finally {
      Object.defineProperty(process, 'platform', { value: original });
    }
  });

  it('hands each write of a burst to the kernel at once: terminate() in the same turn loses none', async () => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    const rec = record(socket);
    await rec.opened;
    for (const frame of frames) socket.send(frame);
    expect(socket.bufferedAmount).toBe(0);
    socket.terminate();
    await rec.closed;
    expect((await receivedBytes(Buffer.byteLength(frames.join('')))).toString()).toBe(frames.join(''));
  });
});

describe('close() or terminate() while connecting cancels the run and leaves nothing open', () => {
  const retrying = (port: number): string => `failover:(tcp://127.0.0.1:${port})?initialReconnectDelay=60000`;

  it.each([
    ['close', 'before the run starts'],
    ['terminate', 'before the run starts'],
    ['close', 'during a failover wait'],
    ['terminate', 'during a failover wait'],
    ['close', 'inside onEvent at connected'],
  ] as const)('%s() %s', async (method, when) => {
    const port = when === 'inside onEvent at connected' ? server.port : await refusedPort();
    const baseline = activeResources();
    const events: string[] = [];
    const states: (number | undefined)[] = [];
    let socket: StompjsSocket | undefined;
    const waited = new Promise<void>((resolve) => {
      socket = stompjsSocket(
        retrying(port),
        {},
        {
          onEvent: (event) => {
            events.push(summary(event));
            if (event.type === 'failed' && when === 'during a failover wait') resolve();
            if (event.type === 'connected') {
              socket?.[method]();
              states.push(socket?.readyState);
              resolve();
            }
          },
        },
      );
    });
    if (socket === undefined) throw new Error('no socket');
    const rec = record(socket);
    if (when !== 'before the run starts') await waited;
    if (when !== 'inside onEvent at connected') {
      socket[method]();
      states.push(socket.readyState);
    }
    expect(states).toEqual([CLOSING]);
    expect(await rec.closed).toEqual({
      type: 'close',
      code: 1006,
      reason: 'closed before the connection was established',
      wasClean: false,
    });
    await turns();
    expect(rec.log).toEqual([`close 1006 ${CLOSED}`]);
    expect(events).toEqual(
      {
        'before the run starts': [],
        'during a failover wait': ['attempt 1', 'failed 1 ECONNREFUSED'],
        'inside onEvent at connected': ['attempt 1', 'connected 1'],
      }[when],
    );
    if (when === 'inside onEvent at connected') await server.allClosed();
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('during a TLS handshake that never ends', async () => {
    const baseline = activeResources();
    const events: string[] = [];
    const socket = stompjsSocket(
      `ssl://127.0.0.1:${server.port}`, // the listener accepts and never answers the ClientHello
      {},
      { onEvent: (event) => events.push(summary(event)) },
    );
    const rec = record(socket);
    await receivedBytes(1); // the ClientHello
    socket.close();
    await rec.closed;
    await server.allClosed();
    expect(events).toEqual(['attempt 1']);
    expect(await leakedSince(baseline)).toEqual([]);
  });
});

describe('a run that fails, bad arguments', () => {
  it('reports the ConnectError through onerror, then onclose 1006, never showing the credentials', async () => {
    const refused = await refusedPort();
    const socket = stompjsSocket(`failover:(tcp://guest:s3cret@127.0.0.1:${refused})?maxReconnectAttempts=0`);
    const rec = record(socket);
    const closed = await rec.closed;
    expect(rec.log).toEqual(['error ConnectError', `close 1006 ${CLOSED}`]);
    const error = rec.errors[0]?.error;
    expect(error).toBeInstanceOf(ConnectError);
    expect(rec.errors[0]?.message).toBe(error?.message);
    expect(closed.reason).toBe(
      `cannot connect to 127.0.0.1:${refused}: connect ECONNREFUSED 127.0.0.1:${refused} (1 attempt)`,
    );
    expect(socket.url).toBe(`failover:(tcp://127.0.0.1:${refused})`);
    for (const shown of [
      inspect(socket, { depth: 8 }),
      inspect(rec.errors, { depth: 8 }),
      JSON.stringify(rec.closes),
    ]) {
      expect(shown).not.toContain('s3cret');
    }
  });

  it.each([
    ['a URI that does not parse', 'tcp://guest:s3cret@127.0.0.1:99999', undefined, UriError],
    ['options that are not an object', 'tcp://127.0.0.1:1', 'fast', TypeError],
    ['an onEvent that is not a function', 'tcp://127.0.0.1:1', { onEvent: 42 }, TypeError],
  ])('reports %s through onerror and onclose, and throws nothing', async (_what, uri, options, type) => {
    const socket = stompjsSocket(uri, {}, options as never);
    const rec = record(socket);
    await rec.closed;
    expect(rec.log).toEqual([`error ${type.name}`, `close 1006 ${CLOSED}`]);
    expect(rec.errors[0]?.error).toBeInstanceOf(type);
    expect(inspect(socket, { depth: 8 }) + inspect(rec.errors, { depth: 8 })).not.toContain('s3cret');
  });

  it.each([
    ['an Error', new Error('logger broke'), 'logger broke'],
    ['a string', 'oops', 'oops'],
    ['null', null, 'null'],
    ['an object without prototype', Object.create(null), 'object'],
  ])(
    'ends the socket when onEvent throws %s at connected: onerror, onclose, the connection closed',
    async (_what, thrown, reason) => {
      const socket = stompjsSocket(
        `tcp://127.0.0.1:${server.port}`,
        {},
        {
          onEvent: (event) => {
            if (event.type === 'connected') throw thrown;
          },
        },
      );
      const rec = record(socket);
      await rec.closed;
      expect(rec.log).toEqual(['error Error', `close 1006 ${CLOSED}`]);
      expect(rec.errors[0]?.message).toBe(`stompjsSocket: options.onEvent threw: ${reason}`);
      expect(rec.errors[0]?.error.cause).toBe(thrown);
      await server.allClosed();
    },
  );
});

describe('url', () => {
  it.each([
    ['tcp://guest:s3cret@127.0.0.1:61613', 'tcp://127.0.0.1:61613'],
    [
      'failover:(stomp://u:s3cret@a,ssl://u:s3cret@[::1])?randomize=false',
      'failover:(stomp://a:61613,ssl://[::1]:61614)',
    ],
    ['tcp://guest:s3cret@host:99999', 'tcp://guest:***@host:99999'],
    ['  file:/etc/stomp/brokers.txt ', 'file:/etc/stomp/brokers.txt'],
  ])('describes %j as %j', (target, url) => {
    const socket = stompjsSocket(target);
    socket.close();
    expect(socket.url).toBe(url);
  });

  it('describes a { host, port } target as its URI (ssl with an SSL_* sockopt)', () => {
    const plain = stompjsSocket({ host: 'mq', port: 61613 });
    const tls = stompjsSocket({ host: 'mq', port: 61614 }, { SSL_verify_mode: 0 });
    plain.close();
    tls.close();
    expect([plain.url, tls.url]).toEqual(['tcp://mq:61613', 'ssl://mq:61614']);
  });
});

describe('reads', () => {
  it('delivers ArrayBuffers by default, holding the bytes read', async () => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    expect(socket.binaryType).toBe('arraybuffer');
    const rec = record(socket);
    await rec.opened;
    (await accepted()).write(Buffer.from([0, 1, 0xff, 0xc3]));
    await rec.messagesArrived(1);
    expect(rec.messages[0]).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(rec.messages[0] as ArrayBuffer)]).toEqual([0, 1, 0xff, 0xc3]);
    socket.terminate();
  });

  it('delivers each read in an ArrayBuffer that later reads leave alone', async () => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    const rec = record(socket);
    await rec.opened;
    const peer = await accepted();
    const reads = [Buffer.alloc(70_000, 1), Buffer.alloc(70_000, 2), Buffer.from('x')];
    for (const bytes of reads) {
      peer.write(bytes);
      const before = rec.messages.length;
      await until(
        () =>
          Buffer.concat(rec.messages.slice(before).map((m) => Buffer.from(m as ArrayBuffer))).length >=
          bytes.length,
        'a read',
      );
    }
    const got = Buffer.concat(rec.messages.map((m) => Buffer.from(m as ArrayBuffer)));
    expect(got.equals(Buffer.concat(reads))).toBe(true);
    expect(new Set(rec.messages).size).toBe(rec.messages.length);
    socket.terminate();
  });

  const characters = ['é', '€', '𝄞'].flatMap((char) =>
    Array.from({ length: Buffer.byteLength(char) - 1 }, (_, cut) => [char, cut + 1] as const),
  );
  it.each(characters)(
    'with binaryType "blob", gives strings and never cuts %j (its bytes split after %i)',
    async (char, cut) => {
      const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
      socket.binaryType = 'blob';
      const rec = record(socket);
      await rec.opened;
      const peer = await accepted();
      const bytes = Buffer.from(`a${char}b`);
      peer.write(bytes.subarray(0, 1 + cut));
      await rec.messagesArrived(1);
      expect(rec.messages).toEqual(['a']); // the character's first bytes are held back
      peer.write(bytes.subarray(1 + cut));
      await rec.messagesArrived(2);
      expect(rec.messages).toEqual(['a', `${char}b`]);
      socket.terminate();
    },
  );

  it('gives the held-back bytes to the next ArrayBuffer when binaryType changes to arraybuffer', async () => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    socket.binaryType = 'text';
    const rec = record(socket);
    await rec.opened;
    const peer = await accepted();
    peer.write(Buffer.from([0x61, 0xe2, 0x82]));
    await rec.messagesArrived(1);
    socket.binaryType = 'arraybuffer';
    peer.write(Buffer.from([0xac]));
    await rec.messagesArrived(2);
    expect(rec.messages[0]).toBe('a');
    expect(text(rec.messages[1] ?? '')).toBe('€');
    socket.terminate();
  });

  it('refuses a binaryType that is not a string', () => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    socket.close();
    expect(() => (socket.binaryType = 1 as unknown as string)).toThrow(
      new TypeError("stompjsSocket: binaryType must be a string such as 'arraybuffer', got number"),
    );
  });

  it('delivers nothing once closing', async () => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    const rec = record(socket);
    await rec.opened;
    const peer = await accepted();
    socket.close();
    peer.write('late');
    await rec.closed;
    expect(rec.messages).toEqual([]);
  });
});

describe('writes', () => {
  it('writes strings as UTF-8, ArrayBuffers, and only the bytes of a view', async () => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    const rec = record(socket);
    await rec.opened;
    const backing = new Uint8Array([9, 9, 0x63, 0x64, 9]);
    socket.send('é');
    socket.send(new Uint8Array([0x61, 0x62]).buffer);
    socket.send(backing.subarray(2, 4));
    socket.send(new DataView(backing.buffer, 2, 1));
    socket.send('a\ud834'); // stompjs's splitLargeFrames may cut a surrogate pair
    socket.send('\udd1e!');
    expect((await receivedBytes(13)).toString('utf8')).toBe('éabcdca𝄞!');
    socket.terminate();
  });

  it.each([
    ['ASCII', 'a'],
    ['beyond ASCII', 'é'],
  ])('counts what is not sent yet in bytes in bufferedAmount (%s)', async (_what, character) => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    const rec = record(socket);
    await rec.opened;
    const text = character.repeat(8_000_000); // more than the kernel takes at once
    socket.send(text);
    expect(socket.bufferedAmount).toBe(Buffer.byteLength(text));
    socket.terminate();
    await rec.closed;
  });

  it('refuses data of another type with a TypeError', async () => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    const rec = record(socket);
    await rec.opened;
    expect(() => socket.send(new Blob(['x']))).toThrow(
      new TypeError('stompjsSocket.send: a Blob cannot be written at once; send `await blob.arrayBuffer()`'),
    );
    expect(() => socket.send(42 as never)).toThrow(
      new TypeError(
        'stompjsSocket.send: expected a string, an ArrayBuffer or an ArrayBufferView, got number',
      ),
    );
    expect(() => socket.send({} as never)).toThrow(/got Object$/);
    socket.terminate();
  });

  it('throws InvalidStateError while connecting, and discards writes once closing (as a WebSocket)', async () => {
    const socket = stompjsSocket(`tcp://127.0.0.1:${server.port}`);
    const rec = record(socket);
    expect(() => socket.send('x')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    await rec.opened;
    socket.send('kept');
    socket.close();
    socket.send('dropped');
    await rec.closed;
    expect(Buffer.concat(received).toString()).toBe('kept');
  });
});
