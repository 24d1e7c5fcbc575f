import { parseCliArgs } from '../../src/cli/args';
import { heartBeatLine, formatStayRecord } from '../../src/cli/stay-format';
import { parseHeartBeatArg, STAY_HEART_BEAT } from '../../src/cli/stay-args';
import { stayRecord } from '../../src/cli/stay-record';
import { createStyle } from '../../src/cli/style';
import { UsageError } from '../../src/cli/usage-error';
import { StompError } from '../../src/errors/stomp-error';
import { AttemptError } from '../../src/errors/attempt-error';
import type { ConnectionEvent, Socket } from '../../src/types';
import { makePeer } from '../helpers/peers';

const plain = createStyle(false);
const peer = makePeer('tcp', 'mq', 61613, { login: 'Us3r', passcode: 'S3cret' });
const socket = { getPeerCertificate: undefined } as unknown as Socket;
const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

describe('--stay and --heart-beat on the command line', () => {
  it('--stay is kept, --heart-beat parsed; without them the options are as before', () => {
    expect(parseCliArgs(['--stay', '--stomp', '--heart-beat', '5000,0', 'tcp://a'])).toMatchObject({
      stay: true,
      stomp: true,
      heartBeat: [5000, 0],
    });
    const bare = parseCliArgs(['tcp://a']);
    expect(bare).not.toHaveProperty('stay');
    expect(bare).not.toHaveProperty('heartBeat');
    expect(STAY_HEART_BEAT).toEqual([10000, 10000]);
  });

  it.each<[string[], string]>([
    [['--no-stomp', '--heart-beat', '1000,1000', 'tcp://a'], '--heart-beat cannot be used with --no-stomp'],
    [['--stay', '--demo'], '--demo cannot be combined with --stay'],
    [['--stay=yes', 'tcp://a'], 'option --stay takes no value'],
  ])('%p is a usage error: %s', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(new UsageError(message));
  });

  it.each([
    ['0,0', [0, 0]],
    ['10000,10000', [10000, 10000]],
    ['2147483647,1', [2147483647, 1]],
    ['007,10', [7, 10]],
  ])('parseHeartBeatArg(%p) → %p', (text, expected) => {
    expect(parseHeartBeatArg(text)).toEqual(expected);
  });

  it.each([
    '',
    '1000',
    '1000,',
    ',1000',
    '1000, 1000',
    '-1,0',
    '1.5,0',
    '2147483648,0',
    '1,2,3',
    '10s,10s',
    '99999999999,0',
  ])('parseHeartBeatArg(%p) is a usage error naming the form', (text) => {
    expect(() => parseHeartBeatArg(text)).toThrow(
      new UsageError(
        `--heart-beat expects CX,CY: two whole numbers of ms up to 2147483647 (e.g. 10000,10000), got '${text}'`,
      ),
    );
  });
});

describe('stayRecord: what --stay --json prints', () => {
  it.each<[string, ConnectionEvent, boolean, Record<string, unknown>]>([
    [
      'a probe of a priority peer',
      { type: 'attempt', attempt: 3, peer, connection: 2, probe: true },
      true,
      {
        type: 'attempt',
        elapsed: 12,
        connection: 2,
        probe: true,
        attempt: 3,
        peer: { uri: 'tcp://mq:61613', host: 'mq', port: 61613, tls: false },
      },
    ],
    [
      'an attempt of cycle 2',
      { type: 'attempt', attempt: 1, peer, connection: 2 },
      true,
      {
        type: 'attempt',
        elapsed: 12,
        connection: 2,
        attempt: 1,
        peer: { uri: 'tcp://mq:61613', host: 'mq', port: 61613, tls: false },
      },
    ],
    [
      'a failure',
      {
        type: 'failed',
        attempt: 3,
        peer,
        connection: 1,
        retryIn: 40,
        error: new AttemptError(peer, 3, reset),
      },
      true,
      {
        type: 'failed',
        connection: 1,
        attempt: 3,
        code: 'ECONNRESET',
        retryIn: 40,
        message: 'cannot connect to mq:61613: read ECONNRESET',
      },
    ],
    [
      'connected, heart-beats negotiated and kept',
      {
        type: 'connected',
        attempt: 1,
        peer,
        connection: 3,
        socket,
        verified: {
          version: '1.2',
          heartBeat: [5000, 0],
          heartbeatOutgoing: 0,
          heartbeatIncoming: 5000,
          headers: {},
        },
      },
      true,
      {
        type: 'connected',
        connection: 3,
        heartBeats: { outgoing: 0, incoming: 5000 },
        stomp: { version: '1.2' },
      },
    ],
    [
      'a disconnect with the socket error',
      { type: 'disconnected', connection: 1, peer, error: reset, reason: 'closed', connectedFor: 5000 },
      true,
      {
        type: 'disconnected',
        elapsed: 12,
        connection: 1,
        reason: 'closed',
        connectedFor: 5000,
        code: 'ECONNRESET',
        message: 'read ECONNRESET',
      },
    ],
    [
      'a heart-beat timeout',
      {
        type: 'disconnected',
        connection: 4,
        peer,
        error: new StompError(
          'ERR_STOMP_HEARTBEAT',
          'no heart-beat: nothing read for 400 ms (2 × the negotiated 200 ms)',
        ),
        reason: 'heart-beat',
        connectedFor: 1200,
      },
      true,
      {
        reason: 'heart-beat',
        code: 'ERR_STOMP_HEARTBEAT',
        message: 'no heart-beat: nothing read for 400 ms (2 × the negotiated 200 ms)',
      },
    ],
    [
      'a plain close',
      { type: 'disconnected', connection: 1, peer, error: null, reason: 'closed', connectedFor: 3 },
      true,
      { reason: 'closed', code: null, message: null },
    ],
  ])('%s', (_name, event, heartBeats, expected) => {
    const record = stayRecord(event, 12, heartBeats);
    expect(record).toMatchObject(expected);
    const json = JSON.stringify(record);
    expect(Object.keys(JSON.parse(json) as object).slice(0, 3)).toEqual(['type', 'elapsed', 'connection']);
    expect(json).not.toMatch(/S3cret|Us3r/);
  });

  it('heart-beats not kept (heartBeats false) are not shown', () => {
    const verified = { version: '1.2', heartbeatOutgoing: 100, heartbeatIncoming: 100, headers: {} };
    const event: ConnectionEvent = { type: 'connected', attempt: 1, peer, connection: 1, socket, verified };
    expect(stayRecord(event, 0, false)).not.toHaveProperty('heartBeats');
    expect(stayRecord(event, 0, true)).toMatchObject({ heartBeats: { outgoing: 100, incoming: 100 } });
  });
});

