// The built stomp-connect CLI (dist/cli/main.js; `npm run test:e2e` builds it first) against the real brokers.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ACTIVEMQ, brokers, caFile, RABBITMQ, refusedPort } from './brokers';

const CLI = resolve(__dirname, '..', 'dist', 'cli', 'main.js');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Result> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm run test:e2e does)`);
  await brokers('start', 'all');
}, 240_000);

describe('stomp-connect against the real brokers', () => {
  it('connects to RabbitMQ with the STOMP handshake (the default; --vhost /) and prints its CONNECTED frame', async () => {
    const { code, stdout, stderr } = await cli(
      '--vhost',
      '/',
      `tcp://guest:guest@127.0.0.1:${RABBITMQ.stomp}`,
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(new RegExp(`^\\+\\d+ms attempt 1 tcp://127\\.0\\.0\\.1:${RABBITMQ.stomp}$`, 'm'));
    expect(stdout).toMatch(
      new RegExp(`^\\+\\d+ms connected 1 tcp://127\\.0\\.0\\.1:${RABBITMQ.stomp}$`, 'm'),
    );
    expect(stdout).toMatch(/STOMP 1\.2, server RabbitMQ\/3\.10\.\S+, session \S+/);
    expect(stdout).not.toContain('guest:guest');
  });

  it('connects to RabbitMQ over TLS, verified with the generated CA (--ca)', async () => {
    const { code, stdout } = await cli(
      '--vhost',
      '/',
      '--ca',
      await caFile(),
      `stomp+ssl://guest:guest@localhost:${RABBITMQ.stompTls}`,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(`connected 1 stomp\\+ssl://localhost:${RABBITMQ.stompTls} TLSv1\\.[23] \\S+ authorized`),
    );
    expect(stdout).toMatch(/certificate CN=localhost, expires \d{4}-/);
    expect(stdout).toMatch(/STOMP 1\.2, server RabbitMQ/);
  });

  it('connects to ActiveMQ and reports it in --json, without secrets', async () => {
    const { code, stdout } = await cli(
      '--stomp', // accepted as before, though STOMP is the default now
      '--json',
      '--login',
      'someone',
      '--passcode',
      'S3cretPass',
      `tcp://127.0.0.1:${ACTIVEMQ.stomp}`,
    );
    expect(code).toBe(0);
    const events = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((e) => e.type)).toEqual(['attempt', 'connected']);
    expect(events[1]).toMatchObject({
      attempt: 1,
      stomp: { version: '1.2', server: expect.stringMatching(/^ActiveMQ/) },
    });
    expect(stdout).not.toContain('S3cretPass');
  });

  it('fails over from a refused port and a wrong RabbitMQ passcode (ERROR frame) to ActiveMQ, exit 0', async () => {
    const refused = await refusedPort();
    const uri = `failover:(tcp://127.0.0.1:${refused},tcp://guest:Wr0ng@127.0.0.1:${RABBITMQ.stomp},tcp://127.0.0.1:${ACTIVEMQ.stomp})?randomize=false&initialReconnectDelay=0`;
    const { code, stdout } = await cli('--vhost', '/', uri);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      'no attempt limit (maxReconnectAttempts): retrying until interrupted (Ctrl-C)',
    );
    expect(stdout).toMatch(/failed 1 \S+ ECONNREFUSED/);
    expect(stdout).toMatch(/failed 2 \S+ ERR_STOMP_ERROR_FRAME/);
    expect(stdout).toMatch(new RegExp(`connected 3 tcp://127\\.0\\.0\\.1:${ACTIVEMQ.stomp}`));
    expect(stdout).not.toContain('Wr0ng');
  });

  it('--no-stomp: a bare TCP check of RabbitMQ, no CONNECT frame sent', async () => {
    const { code, stdout, stderr } = await cli('--no-stomp', `tcp://127.0.0.1:${RABBITMQ.stomp}`);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(new RegExp(`connected 1 tcp://127\\.0\\.0\\.1:${RABBITMQ.stomp}$`, 'm'));
    expect(stdout).not.toMatch(/STOMP 1\./);
  });

  it('exits 1 when every attempt fails, with the count on stderr', async () => {
    const refused = await refusedPort();
    const { code, stderr } = await cli(
      `failover:(tcp://127.0.0.1:${refused})?maxReconnectAttempts=2&initialReconnectDelay=1`,
    );
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(
      /^stomp-connect: cannot connect to 127\.0\.0\.1:\d+: .*ECONNREFUSED.* \(3 attempts\)$/,
    );
  });

  it('Ctrl-C during a wait exits 130, cancelling the wait', async () => {
    const refused = await refusedPort();
    const child = spawn(
      process.execPath,
      [CLI, `failover:(tcp://127.0.0.1:${refused})?initialReconnectDelay=60000`],
      {
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await new Promise<void>((done) => {
      const check = (): void => (stdout.includes('failed 1') ? done() : void setTimeout(check, 20));
      check();
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
    expect(code).toBe(130);
    expect(stdout).not.toContain('attempt 2'); // cancelled in the wait, not after it
  });
});
