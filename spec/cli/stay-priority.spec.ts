import { EXIT } from '../../src/cli/exit';
import { runCli } from '../../src/cli/run';
import { startStompResponder, type StompResponder } from '../../src/stomp/stomp-responder';
import { activeResources, leakedSince } from '../helpers/resources';
import { testIo, untilText } from './cli-streams';

describe('stomp-connect --stay with a priority peer (in process)', () => {
  it('shows the probes and the switch back; Ctrl-C closes the priority connection, 130, nothing left', async () => {
    const baseline = activeResources();
    const first = await startStompResponder();
    const port = first.port;
    await first.close(); // the priority peer is down at first
    const backup = await startStompResponder();
    let priority: StompResponder | undefined;
    const controller = new AbortController();
    const { io, stdout, stderr } = testIo({ signal: controller.signal });
    const uri =
      `failover:(tcp://127.0.0.1:${port},${backup.uri})` +
      '?randomize=false&priorityBackup=true&initialReconnectDelay=20&useExponentialBackOff=false';
    try {
      const run = runCli(['--stay', '--stomp', uri], io);
      await untilText(stdout, /connection 2, probe: failed 1 /);
      priority = await startStompResponder({ port });
      await untilText(stdout, /replaced by a priority peer/);
      controller.abort();
      await expect(run).resolves.toBe(EXIT.interrupted);
      const lines = stdout
        .lines()
        .filter((line) => !line.startsWith(' '))
        .map((line) =>
          line
            .replace(/^\+\d+ms /, '')
            .replace(`:${port}`, ':PRIORITY')
            .replace(`:${backup.port}`, ':BACKUP'),
        );
      expect(lines.slice(0, 5)).toEqual([
        'no attempt limit (maxReconnectAttempts): retrying until interrupted (Ctrl-C)',
        'connection 1: attempt 1 tcp://127.0.0.1:PRIORITY',
        'connection 1: failed 1 tcp://127.0.0.1:PRIORITY ECONNREFUSED — next attempt in 20 ms',
        'connection 1: attempt 2 tcp://127.0.0.1:BACKUP',
        'connection 1: connected 2 tcp://127.0.0.1:BACKUP',
      ]);
      const probes = lines.slice(5, -3); // the failed ones
      expect(probes.length).toBeGreaterThanOrEqual(2);
      const last = probes.length / 2 + 1;
      probes.forEach((line, i) => {
        const n = Math.floor(i / 2) + 1;
        expect(line).toBe(
          i % 2 === 0
            ? `connection 2, probe: attempt ${n} tcp://127.0.0.1:PRIORITY`
            : `connection 2, probe: failed ${n} tcp://127.0.0.1:PRIORITY ECONNREFUSED — next attempt in 20 ms`,
        );
      });
      expect(lines.slice(-3)).toEqual([
        `connection 2, probe: attempt ${last} tcp://127.0.0.1:PRIORITY`,
        `connection 2, probe: connected ${last} tcp://127.0.0.1:PRIORITY`,
        expect.stringMatching(
          /^connection 1: disconnected tcp:\/\/127\.0\.0\.1:BACKUP — replaced by a priority peer after \d+ ms$/,
        ),
      ]);
      expect(stderr.text).toBe('stomp-connect: interrupted\n');
      // Ctrl-C went to the priority connection: DISCONNECT sent there.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(priority.frames.map((frame) => frame.command)).toEqual(['CONNECT', 'DISCONNECT']);
    } finally {
      await backup.close();
      await priority?.close();
    }
    expect(await leakedSince(baseline)).toEqual([]);
  });
});
