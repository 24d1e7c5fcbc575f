import { runCli } from '../../src/cli/run';
import { activeResources, leakedSince } from '../helpers/resources';
import { testIo } from './cli-streams';

describe('stomp-connect --demo, act 2 (--stay)', () => {
  it('the first responder goes away: disconnected, then the CLI fails over to the standby; exit 0, nothing left', async () => {
    const baseline = activeResources();
    const { io, stdout, stderr } = testIo();
    await expect(runCli(['--demo'], io)).resolves.toBe(0);
    const lines = stdout.lines();
    const act2 = lines.slice(lines.findIndex((line) => line.startsWith('demo: act 2')));
    expect(act2.map((line) => line.replace(/^\+\d+ms /, '').replace(/:\d{2,5}\b/g, ':P'))).toEqual([
      'demo: act 2, --stay: responders listen on 127.0.0.1:P and, as a standby, :P; the first goes away a second after the connection',
      "$ stomp-connect --stay --vhost / --heart-beat 1000,1000 'failover:(tcp://demo:***@127.0.0.1:P,tcp://demo:***@127.0.0.1:P)?randomize=false&initialReconnectDelay=250'",
      'no attempt limit (maxReconnectAttempts): retrying until interrupted (Ctrl-C)',
      'connection 1: attempt 1 tcp://127.0.0.1:P',
      'connection 1: connected 1 tcp://127.0.0.1:P',
      expect.stringMatching(
        /^ +STOMP 1\.2, server stomp-responder\/1\.0, session session-\w+, heart-beat 1000,1000$/,
      ),
      expect.stringMatching(
        /^ +heart-beats: sending every 1 s, the broker every 1 s \(over 2 s of silence ends the connection\)$/,
      ),
      'demo: the responder on :P goes away',
      // A responder that goes away while a heart-beat of the client's is in flight is reset (RST), as a
      // broker process killed with unread bytes would be: either close is the real outcome.
      expect.stringMatching(
        /^connection 1: disconnected tcp:\/\/127\.0\.0\.1:P — closed( \(ECONNRESET\))? after 1(\.\d)? s$/,
      ),
      // The responder that went away goes last (ActiveMQ): the standby first.
      'connection 2: attempt 1 tcp://127.0.0.1:P',
      'connection 2: connected 1 tcp://127.0.0.1:P',
      expect.stringMatching(
        /^ +STOMP 1\.2, server stomp-responder\/1\.0, session session-\w+, heart-beat 1000,1000$/,
      ),
      expect.stringMatching(/^ +heart-beats: /),
      'demo: Ctrl-C (the CLI closes the live connection and exits 130)',
    ]);
    expect(stdout.text).not.toContain('secret');
    expect(stderr.text).toBe('');
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('--demo --json: act 2 prints a record for every event of its cycles', async () => {
    const { io, stdout } = testIo();
    await expect(runCli(['--demo', '--json'], io)).resolves.toBe(0);
    const records = stdout.lines().map((line) => JSON.parse(line) as { type: string; connection?: number });
    const act2 = records.filter((record) => record.connection !== undefined);
    expect(act2.map((record) => `${record.connection} ${record.type}`)).toEqual([
      '1 attempt',
      '1 connected',
      '1 disconnected',
      '2 attempt',
      '2 connected',
    ]);
    expect(records.at(-1)).toMatchObject({ type: 'error', code: 'ABORT_ERR' }); // the demo's own Ctrl-C
  });
});
