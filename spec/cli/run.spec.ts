import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StompInfo } from '../../src/cli/event-record';
import { EXIT, STOP } from '../../src/cli/exit';
import { runCli } from '../../src/cli/run';
import { startStompResponder, type StompResponder } from '../../src/stomp/stomp-responder';
import { listen, refusedPort, type Listener } from '../helpers/loopback';
import { activeResources, leakedSince } from '../helpers/resources';
import { testIo, type Captured, untilText } from './cli-streams';

const T = '\\+\\d+ms';
const esc = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const STACK = /\n\s+at /;
const NOTICE = 'no attempt limit (maxReconnectAttempts): retrying until interrupted (Ctrl-C)';

/** As untilText, with this suite's 5 s bound. */
const until = (stream: Captured, pattern: RegExp): Promise<void> => untilText(stream, pattern, 5000);

describe('runCli: help and version', () => {
  it('--help prints the usage with every option, exit 0', async () => {
    const { io, stdout, stderr } = testIo();
    await expect(runCli(['--help'], io)).resolves.toBe(0);
    expect(stdout.text).toMatch(/^Usage: stomp-connect \[options\] <uri>\n/);
    for (const option of [
      '--sockopt NAME=VALUE',
      '--ca FILE',
      '--cert FILE',
      '--key FILE',
      '--timeout MS',
      '--stomp',
      '--login',
      '--passcode',
      '--vhost',
      '--json',
      '--quiet',
      '--help',
      '--version',
      '--demo',
      'STOMP_PASSCODE',
      'STOMP_KEY_PASSPHRASE',
      '2147483647',
      '130',
      '141',
      '143',
    ]) {
      expect(stdout.text).toContain(option);
    }
    expect(stderr.text).toBe('');
  });

  it('--version prints the version of package.json, exit 0', async () => {
    const { io, stdout } = testIo();
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    await expect(runCli(['-V'], io)).resolves.toBe(0);
    expect(stdout.text).toBe(`${version}\n`);
  });
});

