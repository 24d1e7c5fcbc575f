import { inspect } from 'node:util';
import { lastValueFrom, tap } from 'rxjs';
import { connect$ } from '../../src/connect';
import { AttemptError } from '../../src/errors/attempt-error';
import { ConnectError } from '../../src/errors/connect-error';
import { StompError } from '../../src/errors/stomp-error';
import { stompHandshake, type StompHandshakeOptions } from '../../src/stomp/stomp-handshake';
import type { ConnectEvent } from '../../src/types';
import { failure, loopbackHarness, loopbackPeer } from './harness';

const { responder, listener, socketTo } = loopbackHarness();
const LOGIN = 'Alice7';
const PASSCODE = 'S3cret-Pw';

/** Every way an error gets shown: message, String(), stack, JSON, inspect with everything. */
function shown(error: unknown): string {
  const { message, stack } = error as Error;
  return [
    message,
    String(error),
    stack,
    JSON.stringify(error),
    inspect(error, { showHidden: true, depth: Infinity, getters: true }),
  ].join('\n');
}

/** Fails when a credential shows: as text in any case, or as a Buffer's bytes in its inspection or JSON. */
function expectHidden(text: string, ...secrets: string[]): void {
  for (const secret of secrets) {
    expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
    const bytes = [...Buffer.from(secret)];
    expect(text).not.toContain(bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(' ')); // inspect
    expect(text).not.toContain(bytes.join(',')); // JSON
  }
}

/** The StompError of a handshake (the peer's credentials: LOGIN, PASSCODE) with a broker answering `answer`. */
async function answered(answer: string, options: StompHandshakeOptions = {}): Promise<StompError> {
  const server = await listener((peer) => peer.once('data', () => peer.write(answer)));
  const socket = await socketTo(server.port);
  const peer = loopbackPeer(server.port, { login: LOGIN, passcode: PASSCODE });
  return failure<StompError>(lastValueFrom(stompHandshake(options)(socket, peer)));
}

describe('stompHandshake: a broker that echoes the login or passcode in its ERROR frame', () => {
  it("shows *** in the error's message, stack, JSON and inspection, and in the frame it keeps", async () => {
    const broker = await responder({
      answer: 'error',
      errorMessage: `login failed for ${LOGIN}/${PASSCODE}`,
      errorBody: `user ${LOGIN.toUpperCase()}, passcode ${PASSCODE}\n`,
    });
    const socket = await socketTo(broker.port);
    const peer = loopbackPeer(broker.port, { login: LOGIN, passcode: PASSCODE });
    const error = await failure<StompError>(lastValueFrom(stompHandshake()(socket, peer)));
    expect(error).toBeInstanceOf(StompError);
    expect(error.code).toBe('ERR_STOMP_ERROR_FRAME');
    expect(error.message).toBe('STOMP ERROR frame: login failed for ***/***: user ***, passcode ***');
    expect(error.frame?.headers.message).toBe('login failed for ***/***');
    expect(error.frame?.body.toString()).toBe('user ***, passcode ***\n');
    expectHidden(shown(error), LOGIN, PASSCODE);
  });

  it.each<[string, StompHandshakeOptions]>([
    ['given as options', { login: LOGIN, passcode: PASSCODE }],
    ['given as extra headers', { headers: { login: LOGIN, passcode: PASSCODE } }],
  ])('masks credentials %s', async (_name, options) => {
    const broker = await responder({ answer: 'error', errorMessage: `no ${LOGIN}:${PASSCODE}` });
    const socket = await socketTo(broker.port);
    const error = await failure<StompError>(
      lastValueFrom(stompHandshake(options)(socket, loopbackPeer(broker.port))),
    );
    expect(error.message).toBe('STOMP ERROR frame: no ***:***');
    expectHidden(shown(error), LOGIN, PASSCODE);
  });

  it('masks before clipping a long reason: no first letters of a passcode at the cut', async () => {
    const error = await answered(`ERROR\nmessage:${'x'.repeat(196)}${PASSCODE}\n\n\0`);
    expect(error.message).toBe(`STOMP ERROR frame: ${'x'.repeat(196)}***`);
    const cut = await answered(`ERROR\nmessage:${'x'.repeat(198)}${PASSCODE}\n\n\0`);
    expect(cut.message).toBe(`STOMP ERROR frame: ${'x'.repeat(198)}**...`);
  });

  it("never masks the library's own words, only the broker's", async () => {
    const broker = await responder({ answer: 'error', errorMessage: 'bad login stomp', errorBody: 'frame' });
    const socket = await socketTo(broker.port);
    const peer = loopbackPeer(broker.port, { login: 'stomp', passcode: 'frame' });
    const error = await failure<StompError>(lastValueFrom(stompHandshake()(socket, peer)));
    expect(error.message).toBe('STOMP ERROR frame: bad login ***: ***');
  });

  it.each<[string, string, StompHandshakeOptions, string, RegExp]>([
    [
      'a first line that is no command',
      `${PASSCODE} is wrong\n`,
      {},
      PASSCODE,
      /^not a STOMP frame: "\*\*\* is wrong"$/,
    ],
    [
      'a command',
      'SECRETPW\n\n\0',
      { passcode: 'SECRETPW' },
      'SECRETPW',
      /^unexpected \*\*\* frame before CONNECTED$/,
    ],
    [
      'a content-length',
      `ERROR\ncontent-length:${PASSCODE}\n\n\0`,
      {},
      PASSCODE,
      /^invalid content-length "\*\*\*"$/,
    ],
    [
      'a heart-beat header',
      `CONNECTED\nheart-beat:${LOGIN}\n\n\0`,
      {},
      LOGIN,
      /malformed heart-beat header "\*\*\*"/,
    ],
  ])('masks an echo quoted in a protocol error: %s', async (_name, answer, options, secret, message) => {
    const error = await answered(answer, options);
    expect(error.code).toBe('ERR_STOMP_PROTOCOL');
    expect(error.message).toMatch(message);
    expectHidden(shown(error), secret);
  });

  it('masks the start of a passcode that a non-STOMP answer stops in (the rest may follow)', async () => {
    const error = await answered(PASSCODE.slice(0, 5));
    expect(error.message).toBe('not a STOMP frame: "***"');
    const complete = await answered(`${PASSCODE.slice(0, 5)}\n`);
    expect(complete.message).toBe('not a STOMP frame: "S3cre"'); // the whole line: not the passcode
  });
});

