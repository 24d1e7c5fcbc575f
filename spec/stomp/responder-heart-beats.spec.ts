import { encodeFrame } from '../../src/stomp/frame';
import { until } from '../helpers/connect-peer-helpers';
import { loopbackHarness } from './harness';

const { responder, socketTo } = loopbackHarness();

const connect = (heartBeat: string): Buffer =>
  encodeFrame({ command: 'CONNECT', headers: { 'accept-version': '1.2', 'heart-beat': heartBeat } });

describe('startStompResponder: heart-beats and drops (what connection$ tests need)', () => {
  it('keepHeartBeats: EOLs at the negotiated interval after CONNECTED; the client’s EOLs are counted', async () => {
    const broker = await responder({ heartBeat: [30, 0], keepHeartBeats: true });
    const socket = await socketTo(broker.port);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.write(connect('0,50')); // the client wants one every 50 ms: max(30, 50)
    await until(() => /\0\n\n\n$/.test(received), 'three EOLs after CONNECTED', 10_000);
    expect(received).toMatch(/^CONNECTED\n[^\0]*heart-beat:30,0\n[^\0]*\0\n{3}$/);
    socket.write('\n');
    await until(() => broker.heartBeatsReceived === 1, 'the client’s EOL');
  });

  it.each([
    ['the client wants none', '0,0', { heartBeat: [30, 0] as const, keepHeartBeats: true }],
    ['the responder offers none', '0,50', { heartBeat: [0, 0] as const, keepHeartBeats: true }],
    ['keepHeartBeats is off (a silent broker)', '0,50', { heartBeat: [30, 0] as const }],
  ])('no EOLs when %s', async (_name, heartBeat, options) => {
    const broker = await responder(options);
    const socket = await socketTo(broker.port);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.write(connect(heartBeat));
    await until(() => received.includes('\0'), 'CONNECTED');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(received).toMatch(/\0$/);
  });

  it('drop() closes every open connection and keeps listening', async () => {
    const broker = await responder();
    const first = await socketTo(broker.port);
    const closed = new Promise<void>((resolve) => first.once('close', () => resolve()));
    first.resume();
    first.write(connect('0,0'));
    await until(() => broker.frames.length === 1, 'the CONNECT');
    broker.drop();
    await closed;
    const second = await socketTo(broker.port);
    second.resume();
    second.write(connect('0,0'));
    await until(() => broker.frames.length === 2, 'a second CONNECT');
    expect(broker.connections).toBe(2);
  });
});
