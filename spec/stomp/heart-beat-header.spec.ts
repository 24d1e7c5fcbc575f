import { lastValueFrom } from 'rxjs';
import { StompError } from '../../src/errors/stomp-error';
import { negotiateHeartBeats, readHeartBeat } from '../../src/stomp/stomp-answer';
import { stompHandshake } from '../../src/stomp/stomp-handshake';
import { failure, loopbackHarness, loopbackPeer } from './harness';

const { responder, listener, socketTo } = loopbackHarness();

describe('readHeartBeat: the CONNECTED heart-beat header', () => {
  it.each<[string | undefined, [number, number]]>([
    [undefined, [0, 0]], // STOMP 1.0 brokers send none
    ['0,0', [0, 0]],
    ['0,5000', [0, 5000]],
    ['10000,0', [10000, 0]],
    [' 100 , 200 ', [100, 200]],
    ['2147483647,2147483647', [2147483647, 2147483647]],
    ['0000000001,0', [1, 0]],
  ])('reads %j as %j', (value, expected) => {
    expect(readHeartBeat(value)).toEqual(expected);
  });

  it.each([
    'abc',
    '5000',
    '1,2,3',
    '-1,0',
    '0,-1',
    '99999999999999999999,0',
    '2147483648,0',
    '0,2147483648',
    '1.5,0',
    '1e3,0',
    '0x10,0',
    '',
    ',',
    '1,',
    ',1',
    '+1,0',
    '١,٢', // Arabic-Indic digits: \d in JS regexps is ASCII only, but check it stays refused
  ])('refuses %j with ERR_STOMP_PROTOCOL naming the header', (value) => {
    let thrown: unknown;
    try {
      readHeartBeat(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StompError);
    expect(thrown).toMatchObject({ code: 'ERR_STOMP_PROTOCOL' });
    expect((thrown as Error).message).toMatch(/malformed heart-beat header/);
  });

  it('clips a long malformed value in the message', () => {
    expect(() => readHeartBeat('9'.repeat(5000))).toThrow(/"9{40}\.\.\."/);
  });
});

describe('negotiateHeartBeats (STOMP 1.2 § Heart-beating)', () => {
  it.each<[[number, number], [number, number], number, number]>([
    // client [cx, cy], broker [sx, sy], outgoing = max(cx, sy) if both > 0, incoming = max(sx, cy) if both > 0
    [[0, 0], [0, 0], 0, 0],
    [[0, 0], [5000, 5000], 0, 0],
    [[10000, 10000], [0, 0], 0, 0],
    [[10000, 10000], [5000, 20000], 20000, 10000],
    [[10000, 0], [5000, 20000], 20000, 0],
    [[0, 10000], [5000, 20000], 0, 10000],
    [[1000, 1000], [0, 5000], 5000, 0],
    [[1000, 1000], [5000, 0], 0, 5000],
  ])('client %j, broker %j → outgoing %d, incoming %d', (client, broker, outgoing, incoming) => {
    expect(negotiateHeartBeats(client, broker)).toEqual({
      heartbeatOutgoing: outgoing,
      heartbeatIncoming: incoming,
    });
  });
});

describe('stompHandshake: heart-beats', () => {
  it('gives the negotiated intervals with the broker answer', async () => {
    const broker = await responder({ heartBeat: [5000, 20000] });
    const socket = await socketTo(broker.port);
    const connected = await lastValueFrom(
      stompHandshake({ heartBeat: [10000, 1000] })(socket, loopbackPeer(broker.port)),
    );
    expect(connected).toMatchObject({
      heartBeat: [5000, 20000],
      heartbeatOutgoing: 20000,
      heartbeatIncoming: 5000,
    });
    expect(broker.frames[0]?.headers['heart-beat']).toBe('10000,1000');
  });

  it.each(['abc', '5000', '1,2,3', '-1,0', '99999999999999999999,0'])(
    'fails on a CONNECTED heart-beat of %j with ERR_STOMP_PROTOCOL and destroys the socket',
    async (value) => {
      const server = await listener((peer) =>
        peer.once('data', () => peer.write(`CONNECTED\nversion:1.2\nheart-beat:${value}\n\n\0`)),
      );
      const socket = await socketTo(server.port);
      const error = await failure<StompError>(
        lastValueFrom(stompHandshake()(socket, loopbackPeer(server.port))),
      );
      expect(error).toBeInstanceOf(StompError);
      expect(error.code).toBe('ERR_STOMP_PROTOCOL');
      expect(error.message).toContain('heart-beat');
      expect(socket.destroyed).toBe(true);
    },
  );

  it.each<[unknown, string]>([
    [[1, 2, 3], 'three values'],
    [[-1, 0], 'a negative value'],
    [[0.5, 0], 'a fraction'],
    [[2147483648, 0], 'more than the timer limit'],
    ['0,0', 'a string'],
  ])('refuses a client heartBeat of %j (%s) with a TypeError', (heartBeat) => {
    expect(() => stompHandshake({ heartBeat: heartBeat as [number, number] })).toThrow(TypeError);
  });
});
