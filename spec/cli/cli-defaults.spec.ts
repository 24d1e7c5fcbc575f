import { DEFAULT_TIMEOUT_MS, retryNotice, withCliDefaults } from '../../src/cli/cli-defaults';
import { EXIT } from '../../src/cli/exit';
import { runCli } from '../../src/cli/run';
import { startStompResponder } from '../../src/stomp/stomp-responder';
import { listen } from '../helpers/loopback';
import { activeResources, leakedSince } from '../helpers/resources';
import { testIo } from './cli-streams';

const NOTICE = 'no attempt limit (maxReconnectAttempts): retrying until interrupted (Ctrl-C)';

describe('withCliDefaults: the CLI attempt timeout', () => {
  it('is 10 s (the Timeout sockopt) when the command line sets none', () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(10_000);
    expect(withCliDefaults({})).toEqual({ Timeout: 10 });
    expect(withCliDefaults({ SSL_ca_file: 'ca.pem' })).toEqual({ SSL_ca_file: 'ca.pem', Timeout: 10 });
  });

  it.each([[{ Timeout: 0 }], [{ Timeout: 2.5 }], [{ Timeout: 'soon' }]])(
    'leaves a Timeout the command line gave as it is (%p; 0 = none)',
    (sockopts) => {
      expect(withCliDefaults(sockopts)).toBe(sockopts);
    },
  );

  it("keeps a sockopt named __proto__ as an own name, for the library's check to refuse", () => {
    const sockopts = {};
    Object.defineProperty(sockopts, '__proto__', { value: 1, enumerable: true });
    const result = withCliDefaults(sockopts);
    expect(Object.keys(result)).toEqual(['__proto__', 'Timeout']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });
});

describe('retryNotice', () => {
  it.each<[string, boolean, string | null]>([
    ['failover:(tcp://a:61613,tcp://b:61613)', false, NOTICE],
    ['failover:(tcp://a:61613)?maxReconnectAttempts=3', false, null],
    ['failover:(tcp://a:61613)?maxReconnectAttempts=0', false, null],
    ['failover:(tcp://a:61613)?startupMaxReconnectAttempts=2', false, null], // the first connection's limit
    ['failover:(tcp://a:61613)?startupMaxReconnectAttempts=2', true, NOTICE], // --stay: later cycles never stop
    ['failover:(tcp://a:61613)?maxReconnectAttempts=2', true, null],
    ['failover:(tcp://a:61613)?maxReconnectAttempts=-1&startupMaxReconnectAttempts=1', false, null],
    ['tcp://a:61613', false, null], // one attempt
    ['tcp://a:61613', true, null], // one pass a cycle; a failed pass ends the run
    ['tcp://a:x', false, null], // the run reports the URI error itself
  ])('%s (stay %p): %p', (uri, stay, notice) => {
    expect(retryNotice(uri, stay)).toBe(notice);
  });
});

describe('runCli defaults', () => {
  it('verifies with STOMP by default: a listener that answers HTTP is no broker (exit 1); --no-stomp connects', async () => {
    const http = await listen((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    });
    try {
      const stomp = testIo();
      await expect(runCli([`tcp://127.0.0.1:${http.port}`], stomp.io)).resolves.toBe(EXIT.failed);
      expect(stomp.stdout.lines()[1]).toMatch(/ failed 1 tcp:\/\/127\.0\.0\.1:\d+ ERR_STOMP_PROTOCOL/);
      const bare = testIo();
      await expect(runCli(['--no-stomp', `tcp://127.0.0.1:${http.port}`], bare.io)).resolves.toBe(
        EXIT.connected,
      );
      expect(bare.stderr.text).toBe('');
    } finally {
      await http.close();
    }
  });

  it("a URI's connectionTimeout wins over the CLI's default", async () => {
    const silent = await startStompResponder({ answer: 'silent' });
    const baseline = activeResources();
    try {
      const { io, stdout } = testIo();
      await expect(runCli([`${silent.uri}?connectionTimeout=150`], io)).resolves.toBe(EXIT.failed);
      expect(stdout.lines()[1]).toMatch(/ failed 1 .* ETIMEDOUT \(.*150 ms.*\) — no more attempts$/);
      expect(await leakedSince(baseline)).toEqual([]);
    } finally {
      await silent.close();
    }
  });

  it('says once that it retries until interrupted, but not with --quiet or --json', async () => {
    const live = await listen();
    try {
      const uri = `failover:(tcp://127.0.0.1:${live.port})`;
      const text = testIo();
      await expect(runCli(['--no-stomp', uri], text.io)).resolves.toBe(EXIT.connected);
      expect(text.stdout.lines().filter((line) => line === NOTICE)).toHaveLength(1);
      expect(text.stdout.lines()[0]).toBe(NOTICE);
      for (const flag of ['--quiet', '--json']) {
        const { io, stdout } = testIo();
        await expect(runCli([flag, '--no-stomp', uri], io)).resolves.toBe(EXIT.connected);
        expect(stdout.text).toMatch(/connected/);
        expect(stdout.text).not.toContain('retrying until interrupted');
      }
    } finally {
      await live.close();
    }
  });
});
