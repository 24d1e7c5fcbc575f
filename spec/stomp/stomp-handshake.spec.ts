import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { encodeFrame } from '../../src/stomp/frame';
import { stompHandshake } from '../../src/stomp/stomp-handshake';
import { failure, listenerCounts, loopbackHarness, loopbackPeer } from './harness';

const MESSAGE = encodeFrame({ command: 'MESSAGE', headers: { destination: '/q/a' }, body: 'hello\0world' });
const { responder, listener, socketTo } = loopbackHarness();

describe('stompHandshake: the CONNECT frame', () => {
  it('sends the defaults: accept-version 1.0-1.2, host = peer host, heart-beat 0,0, no login', async () => {
    const broker = await responder();
    const socket = await socketTo(broker.port);
    await lastValueFrom(stompHandshake()(socket, loopbackPeer(broker.port)));
    expect(broker.frames.map((frame) => frame.command)).toEqual(['CONNECT']);
    expect(Object.entries(broker.frames[0]?.headers ?? {})).toEqual([
      ['accept-version', '1.0,1.1,1.2'],
      ['host', '127.0.0.1'],
      ['heart-beat', '0,0'],
    ]);
  });

  it("takes login/passcode from the peer's non-enumerable properties, as written on the wire", async () => {
    const broker = await responder({ login: 'us:er', passcode: 'p\\a:ss word' });
    const socket = await socketTo(broker.port);
    const write = jest.spyOn(socket, 'write');
    const peer = loopbackPeer(broker.port, { login: 'us:er', passcode: 'p\\a:ss word' });
    const connected = await lastValueFrom(stompHandshake()(socket, peer));
    expect(connected.version).toBe('1.2');
    expect(String(write.mock.calls[0]?.[0])).toContain('\nlogin:us:er\npasscode:p\\a:ss word\n');
    expect(broker.frames[0]?.headers).toMatchObject({ login: 'us:er', passcode: 'p\\a:ss word' });
  });

  it('lets options replace the defaults and extra headers replace anything', async () => {
    const broker = await responder();
    const socket = await socketTo(broker.port);
    const handshake = stompHandshake({
      login: 'me',
      passcode: 'secret',
      host: '/',
      acceptVersion: '1.1,1.2',
      heartBeat: [1000, 2000],
      headers: { 'client-id': 'c1', 'accept-version': '1.2' },
    });
    await lastValueFrom(handshake(socket, loopbackPeer(broker.port, { login: 'peer', passcode: 'peerpw' })));
    expect(broker.frames[0]?.headers).toEqual({
      'accept-version': '1.2',
      host: '/',
      login: 'me',
      passcode: 'secret',
      'heart-beat': '1000,2000',
      'client-id': 'c1',
    });
  });

  it('refuses a bad heartBeat at once, and a NUL in a credential without showing it', async () => {
    expect(() => stompHandshake({ heartBeat: [-1, 0] })).toThrow(TypeError);
    expect(() => stompHandshake({ heartBeat: [0.5, 0] })).toThrow(TypeError);
    const broker = await responder();
    const socket = await socketTo(broker.port);
    const error = await failure(
      lastValueFrom(stompHandshake()(socket, loopbackPeer(broker.port, { passcode: 'top\0secret' }))),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(
      /^stompHandshake: the peer's passcode cannot be sent in the CONNECT header/,
    );
    expect(error.message).not.toMatch(/secret/);
  });
});

describe('stompHandshake: reading the answer', () => {
  it('emits the CONNECTED frame as a StompConnected, then completes', async () => {
    const broker = await responder({ server: 'Test/1.0', heartBeat: [5000, 10000] });
    const socket = await socketTo(broker.port);
    const values = await lastValueFrom(stompHandshake()(socket, loopbackPeer(broker.port)).pipe(toArray()));
    expect(values).toEqual([
      {
        version: '1.2',
        server: 'Test/1.0',
        session: expect.stringMatching(/^session-/),
        heartBeat: [5000, 10000],
        heartbeatOutgoing: 0, // the client asked for none
        heartbeatIncoming: 0,
        headers: expect.objectContaining({ version: '1.2', 'heart-beat': '5000,10000' }),
      },
    ]);
  });

  it('reads an answer written a byte at a time, after heart-beat EOLs, with CRLF lines', async () => {
    const broker = await responder({ chunkSize: 1, chunkDelay: 1, before: '\n\r\n\n', eol: '\r\n' });
    const socket = await socketTo(broker.port);
    const reads = jest.spyOn(socket, 'read');
    const connected = await lastValueFrom(stompHandshake()(socket, loopbackPeer(broker.port)));
    expect(connected).toMatchObject({ version: '1.2', server: 'stomp-responder/1.0', heartBeat: [0, 0] });
    expect(reads.mock.results.filter((result) => result.value !== null).length).toBeGreaterThan(10);
  });

  it('gives back what followed CONNECTED in the same write, and leaves no listener', async () => {
    const broker = await responder({ after: MESSAGE });
    const socket = await socketTo(broker.port);
    const before = listenerCounts(socket);
    await lastValueFrom(stompHandshake()(socket, loopbackPeer(broker.port)));
    expect(listenerCounts(socket)).toEqual(before);
    expect(socket.readableFlowing).toBeNull(); // as found: a 'data' listener starts the flow
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(Buffer.concat(received)).toEqual(MESSAGE);
  });

  it("gives back the bytes and the 'end' of a broker that writes CONNECTED + MESSAGE and closes", async () => {
    const answer = Buffer.concat([encodeFrame({ command: 'CONNECTED' }), MESSAGE]);
    const server = await listener((peer) => peer.once('data', () => peer.end(answer)));
    const socket = await socketTo(server.port);
    const connected = await firstValueFrom(stompHandshake()(socket, loopbackPeer(server.port)));
    expect(connected).toEqual({
      version: '1.0',
      heartBeat: [0, 0],
      heartbeatOutgoing: 0,
      heartbeatIncoming: 0,
      headers: {},
    });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the caller takes its time
    const received: Buffer[] = [];
    const ended = new Promise((resolve) => socket.once('end', resolve));
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    await ended;
    expect(Buffer.concat(received)).toEqual(MESSAGE);
  });
});