describe('runCli against loopback listeners', () => {
  let live: Listener;
  let refused: number;
  let baseline: string[];
  beforeEach(async () => {
    live = await listen();
    refused = await refusedPort();
    baseline = activeResources();
  });
  afterEach(() => live.close());

  it('exit 0: the failover timeline, then the socket is closed cleanly', async () => {
    const { io, stdout, stderr } = testIo();
    const uri = `failover:(tcp://127.0.0.1:${refused},tcp://127.0.0.1:${live.port})?randomize=false`;
    await expect(runCli(['--no-stomp', uri], io)).resolves.toBe(EXIT.connected);
    const [notice, ...lines] = stdout.lines();
    expect(notice).toBe(NOTICE); // a failover URI without maxReconnectAttempts, said once
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(new RegExp(`^${T} attempt 1 tcp://127\\.0\\.0\\.1:${refused}$`));
    expect(lines[1]).toMatch(
      new RegExp(`^${T} failed 1 tcp://127\\.0\\.0\\.1:${refused} ECONNREFUSED — next attempt in 10 ms$`),
    );
    expect(lines[2]).toMatch(new RegExp(`^${T} attempt 2 tcp://127\\.0\\.0\\.1:${live.port}$`));
    expect(lines[3]).toMatch(new RegExp(`^${T} connected 2 tcp://127\\.0\\.0\\.1:${live.port}$`));
    const times = lines.map((line) => Number(/^\+(\d+)ms/.exec(line)?.[1]));
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(9); // the 10 ms wait, give or take a tick
    expect(stderr.text).toBe('');
    expect(live.accepted).toHaveLength(1);
    await live.allClosed(); // the CLI closed it (the server never does)
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('exit 1: every attempt refused; one stderr line with the count', async () => {
    const other = await refusedPort();
    const { io, stdout, stderr } = testIo();
    const uri = `failover:(tcp://127.0.0.1:${refused},tcp://127.0.0.1:${other})?randomize=false&maxReconnectAttempts=2&initialReconnectDelay=1`;
    await expect(runCli([uri], io)).resolves.toBe(EXIT.failed);
    expect(stdout.lines().map((line) => line.replace(/^\+\d+ms /, ''))).toEqual([
      `attempt 1 tcp://127.0.0.1:${refused}`,
      `failed 1 tcp://127.0.0.1:${refused} ECONNREFUSED — next attempt in 1 ms`,
      `attempt 2 tcp://127.0.0.1:${other}`,
      `failed 2 tcp://127.0.0.1:${other} ECONNREFUSED — next attempt in 2 ms`,
      `attempt 3 tcp://127.0.0.1:${refused}`,
      `failed 3 tcp://127.0.0.1:${refused} ECONNREFUSED — no more attempts`,
    ]);
    expect(stderr.text).toMatch(
      new RegExp(
        `^stomp-connect: cannot connect to 127\\.0\\.0\\.1:${refused}: .*ECONNREFUSED.* \\(3 attempts\\)\\n$`,
      ),
    );
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it.each<[string, (port: number, refused: number) => string[], RegExp]>([
    ['unknown option', (port) => ['--bogus', `tcp://127.0.0.1:${port}`], /^unknown option --bogus$/],
    ['no URI', () => ['--stomp'], /^missing <uri>/],
    [
      'bad sockopt form',
      (port) => ['-o', 'Timeout', `tcp://127.0.0.1:${port}`],
      /^--sockopt expects NAME=VALUE/,
    ],
    ['bad URI', (port) => [`tcp://127.0.0.1:${port}:x`], /position/],
    [
      'bad failover option',
      (port) => [`failover:(tcp://127.0.0.1:${port})?maxReconnectAttemps=2`],
      /did you mean maxReconnectAttempts\?/,
    ],
    ['unknown sockopt', (port) => ['-o', 'Tmeout=3', `tcp://127.0.0.1:${port}`], /Tmeout/],
    // Names every object inherits: refused like any other unknown name, never dropped.
    ...['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'].map(
      (name): [string, (port: number) => string[], RegExp] => [
        `sockopt ${name}`,
        (port) => ['-o', `${name}=1`, `tcp://127.0.0.1:${port}`],
        new RegExp(`^unknown sockopt ${name}\\b`),
      ],
    ),
    ['bad sockopt value', (port) => ['-o', 'Timeout=soon', `tcp://127.0.0.1:${port}`], /Timeout/],
    ['TLS sockopt, plain URI', (port) => ['--ca', __filename, `tcp://127.0.0.1:${port}`], /SSL_ca_file/],
    ['unreadable CA file', (port) => ['--ca', '/nonexistent/ca.pem', `ssl://127.0.0.1:${port}`], /ca\.pem/],
  ])('exit 2, %s: one stderr line, no stack, no attempt', async (_name, argv, message) => {
    const { io, stdout, stderr } = testIo();
    await expect(runCli(argv(live.port, refused), io)).resolves.toBe(EXIT.usage);
    expect(stderr.lines()).toHaveLength(1);
    expect(stderr.text).toMatch(/^stomp-connect: /);
    expect(stderr.text.replace(/^stomp-connect: /, '').trimEnd()).toMatch(message);
    expect(stderr.text).not.toMatch(STACK);
    expect(stdout.text).toBe('');
    expect(live.accepted).toHaveLength(0);
  });

  it('a bad URI holding bidi controls: escaped on stderr and in the JSON error', async () => {
    const { io, stdout, stderr } = testIo();
    await expect(runCli(['--json', 'tcp://evil\u202egnp.exe:1'], io)).resolves.toBe(EXIT.usage);
    expect(stderr.text).toContain('\\u202e');
    expect(stdout.text + stderr.text).not.toMatch(/[\u202e\u2028]/);
    expect(JSON.parse(stdout.text)).toMatchObject({ type: 'error', code: 'ERR_STOMP_URI' });
    expect(stdout.text).toContain('\\u202e');
  });

  it('a bad URI never shows its passcode', async () => {
    const { io, stdout, stderr } = testIo({ env: {} });
    await expect(runCli(['--json', 'stomp://guest:hunter2@127.0.0.1:x'], io)).resolves.toBe(EXIT.usage);
    expect(stderr.text).toMatch(/^stomp-connect: .*\*\*\*/);
    expect(JSON.parse(stdout.text)).toMatchObject({ type: 'error', code: 'ERR_STOMP_URI' });
    expect(stdout.text + stderr.text).not.toContain('hunter2');
  });

  it('exit 130: an abort mid-wait cancels the run and leaves nothing open', async () => {
    const controller = new AbortController();
    const { io, stdout, stderr } = testIo({ signal: controller.signal });
    const uri = `failover:(tcp://127.0.0.1:${refused})?initialReconnectDelay=5000`;
    const run = runCli([uri], io);
    await until(stdout, /next attempt in 5 s\n/);
    expect(activeResources()).not.toEqual(baseline); // the wait's timer
    controller.abort();
    await expect(run).resolves.toBe(EXIT.interrupted);
    expect(stderr.text).toBe('stomp-connect: interrupted\n');
    expect(stdout.lines()).toHaveLength(3); // the notice, the attempt, the failure
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it.each<[string, unknown, number, string]>([
    ['SIGTERM', STOP.terminated, EXIT.terminated, 'stomp-connect: terminated\n'],
    ['a closed output', STOP.outputClosed, EXIT.outputClosed, ''],
    ['any other reason', new Error('why not'), EXIT.interrupted, 'stomp-connect: interrupted\n'],
  ])(
    'an abort for %s mid-wait: its exit code, its message, nothing left open',
    async (_name, reason, code, text) => {
      const controller = new AbortController();
      const { io, stdout, stderr } = testIo({ signal: controller.signal });
      const run = runCli([`failover:(tcp://127.0.0.1:${refused})?initialReconnectDelay=5000`], io);
      await until(stdout, /next attempt in 5 s\n/);
      controller.abort(reason);
      await expect(run).resolves.toBe(code);
      expect(stderr.text).toBe(text);
      expect(stdout.lines()).toHaveLength(3);
      expect(await leakedSince(baseline)).toEqual([]);
    },
  );

  it('exit 130 before any attempt when the signal has already aborted', async () => {
    const { io, stdout, stderr } = testIo({ signal: AbortSignal.abort() });
    await expect(runCli([`tcp://127.0.0.1:${live.port}`], io)).resolves.toBe(EXIT.interrupted);
    expect(stdout.text).toBe('');
    expect(stderr.text).toBe('stomp-connect: interrupted\n');
    expect(live.accepted).toHaveLength(0);
  });

  it('--quiet: only the final line; on failure only the error', async () => {
    const ok = testIo();
    const uri = `failover:(tcp://127.0.0.1:${refused},tcp://127.0.0.1:${live.port})?randomize=false`;
    await expect(runCli(['-q', '--no-stomp', uri], ok.io)).resolves.toBe(EXIT.connected);
    expect(ok.stdout.lines()).toEqual([expect.stringMatching(new RegExp(`^${T} connected 2 `))]);
    expect(ok.stderr.text).toBe('');

    const failing = testIo();
    await expect(runCli(['--quiet', `tcp://127.0.0.1:${refused}`], failing.io)).resolves.toBe(EXIT.failed);
    expect(failing.stdout.text).toBe('');
    expect(failing.stderr.lines()).toEqual([
      expect.stringMatching(/^stomp-connect: cannot connect to .*\(1 attempt\)$/),
    ]);
  });

  it('colours on a terminal only, and not with NO_COLOR', async () => {
    const uri = `tcp://127.0.0.1:${live.port}`;
    const colour = /\x1b\[\d+m/; // eslint-disable-line no-control-regex
    const tty = testIo({ tty: true });
    await expect(runCli(['--no-stomp', uri], tty.io)).resolves.toBe(0);
    expect(tty.stdout.text).toMatch(colour);
    const noColor = testIo({ tty: true, env: { NO_COLOR: '1' } });
    await expect(runCli(['--no-stomp', uri], noColor.io)).resolves.toBe(0);
    expect(noColor.stdout.text).not.toMatch(colour);
    const piped = testIo();
    await expect(runCli(['--no-stomp', uri], piped.io)).resolves.toBe(0);
    expect(piped.stdout.text).not.toMatch(colour);
  });

  it('on a terminal, a long wait shows a countdown line rewritten in place', async () => {
    const controller = new AbortController();
    const { io, stdout } = testIo({ tty: true, env: { NO_COLOR: '1' }, signal: controller.signal });
    const run = runCli([`failover:(tcp://127.0.0.1:${refused})?initialReconnectDelay=2100`], io);
    await until(stdout, /waiting: next attempt in 2 s/);
    controller.abort();
    await expect(run).resolves.toBe(EXIT.interrupted);
    const [notice, , , countdown] = stdout.text.split('\n');
    expect(notice).toBe(NOTICE);
    expect(countdown).toMatch(
      new RegExp(
        `^\\r\\x1b\\[2K${T} waiting: next attempt in 3 s\\r\\x1b\\[2K${T} waiting: next attempt in 2 s\\r\\x1b\\[2K$`,
      ),
    );
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('--timeout MS is the attempt timeout', async () => {
    const silent = await startStompResponder({ answer: 'silent' });
    try {
      const { io, stdout } = testIo();
      await expect(runCli(['--stomp', '--timeout', '150', silent.uri], io)).resolves.toBe(EXIT.failed);
      expect(stdout.lines()[1]).toMatch(
        new RegExp(`^${T} failed 1 ${esc(silent.uri)} ETIMEDOUT \\(.*150 ms.*\\) — no more attempts$`),
      );
    } finally {
      await silent.close();
    }
  });
});

describe('runCli: --timeout and $STOMP_KEY_PASSPHRASE', () => {
  it.each([['2147483648'], ['9007199254740991'], ['99999999999999999999']])(
    '--timeout %s is over the timer limit: exit 2, one stderr line with the maximum, no attempt',
    async (ms) => {
      const listener = await listen();
      try {
        const { io, stdout, stderr } = testIo();
        await expect(runCli(['--timeout', ms, `tcp://127.0.0.1:${listener.port}`], io)).resolves.toBe(
          EXIT.usage,
        );
        expect(stdout.text).toBe('');
        expect(stderr.lines()).toEqual([
          `stomp-connect: --timeout is at most 2147483647 ms (about 24.8 days, Node's timer limit), got '${ms}'`,
        ]);
        expect(listener.accepted).toHaveLength(0);
      } finally {
        await listener.close();
      }
    },
  );

  it('--timeout 2147483647 is accepted', async () => {
    const listener = await listen();
    try {
      const { io, stderr } = testIo();
      await expect(
        runCli(['-q', '--no-stomp', '--timeout', '2147483647', `tcp://127.0.0.1:${listener.port}`], io),
      ).resolves.toBe(EXIT.connected);
      expect(stderr.text).toBe('');
    } finally {
      await listener.close();
    }
  });

  it('$STOMP_KEY_PASSPHRASE is ignored by a run without a client key (no TLS sockopt is added)', async () => {
    const listener = await listen();
    try {
      const { io, stdout, stderr } = testIo({ env: { STOMP_KEY_PASSPHRASE: 'secret-42' } });
      await expect(runCli(['--no-stomp', `tcp://127.0.0.1:${listener.port}`], io)).resolves.toBe(
        EXIT.connected,
      );
      expect(stderr.text).toBe('');
      expect(stdout.text).not.toContain('secret-42');
    } finally {
      await listener.close();
    }
  });
});

describe('runCli --stomp with a broker that sends more CONNECTED headers', () => {
  const CONNECTED = [
    'CONNECTED',
    'version:1.2',
    'server:Mini/1.0',
    'session:s-1',
    'heart-beat:0,0',
    'x-extra:1',
    'user-id:bob',
    'passcode:hunter2',
    'login:guest',
    'x-ansi:\x1b[31mred',
    '',
    '\0',
  ].join('\n');
  let broker: Listener;
  beforeEach(async () => {
    // A tiny broker: CONNECTED (echoing the credentials, as a careless one might) to CONNECT; closes on DISCONNECT.
    broker = await listen((socket) => {
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        const before = received;
        received += chunk.toString('latin1');
        if (!before.includes('\0') && received.includes('\0')) socket.write(CONNECTED);
        if (received.includes('DISCONNECT')) socket.end();
      });
    });
  });
  afterEach(() => broker.close());

  it('prints the other headers on their own line, sorted, escaped, without login or passcode', async () => {
    const { io, stdout, stderr } = testIo();
    await expect(
      runCli(['--stomp', '--login', 'guest', '--passcode', 'hunter2', `tcp://127.0.0.1:${broker.port}`], io),
    ).resolves.toBe(EXIT.connected);
    expect(stdout.lines()).toEqual([
      expect.stringMatching(new RegExp(`^${T} attempt 1 tcp://127\\.0\\.0\\.1:${broker.port}$`)),
      expect.stringMatching(new RegExp(`^${T} connected 1 tcp://127\\.0\\.0\\.1:${broker.port}$`)),
      expect.stringMatching(/^ +STOMP 1\.2, server Mini\/1\.0, session s-1$/),
      expect.stringMatching(/^ +headers user-id:bob, x-ansi:\\x1b\[31mred, x-extra:1$/),
    ]);
    expect(stdout.text + stderr.text).not.toMatch(/hunter2|guest/);
    expect(stdout.text).not.toContain('\x1b');
  });

  it('--json carries every CONNECTED header but login and passcode', async () => {
    const { io, stdout, stderr } = testIo();
    await expect(
      runCli(['--json', '-q', '--stomp', '--passcode', 'hunter2', `tcp://127.0.0.1:${broker.port}`], io),
    ).resolves.toBe(EXIT.connected);
    const record = JSON.parse(stdout.text) as { stomp: Record<string, unknown> };
    expect(record.stomp).toEqual({
      version: '1.2',
      server: 'Mini/1.0',
      session: 's-1',
      heartBeat: [0, 0],
      headers: {
        'heart-beat': '0,0',
        server: 'Mini/1.0',
        session: 's-1',
        'user-id': 'bob',
        version: '1.2',
        'x-ansi': '\x1b[31mred',
        'x-extra': '1',
      },
    });
    expect(stdout.text + stderr.text).not.toMatch(/hunter2|guest/);
  });
});

describe('runCli: broker text with bidi controls, separators and C1 controls is escaped', () => {
  // Raw, `abc<RLO>gnp.exe` would display as `abcexe.png`; U+2028 breaks a line; U+009B starts a CSI.
  const HOSTILE_TEXT = 'abc\u202egnp.exe\u2066x\u2069\u2028y\u009b31m\u200f\ufeff\u{e0041}';
  const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
  let broker: Listener;
  let answer: string;
  beforeEach(async () => {
    broker = await listen((socket) => {
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        const before = received;
        received += chunk.toString('utf8');
        if (!before.includes('\0') && received.includes('\0')) socket.write(answer);
        if (received.includes('DISCONNECT')) socket.end();
      });
    });
  });
  afterEach(() => broker.close());

  const connected = (): string =>
    [
      'CONNECTED',
      'version:1.2',
      `session:${HOSTILE_TEXT}`,
      `server:${HOSTILE_TEXT}`,
      `x-evil:${HOSTILE_TEXT}`,
      '',
      '\0',
    ].join('\n');
  const errorFrame = (): string =>
    ['ERROR', `message:denied ${HOSTILE_TEXT}`, '', `${HOSTILE_TEXT}\0`].join('\n');

  /** Every line of `text` without anything a terminal would act on but the line feeds themselves. */
  const expectSafe = (text: string): void => {
    for (const line of text.split('\n')) expect(line).not.toMatch(UNSAFE);
  };

  it('the text timeline shows them as visible escapes', async () => {
    answer = connected();
    const { io, stdout, stderr } = testIo();
    await expect(runCli(['--stomp', `tcp://127.0.0.1:${broker.port}`], io)).resolves.toBe(EXIT.connected);
    expectSafe(stdout.text + stderr.text);
    expect(stdout.text).toContain(
      'session abc\\u202egnp.exe\\u2066x\\u2069\\u2028y\\x9b31m\\u200f\\ufeff\\u{e0041}',
    );
    expect(stdout.text).toContain('x-evil:abc\\u202egnp.exe');
  });

  it("--json carries them as \\u escapes, and parses back to the broker's text", async () => {
    answer = connected();
    const { io, stdout } = testIo();
    await expect(runCli(['--json', '--stomp', `tcp://127.0.0.1:${broker.port}`], io)).resolves.toBe(
      EXIT.connected,
    );
    expectSafe(stdout.text);
    const records = stdout.lines().map((line) => JSON.parse(line) as { stomp?: StompInfo });
    const stomp = records.at(-1)?.stomp;
    expect(stomp?.session).toBe(HOSTILE_TEXT);
    expect(stomp?.headers?.['x-evil']).toBe(HOSTILE_TEXT);
  });

  it('a refusal in an ERROR frame: escaped in the failed line, the stderr line and the JSON error', async () => {
    answer = errorFrame();
    const text = testIo();
    await expect(runCli(['--stomp', `tcp://127.0.0.1:${broker.port}`], text.io)).resolves.toBe(EXIT.failed);
    expectSafe(text.stdout.text + text.stderr.text);
    expect(text.stdout.text).toContain('denied abc\\u202egnp.exe');
    expect(text.stderr.text).toContain('denied abc\\u202egnp.exe');

    const json = testIo();
    await expect(runCli(['--json', '--stomp', `tcp://127.0.0.1:${broker.port}`], json.io)).resolves.toBe(
      EXIT.failed,
    );
    expectSafe(json.stdout.text + json.stderr.text);
    const records = json.stdout.lines().map((line) => JSON.parse(line) as { type: string; message?: string });
    expect(records.map((record) => record.type)).toEqual(['attempt', 'failed', 'error']);
    for (const record of records.slice(1)) expect(record.message).toContain(`denied ${HOSTILE_TEXT}`);
  });
});

describe('runCli --stomp against a STOMP responder', () => {
  let responder: StompResponder;
  beforeEach(async () => {
    responder = await startStompResponder({
      login: 'guest',
      passcode: 'hunter2',
      vhost: '/',
      server: 'Test/1.0',
    });
  });
  afterEach(() => responder.close());

  it('shows the CONNECTED frame, says DISCONNECT, and never prints the passcode', async () => {
    const { io, stdout, stderr } = testIo();
    const uri = `stomp://guest:hunter2@127.0.0.1:${responder.port}`;
    await expect(runCli(['--stomp', '--vhost', '/', uri], io)).resolves.toBe(EXIT.connected);
    expect(stdout.lines()).toEqual([
      expect.stringMatching(new RegExp(`^${T} attempt 1 stomp://127\\.0\\.0\\.1:${responder.port}$`)),
      expect.stringMatching(new RegExp(`^${T} connected 1 stomp://127\\.0\\.0\\.1:${responder.port}$`)),
      expect.stringMatching(/^ +STOMP 1\.2, server Test\/1\.0, session session-\w+$/),
    ]);
    expect(responder.frames.map((frame) => frame.command)).toEqual(['CONNECT', 'DISCONNECT']);
    expect(responder.frames[0]?.headers).toMatchObject({ host: '/', login: 'guest', passcode: 'hunter2' });
    expect(stdout.text + stderr.text).not.toContain('hunter2');
  });

  it.each<[string, string[], Record<string, string>, number]>([
    ['--login and --passcode', ['--login', 'guest', '--passcode', 'hunter2'], {}, EXIT.connected],
    ['$STOMP_PASSCODE', ['--login', 'guest'], { STOMP_PASSCODE: 'hunter2' }, EXIT.connected],
    [
      '--passcode over $STOMP_PASSCODE',
      ['--login', 'guest', '--passcode', 'hunter2'],
      { STOMP_PASSCODE: 'x' },
      0,
    ],
    ['a wrong passcode', ['--login', 'guest', '--passcode', 'wrong'], {}, EXIT.failed],
  ])('credentials from %s', async (_name, args, env, code) => {
    const { io, stdout, stderr } = testIo({ env });
    await expect(
      runCli(['--stomp', '--vhost', '/', ...args, `tcp://127.0.0.1:${responder.port}`], io),
    ).resolves.toBe(code);
    if (code === EXIT.failed) {
      expect(stdout.lines()[1]).toMatch(
        /failed 1 .* ERR_STOMP_ERROR_FRAME \(STOMP ERROR frame: Bad CONNECT: Access refused for user '\*\*\*'\) — no more attempts$/,
      );
      expect(stderr.lines()).toHaveLength(1);
    }
    expect(stdout.text + stderr.text).not.toMatch(/hunter2|wrong/);
  });

  it.each([
    ['a LF', 'hunter2\nlogin:root'],
    ['a CR', 'hunter2\r'],
    ['a NUL', 'hun\0ter2'],
  ])(
    'a $STOMP_PASSCODE with %s is a usage error before any attempt, without its value',
    async (_name, passcode) => {
      for (const stay of [[], ['--stay']]) {
        const { io, stdout, stderr } = testIo({ env: { STOMP_PASSCODE: passcode } });
        await expect(
          runCli(['--stomp', ...stay, '--login', 'guest', `tcp://127.0.0.1:${responder.port}`], io),
        ).resolves.toBe(EXIT.usage);
        expect(stdout.text).toBe('');
        expect(stderr.text).toContain(
          '$STOMP_PASSCODE holds a line break or NUL, which a STOMP CONNECT header cannot carry',
        );
        expect(stderr.text).not.toContain('hunter2');
      }
      expect(responder.frames).toEqual([]); // no attempt was made
    },
  );

  it('a $STOMP_PASSCODE the run would not read is not its business (--passcode given, or --no-stomp)', async () => {
    const env = { STOMP_PASSCODE: 'bad\nvalue' };
    const given = testIo({ env });
    await expect(
      runCli(
        [
          '--stomp',
          '--vhost',
          '/',
          '--login',
          'guest',
          '--passcode',
          'hunter2',
          `tcp://127.0.0.1:${responder.port}`,
        ],
        given.io,
      ),
    ).resolves.toBe(EXIT.connected);
    const noStomp = testIo({ env });
    await expect(runCli(['--no-stomp', `tcp://127.0.0.1:${responder.port}`], noStomp.io)).resolves.toBe(
      EXIT.connected,
    );
  });

  it('a $STOMP_PASSCODE is not read, nor refused, when every peer of the URI has its passcode', async () => {
    const env = { STOMP_PASSCODE: 'bad\nvalue' };
    for (const stay of [[], ['--stay']]) {
      const controller = new AbortController();
      const { io, stdout, stderr } = testIo({ env, signal: controller.signal });
      const uri = `failover:(stomp://guest:hunter2@127.0.0.1:${responder.port})?maxReconnectAttempts=0`;
      const run = runCli(['--stomp', '--vhost', '/', ...stay, uri], io);
      if (stay.length > 0) {
        await until(stdout, /connected 1/);
        controller.abort();
        await expect(run).resolves.not.toBe(EXIT.usage);
      } else await expect(run).resolves.toBe(EXIT.connected);
      expect(stderr.text).not.toContain('STOMP_PASSCODE');
      expect(stdout.text + stderr.text).not.toMatch(/hunter2|bad|value/);
    }
    expect(responder.frames[0]?.headers).toMatchObject({ login: 'guest', passcode: 'hunter2' });
  });

  it.each([
    [
      'one peer of the list has none',
      (port: number) => `failover:(tcp://127.0.0.1:${port},stomp://guest:hunter2@127.0.0.1:${port})`,
    ],
    ['the peer has a login only', (port: number) => `stomp://guest@127.0.0.1:${port}`],
  ])('a bad $STOMP_PASSCODE is still refused when %s', async (_name, uri) => {
    const { io, stdout, stderr } = testIo({ env: { STOMP_PASSCODE: 'bad\nvalue' } });
    await expect(runCli(['--stomp', uri(responder.port)], io)).resolves.toBe(EXIT.usage);
    expect(stdout.text).toBe('');
    expect(stderr.text).toContain('$STOMP_PASSCODE holds a line break or NUL');
    expect(responder.frames).toEqual([]);
  });

  it('without --vhost the host header is the peer host, which this responder refuses (as RabbitMQ does)', async () => {
    const { io, stdout } = testIo();
    const uri = `stomp://guest:hunter2@127.0.0.1:${responder.port}`;
    await expect(runCli(['--stomp', uri], io)).resolves.toBe(EXIT.failed);
    expect(stdout.text).toContain("Virtual host '127.0.0.1' access denied");
  });

  it('--json: one JSON object per line, no passcode, no socket', async () => {
    const refused = await refusedPort();
    const { io, stdout, stderr } = testIo({ env: { STOMP_PASSCODE: 'hunter2' } });
    const uri = `failover:(tcp://127.0.0.1:${refused},tcp://guest:hunter2@127.0.0.1:${responder.port})?randomize=false`;
    await expect(
      runCli(['--json', '--stomp', '--vhost', '/', '--passcode', 'hunter2', uri], io),
    ).resolves.toBe(0);
    const records = stdout.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toEqual([
      {
        type: 'attempt',
        elapsed: expect.any(Number),
        attempt: 1,
        peer: expect.objectContaining({ port: refused }),
      },
      {
        type: 'failed',
        elapsed: expect.any(Number),
        attempt: 1,
        peer: { uri: `tcp://127.0.0.1:${refused}`, host: '127.0.0.1', port: refused, tls: false },
        code: 'ECONNREFUSED',
        message: expect.stringMatching(/^cannot connect to 127\.0\.0\.1:\d+: .*ECONNREFUSED/),
        retryIn: 10,
      },
      {
        type: 'attempt',
        elapsed: expect.any(Number),
        attempt: 2,
        peer: expect.objectContaining({ port: responder.port }),
      },
      {
        type: 'connected',
        elapsed: expect.any(Number),
        attempt: 2,
        peer: {
          uri: `tcp://127.0.0.1:${responder.port}`,
          host: '127.0.0.1',
          port: responder.port,
          tls: false,
        },
        stomp: {
          version: '1.2',
          server: 'Test/1.0',
          session: expect.any(String),
          heartBeat: [0, 0],
          headers: { 'heart-beat': '0,0', server: 'Test/1.0', session: expect.any(String), version: '1.2' },
        },
      },
    ]);
    expect(stdout.text + stderr.text).not.toMatch(/hunter2|socket|guest/);
  });

  it('exit 130: an abort during the STOMP handshake destroys the socket', async () => {
    const silent = await startStompResponder({ answer: 'silent' });
    const baseline = activeResources();
    const controller = new AbortController();
    const { io, stdout } = testIo({ signal: controller.signal });
    try {
      const run = runCli(['--stomp', silent.uri], io);
      await until(stdout, /attempt 1/);
      while (silent.frames.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      await expect(run).resolves.toBe(EXIT.interrupted);
      expect(await leakedSince(baseline)).toEqual([]);
    } finally {
      await silent.close();
    }
  });
});

describe('runCli --demo', () => {
  it('fails over from two refused ports to the responder, exit 0', async () => {
    const baseline = activeResources();
    const { io, stdout, stderr } = testIo();
    await expect(runCli(['--demo'], io)).resolves.toBe(0);
    const lines = stdout.lines();
    expect(lines[0]).toMatch(/^demo: a STOMP responder listens on 127\.0\.0\.1:\d+/);
    expect(lines[1]).toMatch(
      /^\$ stomp-connect --vhost \/ 'failover:\(.*tcp:\/\/demo:\*\*\*@127\.0\.0\.1:\d+\)/,
    );
    const end = lines.findIndex((line) => line.startsWith('demo: the responder received')); // act 2 follows
    expect(lines[2]).toBe(NOTICE);
    expect(lines.slice(3, end).map((line) => line.replace(/^\+\d+ms /, '').replace(/:\d+/g, ':P'))).toEqual([
      'attempt 1 tcp://127.0.0.1:P',
      'failed 1 tcp://127.0.0.1:P ECONNREFUSED — next attempt in 250 ms',
      'attempt 2 tcp://127.0.0.1:P',
      'failed 2 tcp://127.0.0.1:P ECONNREFUSED — next attempt in 500 ms',
      'attempt 3 tcp://127.0.0.1:P',
      'connected 3 tcp://127.0.0.1:P',
      expect.stringMatching(/^ +STOMP 1\.2, server stomp-responder\/1\.0, session session-\w+$/),
    ]);
    expect(lines[end]).toBe('demo: the responder received CONNECT, DISCONNECT; shutting it down');
    expect(stdout.text).not.toContain('secret');
    expect(stderr.text).toBe('');
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('--demo --json prints JSON only', async () => {
    const { io, stdout } = testIo();
    await expect(runCli(['--demo', '--json'], io)).resolves.toBe(0);
    const types = stdout.lines().map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types.slice(0, 6)).toEqual(['attempt', 'failed', 'attempt', 'failed', 'attempt', 'connected']); // act 1
  });
});
