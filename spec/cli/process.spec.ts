// stomp-connect as a process of its own (built from src/): what only a real
// process has — a pipe whose reader goes away, signals — and that nothing is
// left open when it ends (the observer's `drained`: Node found its event loop
// empty, rather than the CLI's last-resort timer exiting with something open).
import { listen, refusedPort, type Listener } from '../helpers/loopback';
import { buildCli, spawnCli, spawnPipedToHead, until, watch, type BuiltCli, type Ended } from './built-cli';

let built: BuiltCli;
beforeAll(() => {
  built = buildCli();
});
afterAll(() => built.remove());

/** Nothing was left open: the process drained, and no socket or lookup was still listed. */
function expectDrained(result: Ended): void {
  expect(result.fd3).toMatch(/^drained \[/);
  const listed = JSON.parse(/^drained (.*)$/m.exec(result.fd3)?.[1] ?? '[]') as string[];
  expect(listed.filter((name) => /TCP|TLS|GetAddrInfo|Connect/.test(name))).toEqual([]);
}

describe('stomp-connect | head -1: a reader that goes away ends the run', () => {
  let down: string;
  beforeAll(async () => {
    down = `failover:(tcp://127.0.0.1:${await refusedPort()},tcp://127.0.0.1:${await refusedPort()})`;
  });

  it.each<[string, string[], RegExp]>([
    [
      'the timeline',
      [],
      /^no attempt limit \(maxReconnectAttempts\): retrying until interrupted \(Ctrl-C\)$/,
    ],
    ['--json', ['--json'], /^\{"type":"attempt","elapsed":\d+,"attempt":1,/],
  ])('%s, every broker down (failover forever): exit 141, nothing left open', async (_name, args, first) => {
    const result = await watch(spawnPipedToHead(built, [...args, down])).ended;
    expect(result.stdout.trimEnd()).toMatch(first);
    expect(result.fd3).toMatch(/^status 141$/m);
    expect(result.stderr).toBe('');
    expectDrained(result);
  });

  it('a reader gone before the first line, while connecting to a silent broker: exit 141, its socket closed', async () => {
    const broker = await listen((socket) => socket.resume());
    try {
      const child = spawnCli(built, ['--stomp', `tcp://127.0.0.1:${broker.port}`]);
      child.stdout?.destroy();
      const result = await watch(child).ended;
      expect({ code: result.code, signal: result.signal }).toEqual({ code: 141, signal: null });
      expectDrained(result);
      await broker.allClosed();
    } finally {
      await broker.close();
    }
  });
});

describe('signals: the run is cancelled, what is open is closed, then the process exits', () => {
  let broker: Listener;
  let accepted: Promise<void>;
  beforeEach(async () => {
    let onAccept: () => void = () => undefined;
    accepted = new Promise((resolve) => (onAccept = resolve));
    // Silent: reads (so it sees the end of the stream) but never answers CONNECT.
    broker = await listen((socket) => {
      socket.resume();
      onAccept();
    });
  });
  afterEach(() => broker.close());

  it.each<[NodeJS.Signals, number, string]>([
    ['SIGTERM', 143, 'terminated'],
    ['SIGINT', 130, 'interrupted'],
  ])('%s during the STOMP handshake: exit %i, the broker sees the close', async (signal, code, word) => {
    const child = spawnCli(built, ['--stomp', `tcp://127.0.0.1:${broker.port}`]);
    const { ended } = watch(child);
    await accepted;
    child.kill(signal);
    const result = await ended;
    expect({ code: result.code, signal: result.signal }).toEqual({ code, signal: null });
    expect(result.stderr).toBe(`stomp-connect: ${word}\n`);
    expectDrained(result);
    await broker.allClosed();
    expect(broker.accepted).toHaveLength(1);
  });

  it('SIGTERM during a long wait between attempts: exit 143 at once, the timer cleared; --json says so', async () => {
    const uri = `failover:(tcp://127.0.0.1:${await refusedPort()})?initialReconnectDelay=600000`;
    const child = spawnCli(built, ['--json', uri]);
    const { output, ended } = watch(child);
    await until(() => output.stdout.includes('"type":"failed"'));
    child.kill('SIGTERM');
    const result = await ended;
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 143, signal: null });
    expect(JSON.parse(result.stdout.trimEnd().split('\n').at(-1) ?? '')).toMatchObject({
      type: 'error',
      code: 'ABORT_ERR',
      message: 'terminated',
    });
    expectDrained(result);
  });

  it('SIGTERM during --demo: exit 143, its STOMP responder closed too', async () => {
    const child = spawnCli(built, ['--demo']);
    const { output, ended } = watch(child);
    await until(() => /failed 1 /.test(output.stdout));
    child.kill('SIGTERM');
    const result = await ended;
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 143, signal: null });
    expect(result.stderr).toBe('stomp-connect: terminated\n');
    expectDrained(result);
  });
});
