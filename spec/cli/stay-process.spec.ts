import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { startStompResponder, type StompResponder } from '../../src/stomp/stomp-responder';
import { buildCli } from '../helpers/built-cli';

/** The built CLI as a child process, its output collected. */
interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: string;
  readonly exit: Promise<number | null>;
}

let cli: ReturnType<typeof buildCli>;
beforeAll(() => {
  cli = buildCli();
}, 120_000);
afterAll(() => cli.remove());

function start(...args: string[]): Child {
  const child = spawn(process.execPath, [cli.main, ...args], { env: { ...process.env, NO_COLOR: '1' } });
  const result: Child = {
    process: child,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  child.stdout.on('data', (chunk: Buffer) => (result.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (result.stderr += chunk.toString()));
  return result;
}

async function until(child: Child, pattern: RegExp, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pattern.test(child.stdout)) {
    if (Date.now() > end) {
      child.process.kill('SIGKILL');
      throw new Error(`timed out waiting for ${pattern} in ${JSON.stringify(child.stdout + child.stderr)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the built stomp-connect --stay in a child process', () => {
  let responders: StompResponder[] = [];
  const responder = async (
    options: Parameters<typeof startStompResponder>[0] = {},
  ): Promise<StompResponder> => {
    const started = await startStompResponder(options);
    responders.push(started);
    return started;
  };
  afterEach(async () => {
    await Promise.all(responders.map((started) => started.close()));
    responders = [];
  });

  it('a drop, the failover to the standby, then Ctrl-C: the live connection is closed (DISCONNECT), exit 130', async () => {
    const primary = await responder({ heartBeat: [500, 500], keepHeartBeats: true });
    const standby = await responder();
    const disconnectReceived = new Promise<void>((resolve) => {
      const check = (): void => void (standby.frames.length === 2 ? resolve() : setTimeout(check, 10));
      check();
    });
    const uri = `failover:(${primary.uri},${standby.uri})?randomize=false&initialReconnectDelay=20`;
    const child = start('--stay', '--stomp', '--heart-beat', '500,500', uri);
    await until(child, /heart-beats: /);
    await primary.close();
    await until(child, /connection 2: connected 1 /);
    child.process.kill('SIGINT');
    expect(await child.exit).toBe(130);
    await disconnectReceived;
    expect(standby.frames.map((frame) => frame.command)).toEqual(['CONNECT', 'DISCONNECT']);
    const lines = child.stdout
      .split('\n')
      .map((line) => line.replace(/^\+\d+ms /, '').replace(/:\d{2,5}\b/g, ':P'));
    expect(lines.filter((line) => line.startsWith('connection '))).toEqual([
      'connection 1: attempt 1 tcp://127.0.0.1:P',
      'connection 1: connected 1 tcp://127.0.0.1:P',
      expect.stringMatching(/^connection 1: disconnected tcp:\/\/127\.0\.0\.1:P — closed after \d+ ms$/),
      // The responder that went away goes last (ActiveMQ): the standby first.
      'connection 2: attempt 1 tcp://127.0.0.1:P',
      'connection 2: connected 1 tcp://127.0.0.1:P',
    ]);
    expect(child.stdout).toMatch(
      /^ +heart-beats: sending every 500 ms, the broker every 500 ms \(over 1 s of silence ends/m,
    );
    expect(child.stderr).toBe('stomp-connect: interrupted\n');
  });

  it('SIGTERM closes the live connection too, exit 143; --json gives a record for every event', async () => {
    const broker = await responder({ login: 'app', passcode: 'S3cretPass' });
    const child = start('--stay', '--stomp', '--json', `tcp://app:S3cretPass@127.0.0.1:${broker.port}`);
    await until(child, /"connected"/);
    child.process.kill('SIGTERM');
    expect(await child.exit).toBe(143);
    const records = child.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => `${String(record.connection ?? '-')} ${String(record.type)}`)).toEqual([
      '1 attempt',
      '1 connected',
      '- error',
    ]);
    expect(records[2]).toMatchObject({ code: 'ABORT_ERR' });
    expect(broker.frames.map((frame) => frame.command)).toEqual(['CONNECT', 'DISCONNECT']);
    expect(child.stdout + child.stderr).not.toContain('S3cretPass');
  });
});