describe('connect$ with verify: stompHandshake(): the echo never reaches AttemptError or ConnectError', () => {
  it('masks them in the failed event, the AttemptError, the ConnectError, all their forms', async () => {
    const broker = await responder({
      answer: 'error',
      errorMessage: `login failed for ${LOGIN}/${PASSCODE}`,
    });
    const events: ConnectEvent[] = [];
    const error: unknown = await lastValueFrom(
      connect$(
        `failover:(${broker.uri})?maxReconnectAttempts=1&initialReconnectDelay=0`,
        {},
        {
          verify: stompHandshake({ login: LOGIN, passcode: PASSCODE }),
        },
      ).pipe(tap((event) => events.push(event))),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectError);
    const failed = events.flatMap((event) => (event.type === 'failed' ? [event.error] : []));
    expect(failed).toEqual((error as ConnectError).errors);
    const reason = `cannot connect to 127.0.0.1:${broker.port}: STOMP ERROR frame: login failed for ***/***`;
    expect((error as ConnectError).message).toBe(`${reason} (2 attempts)`);
    expect(failed).toHaveLength(2);
    for (const attempt of failed) {
      expect(attempt).toBeInstanceOf(AttemptError);
      expect(attempt.message).toBe(reason);
      expect(attempt.cause).toBeInstanceOf(StompError);
    }
    expectHidden(shown(error), LOGIN, PASSCODE);
    expectHidden(failed.map(shown).join('\n'), LOGIN, PASSCODE);
  });

  it("masks the URI's credentials when the broker echoes them", async () => {
    const broker = await responder({
      answer: 'error',
      errorMessage: `login failed for ${LOGIN}/${PASSCODE}`,
    });
    const uri = `tcp://${LOGIN}:${PASSCODE}@127.0.0.1:${broker.port}`;
    const error: unknown = await lastValueFrom(connect$(uri, {}, { verify: stompHandshake() })).catch(
      (e) => e,
    );
    expect((error as ConnectError).message).toBe(
      `cannot connect to 127.0.0.1:${broker.port}: STOMP ERROR frame: login failed for ***/*** (1 attempt)`,
    );
    const attempt = (error as ConnectError).errors[0];
    expect(attempt?.message).not.toContain(PASSCODE);
    expectHidden(
      [String(error), JSON.stringify(error), inspect(error, { depth: Infinity })].join('\n'),
      PASSCODE,
    );
    expect(broker.frames[0]?.headers).toMatchObject({ login: LOGIN, passcode: PASSCODE });
  });
});
