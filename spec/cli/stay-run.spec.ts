import { EXIT } from '../../src/cli/exit';
import { runCli } from '../../src/cli/run';
import { startStompResponder, type StompResponder } from '../../src/stomp/stomp-responder';
import { refusedPort } from '../helpers/loopback';
import { activeResources, leakedSince } from '../helpers/resources';
import { testIo, untilText } from './cli-streams';

const T = '\\+\\d+ms';

/** The timeline without its time column, ports as P. */
const shape = (lines: string[]): string[] =>
  lines.map((line) => line.replace(/^\+\d+ms /, '').replace(/:\d{2,5}\b/g, ':P'));

describe('stomp-connect --stay (in process)', () => {
  let responders: StompResponder[] = [];
  let baseline: string[];
  const responder = async (
    options: Parameters<typeof startStompResponder>[0] = {},
  ): Promise<StompResponder> => {
    const started = await startStompResponder(options);
    responders.push(started);
    return started;
  };
  beforeEach(() => {
    baseline = activeResources();
  });
  afterEach(async () => {
    await Promise.all(responders.map((started) => started.close()));
    responders = [];
  });

  it('the timeline of a drop: connection 1 ends, connection 2 fails over to the standby; Ctrl-C closes it, 130', async () => {
    const primary = await responder({ heartBeat: [1000, 1000], keepHeartBeats: true });
    const standby = await responder();
    const controller = new AbortController();
    const { io, stdout, stderr } = testIo({ signal: controller.signal });
    const uri = `failover:(${primary.uri},${standby.uri})?randomize=false&initialReconnectDelay=20`;
    const run = runCli(['--stay', '--stomp', '--heart-beat', '1000,1000', uri], io);
    await untilText(stdout, /heart-beats: /);
    await primary.close();
    await untilText(stdout, /connection 2: connected 1 /);
    controller.abort();
    await expect(run).resolves.toBe(EXIT.interrupted);
    expect(shape(stdout.lines())).toEqual([
      'no attempt limit (maxReconnectAttempts): retrying until interrupted (Ctrl-C)',
      'connection 1: attempt 1 tcp://127.0.0.1:P',
      'connection 1: connected 1 tcp://127.0.0.1:P',
      expect.stringMatching(
        /^ +STOMP 1\.2, server stomp-responder\/1\.0, session session-\w+, heart-beat 1000,1000$/,
      ),
      expect.stringMatching(
        /^ +heart-beats: sending every 1 s, the broker every 1 s \(over 2 s of silence ends the connection\)$/,
      ),
      expect.stringMatching(/^connection 1: disconnected tcp:\/\/127\.0\.0\.1:P — closed after \d+ ms$/),
      // The responder that went away goes last (ActiveMQ): the standby first.
      'connection 2: attempt 1 tcp://127.0.0.1:P',
      'connection 2: connected 1 tcp://127.0.0.1:P',
      expect.stringMatching(/^ +STOMP 1\.2, server stomp-responder\/1\.0, session session-\w+$/),
    ]);
    expect(stderr.text).toBe('stomp-connect: interrupted\n');
    // The live connection was closed cleanly: DISCONNECT, then the close, before the run resolved.
    expect(standby.frames.map((frame) => frame.command)).toEqual(['CONNECT', 'DISCONNECT']);
    await standby.close();
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('--json: one record for every event, with its connection, and no secret', async () => {
    const primary = await responder({ login: 'app', passcode: 'S3cretPass' });
    const controller = new AbortController();
    const { io, stdout } = testIo({ signal: controller.signal });
    const uri = `failover:(tcp://app:S3cretPass@127.0.0.1:${primary.port})?initialReconnectDelay=10`;
    const run = runCli(['--stay', '--stomp', '--json', uri], io);
    await untilText(stdout, /"connected"/);
    primary.drop();
    await untilText(stdout, /"connection":2,"attempt":1,"peer"[^\n]*\n[^\n]*"connected"/);
    controller.abort();
    await expect(run).resolves.toBe(EXIT.interrupted);
    const records = stdout.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => `${String(record.connection ?? '-')} ${String(record.type)}`)).toEqual([
      '1 attempt',
      '1 connected',
      '1 disconnected',
      '2 attempt',
      '2 connected',
      '- error',
    ]);
    expect(records[2]).toMatchObject({
      reason: 'closed',
      code: null,
      message: null,
      connectedFor: expect.any(Number),
    });
    expect(records[1]).toMatchObject({ stomp: { version: '1.2', heartBeat: [0, 0] } });
    expect(records[1]).not.toHaveProperty('heartBeats'); // the broker agreed to none
    expect(records[5]).toMatchObject({ code: 'ABORT_ERR', message: 'interrupted' });
    expect(stdout.text).not.toContain('S3cretPass');
  });

  it('a silent broker (heart-beats agreed, never sent): disconnected with a heart-beat timeout, then reconnected', async () => {
    const silent = await responder({ heartBeat: [100, 100] });
    const controller = new AbortController();
    const { io, stdout } = testIo({ signal: controller.signal });
    const run = runCli(['--stay', '--stomp', '--heart-beat', '100,100', `failover:(${silent.uri})`], io);
    await untilText(stdout, /connection 2: connected 1/);
    controller.abort();
    await expect(run).resolves.toBe(EXIT.interrupted);
    expect(stdout.text).toMatch(
      new RegExp(
        `^${T} connection 1: disconnected tcp://127\\.0\\.0\\.1:\\d+ — heart-beat timeout after \\d+ ms$`,
        'm',
      ),
    );
    expect(silent.heartBeatsReceived).toBeGreaterThan(0); // the CLI sent its own meanwhile
  });

  it('--json and the timeline escape bidi and C1 controls in broker text (U+202E, U+009B)', async () => {
    const primary = await responder({ server: 'evil\u202egnp.exe\u009b31m' });
    for (const json of [true, false]) {
      const controller = new AbortController();
      const { io, stdout } = testIo({ signal: controller.signal });
      const run = runCli(
        ['--stay', '--stomp', ...(json ? ['--json'] : []), `tcp://127.0.0.1:${primary.port}`],
        io,
      );
      await untilText(stdout, json ? /"connected"/ : /connected/);
      controller.abort();
      await expect(run).resolves.toBe(EXIT.interrupted);
      expect(stdout.text).not.toMatch(/[\u202e\u009b]/);
      if (json) {
        const connected = stdout
          .lines()
          .map((line) => JSON.parse(line) as { stomp?: { server?: string } })[1];
        expect(connected?.stomp?.server).toBe('evil\u202egnp.exe\u009b31m'); // parses back to the exact text
      } else {
        expect(stdout.text).toContain('evil\\u202egnp.exe');
      }
    }
  });

  it('--quiet: only connected and disconnected lines', async () => {
    const broker = await responder();
    const controller = new AbortController();
    const { io, stdout } = testIo({ signal: controller.signal });
    const run = runCli(
      ['--stay', '--no-stomp', '-q', `failover:(${broker.uri})?initialReconnectDelay=5`],
      io,
    );
    await untilText(stdout, /connection 1: connected/);
    broker.drop();
    await untilText(stdout, /connection 2: connected/);
    controller.abort();
    await expect(run).resolves.toBe(EXIT.interrupted);
    expect(shape(stdout.lines()).map((line) => line.replace(/ — .*/, ''))).toEqual([
      'connection 1: connected 1 tcp://127.0.0.1:P',
      'connection 1: disconnected tcp://127.0.0.1:P',
      'connection 2: connected 1 tcp://127.0.0.1:P',
    ]);
  });

  it('a cycle that runs out of attempts: exit 1 with the count; a later cycle under maxReconnectAttempts', async () => {
    const broker = await responder();
    const { io, stdout, stderr } = testIo();
    const uri = `failover:(${broker.uri})?startupMaxReconnectAttempts=0&maxReconnectAttempts=2&initialReconnectDelay=5`;
    const run = runCli(['--stay', '--no-stomp', uri], io);
    await untilText(stdout, /connection 1: connected/);
    await broker.close();
    await expect(run).resolves.toBe(EXIT.failed);
    expect(shape(stdout.lines()).map((line) => line.replace(/ — .*/, ''))).toEqual([
      'connection 1: attempt 1 tcp://127.0.0.1:P',
      'connection 1: connected 1 tcp://127.0.0.1:P',
      'connection 1: disconnected tcp://127.0.0.1:P',
      'connection 2: attempt 1 tcp://127.0.0.1:P',
      'connection 2: failed 1 tcp://127.0.0.1:P ECONNREFUSED',
      'connection 2: attempt 2 tcp://127.0.0.1:P',
      'connection 2: failed 2 tcp://127.0.0.1:P ECONNREFUSED',
      'connection 2: attempt 3 tcp://127.0.0.1:P',
      'connection 2: failed 3 tcp://127.0.0.1:P ECONNREFUSED',
    ]);
    expect(stderr.text).toMatch(
      /^stomp-connect: cannot connect to 127\.0\.0\.1:\d+: .*ECONNREFUSED.* \(3 attempts\)\n$/,
    );
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('exit 2 for a bad URI; 130 at once when interrupted before anything', async () => {
    const bad = testIo();
    await expect(runCli(['--stay', 'tcp://127.0.0.1:x'], bad.io)).resolves.toBe(EXIT.usage);
    expect(bad.stderr.lines()).toHaveLength(1);
    const refused = await refusedPort();
    const early = testIo({ signal: AbortSignal.abort() });
    await expect(runCli(['--stay', `tcp://127.0.0.1:${refused}`], early.io)).resolves.toBe(EXIT.interrupted);
    expect(early.stdout.text).toBe('');
  });
});
