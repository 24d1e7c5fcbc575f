import { inspect } from 'node:util';
import { filter, firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { connect$ } from '../../src/connect';
import { AttemptError } from '../../src/errors/attempt-error';
import { ConnectError } from '../../src/errors/connect-error';
import { StompError } from '../../src/errors/stomp-error';
import { encodeFrame } from '../../src/stomp/frame';
import { stompHandshake, type StompConnected } from '../../src/stomp/stomp-handshake';
import { startStompResponder, type StompResponder } from '../../src/stomp/stomp-responder';
import type { ConnectEvent, Socket } from '../../src/types';
import { activeResources, leakedSince } from '../helpers/resources';

type Connected = Extract<ConnectEvent, { type: 'connected' }>;

let responders: StompResponder[] = [];
let sockets: Socket[] = [];

async function responder(...args: Parameters<typeof startStompResponder>): Promise<StompResponder> {
  const started = await startStompResponder(...args);
  responders.push(started);
  return started;
}
function failover(...uris: string[]): string {
  return `failover:(${uris.join(',')})?randomize=false&initialReconnectDelay=0&maxReconnectAttempts=${uris.length - 1}`;
}
async function run(uri: string, verify = stompHandshake()): Promise<ConnectEvent[]> {
  const events = await lastValueFrom(connect$(uri, {}, { verify }).pipe(toArray()));
  for (const event of events) if (event.type === 'connected') sockets.push(event.socket);
  return events;
}
function described(event: ConnectEvent): string {
  if (event.type === 'failed') return `failed ${event.attempt} ${event.error.code}`;
  return `${event.type} ${event.attempt} ${event.peer.port}`;
}

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(responders.map((server) => server.close()));
  responders = [];
  sockets = [];
});

describe('connect$ with verify: stompHandshake()', () => {
  it('fails over from a broker answering ERROR to one answering CONNECTED', async () => {
    const refusing = await responder({ vhost: '/' });
    const ok = await responder({ server: 'OK/1.0' });
    const events = await run(failover(refusing.uri, ok.uri));
    expect(events.map(described)).toEqual([
      `attempt 1 ${refusing.port}`,
      'failed 1 ERR_STOMP_ERROR_FRAME',
      `attempt 2 ${ok.port}`,
      `connected 2 ${ok.port}`,
    ]);
    const failed = events[1] as Extract<ConnectEvent, { type: 'failed' }>;
    expect(failed.error).toBeInstanceOf(AttemptError);
    expect(failed.error.message).toBe(
      `cannot connect to 127.0.0.1:${refusing.port}: STOMP ERROR frame: Bad CONNECT: Virtual host '127.0.0.1' access denied`,
    );
    expect(failed.error.cause).toBeInstanceOf(StompError);
    const connected = events[3] as Connected;
    expect(connected.verified).toEqual<StompConnected>({
      version: '1.2',
      server: 'OK/1.0',
      session: expect.any(String),
      heartBeat: [0, 0],
      heartbeatOutgoing: 0,
      heartbeatIncoming: 0,
      headers: expect.objectContaining({ server: 'OK/1.0' }),
    });
    expect(connected.socket.destroyed).toBe(false);
  });

  it("sends the URI's credentials, and never shows them when they are refused", async () => {
    const broker = await responder({ login: 'guest', passcode: 'guest' });
    const error: unknown = await run(failover(`tcp://guest:N0t-It@127.0.0.1:${broker.port}`)).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).message).toBe(
      `cannot connect to 127.0.0.1:${broker.port}: STOMP ERROR frame: Bad CONNECT: Access refused for user '***' (1 attempt)`,
    );
    expect((error as ConnectError).errors[0]?.code).toBe('ERR_STOMP_ERROR_FRAME');
    expect(inspect(error, { depth: 8 })).not.toContain('N0t-It');
    expect(broker.frames[0]?.headers).toMatchObject({ login: 'guest', passcode: 'N0t-It' });
    const events = await run(failover(`tcp://guest:guest@127.0.0.1:${broker.port}`));
    expect(events.map((event) => event.type)).toEqual(['attempt', 'connected']);
  });

  it('fails over from a broker that closes without answering (ERR_STOMP_CLOSED)', async () => {
    const closing = await responder({ answer: 'close' });
    const ok = await responder();
    const events = await run(failover(closing.uri, ok.uri));
    expect(events.map(described)).toEqual([
      `attempt 1 ${closing.port}`,
      'failed 1 ERR_STOMP_CLOSED',
      `attempt 2 ${ok.port}`,
      `connected 2 ${ok.port}`,
    ]);
  });

  it('counts the handshake in the attempt timeout, and leaves nothing open', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50)); // earlier tests' handles close
    const baseline = activeResources();
    const silent = await responder({ answer: 'silent' });
    const ok = await responder();
    const started = Date.now();
    const events = await run(failover(`${silent.uri}?connectionTimeout=150`, ok.uri));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(events.map(described)).toEqual([
      `attempt 1 ${silent.port}`,
      'failed 1 ETIMEDOUT',
      `attempt 2 ${ok.port}`,
      `connected 2 ${ok.port}`,
    ]);
    expect(silent.frames.map((frame) => frame.command)).toEqual(['CONNECT']);
    for (const socket of sockets) socket.destroy();
    await Promise.all([silent.close(), ok.close()]);
    responders = [];
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it("hands over a socket that still holds the broker's next frame", async () => {
    const message = encodeFrame({ command: 'MESSAGE', headers: { destination: '/q/a' }, body: 'first' });
    const broker = await responder({ after: message });
    const connected = await firstValueFrom(
      connect$(broker.uri, {}, { verify: stompHandshake() }).pipe(
        filter((event) => event.type === 'connected'),
      ),
    );
    sockets.push(connected.socket);
    const received: Buffer[] = [];
    connected.socket.on('data', (chunk: Buffer) => received.push(chunk));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(Buffer.concat(received)).toEqual(message);
    expect(connected.socket.listenerCount('readable')).toBe(0);
  });
});
