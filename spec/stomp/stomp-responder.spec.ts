import { once } from 'node:events';
import { encodeFrame, type StompFrame } from '../../src/stomp/frame';
import { StompFrameParser } from '../../src/stomp/frame-parser';
import type { Socket } from '../../src/types';
import { loopbackHarness } from './harness';

const { responder, socketTo } = loopbackHarness();

/** Sends `frames` and collects what comes back until the responder closes or `count` frames arrived. */
async function exchange(socket: Socket, frames: Buffer[], count = Infinity): Promise<StompFrame[]> {
  const parser = new StompFrameParser();
  const received: StompFrame[] = [];
  const done = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      parser.push(chunk);
      for (let frame = parser.next(); frame !== undefined; frame = parser.next()) received.push(frame);
      if (received.length >= count) resolve();
    });
    socket.on('end', () => resolve());
  });
  for (const frame of frames) socket.write(frame);
  await done;
  return received;
}
const connect = (headers: Record<string, string> = {}): Buffer =>
  encodeFrame({ command: 'CONNECT', headers });

describe('startStompResponder', () => {
  it('listens on 127.0.0.1 with a free port and a ready tcp:// URI', async () => {
    const broker = await responder();
    expect(broker.host).toBe('127.0.0.1');
    expect(broker.port).toBeGreaterThan(0);
    expect(broker.uri).toBe(`tcp://127.0.0.1:${broker.port}`);
  });

  it('picks the highest version both sides accept, and refuses when there is none', async () => {
    const broker = await responder();
    const [upTo11] = await exchange(
      await socketTo(broker.port),
      [connect({ 'accept-version': '1.0,1.1' })],
      1,
    );
    expect(upTo11?.headers.version).toBe('1.1');
    const [none] = await exchange(await socketTo(broker.port), [connect()], 1);
    expect(none?.headers.version).toBe('1.0');
    const [refused] = await exchange(await socketTo(broker.port), [connect({ 'accept-version': '2.0' })]);
    expect(refused?.command).toBe('ERROR');
    expect(refused?.body.toString()).toBe('Supported protocol versions are 1.2,1.1,1.0');
  });

  it('answers DISCONNECT with its RECEIPT, records every frame, counts connections', async () => {
    const broker = await responder();
    const socket = await socketTo(broker.port);
    const disconnect = encodeFrame({ command: 'DISCONNECT', headers: { receipt: 'r-1' } });
    const answers = await exchange(socket, [Buffer.concat([connect(), disconnect])]);
    expect(answers.map((frame) => frame.command)).toEqual(['CONNECTED', 'RECEIPT']);
    expect(answers[1]?.headers['receipt-id']).toBe('r-1');
    expect(broker.frames.map((frame) => frame.command)).toEqual(['CONNECT', 'DISCONNECT']);
    expect(broker.connections).toBe(1);
  });

  it("answers 'error' with the ERROR frame asked for, then closes", async () => {
    const broker = await responder({ answer: 'error', errorMessage: 'Nope', errorBody: 'go away\n' });
    const socket = await socketTo(broker.port);
    const [error] = await exchange(socket, [connect()]);
    expect(error).toMatchObject({ command: 'ERROR', headers: { message: 'Nope', 'content-length': '8' } });
    expect(error?.body.toString()).toBe('go away\n');
  });

  it('answers a protocol error with an ERROR frame', async () => {
    const broker = await responder();
    const [error] = await exchange(await socketTo(broker.port), [Buffer.from('GET / HTTP/1.1\r\n')]);
    expect(error?.headers.message).toBe('Protocol error');
  });

  it('close() ends the open connections too', async () => {
    const broker = await responder({ answer: 'silent' });
    const socket = await socketTo(broker.port);
    socket.write(connect());
    socket.resume();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all([broker.close(), once(socket, 'close')]);
    expect(socket.destroyed).toBe(true);
  });
});