describe('formatStayRecord: what --stay prints', () => {
  it.each<[string, ConnectionEvent, number, string]>([
    [
      'a probe',
      { type: 'attempt', attempt: 2, peer, connection: 3, probe: true },
      300,
      '+300ms connection 3, probe: attempt 2 tcp://mq:61613',
    ],
    [
      'a probe that failed',
      {
        type: 'failed',
        attempt: 2,
        peer,
        connection: 3,
        probe: true,
        retryIn: 40,
        error: new AttemptError(peer, 2, refused),
      },
      310,
      '+310ms connection 3, probe: failed 2 tcp://mq:61613 ECONNREFUSED — next attempt in 40 ms',
    ],
    [
      'attempt',
      { type: 'attempt', attempt: 1, peer, connection: 2 },
      1250,
      '+1250ms connection 2: attempt 1 tcp://mq:61613',
    ],
    [
      'failed',
      {
        type: 'failed',
        attempt: 1,
        peer,
        connection: 2,
        retryIn: 500,
        error: new AttemptError(peer, 1, reset),
      },
      1260,
      '+1260ms connection 2: failed 1 tcp://mq:61613 ECONNRESET — next attempt in 500 ms',
    ],
    [
      'closed',
      { type: 'disconnected', connection: 1, peer, error: null, reason: 'closed', connectedFor: 5012 },
      5020,
      '+5020ms connection 1: disconnected tcp://mq:61613 — closed after 5 s',
    ],
    [
      'closed by a reset',
      { type: 'disconnected', connection: 1, peer, error: reset, reason: 'closed', connectedFor: 250 },
      300,
      '+300ms connection 1: disconnected tcp://mq:61613 — closed (ECONNRESET) after 250 ms',
    ],
    [
      'heart-beat',
      {
        type: 'disconnected',
        connection: 7,
        peer,
        error: new StompError('ERR_STOMP_HEARTBEAT', 'x'),
        reason: 'heart-beat',
        connectedFor: 1234,
      },
      9000,
      '+9000ms connection 7: disconnected tcp://mq:61613 — heart-beat timeout after 1.2 s',
    ],
    [
      'priority',
      { type: 'disconnected', connection: 2, peer, error: null, reason: 'priority', connectedFor: 60000 },
      61000,
      '+61000ms connection 2: disconnected tcp://mq:61613 — replaced by a priority peer after 60 s',
    ],
  ])('%s', (_name, event, elapsed, expected) => {
    expect(formatStayRecord(stayRecord(event, elapsed, true), plain)).toBe(expected);
  });

  it('connected: the STOMP line, then the heart-beats kept, indented under the time', () => {
    const verified = {
      version: '1.2',
      server: 'RabbitMQ/3.10.8',
      session: 's1',
      heartBeat: [10000, 10000],
      heartbeatOutgoing: 10000,
      heartbeatIncoming: 10000,
      headers: {},
    };
    const event: ConnectionEvent = { type: 'connected', attempt: 2, peer, connection: 3, socket, verified };
    expect(formatStayRecord(stayRecord(event, 42, true), plain).split('\n')).toEqual([
      '+42ms connection 3: connected 2 tcp://mq:61613',
      '      STOMP 1.2, server RabbitMQ/3.10.8, session s1, heart-beat 10000,10000',
      '      heart-beats: sending every 10 s, the broker every 10 s (over 20 s of silence ends the connection)',
    ]);
  });

  it('a control character in an error code is made visible', () => {
    const odd = Object.assign(new Error('x'), { code: 'E\x1b[2J' });
    const event: ConnectionEvent = {
      type: 'disconnected',
      connection: 1,
      peer,
      error: odd,
      reason: 'closed',
      connectedFor: 1,
    };
    expect(formatStayRecord(stayRecord(event, 1, true), plain)).toContain('closed (E\\x1b[2J)');
  });

  it.each([
    [{ outgoing: 5000, incoming: 0 }, 'heart-beats: sending every 5 s'],
    [
      { outgoing: 0, incoming: 250 },
      'heart-beats: the broker every 250 ms (over 500 ms of silence ends the connection)',
    ],
  ])('heartBeatLine(%p)', (intervals, expected) => {
    expect(heartBeatLine(intervals)).toBe(expected);
  });
});
