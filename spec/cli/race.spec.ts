import { parseCliArgs } from '../../src/cli/args';
import { runCli } from '../../src/cli/run';
import { UsageError } from '../../src/cli/usage-error';
import { makeBlackhole, type Blackhole } from '../helpers/blackhole';
import { listen, type Listener } from '../helpers/loopback';
import { activeResources, leakedSince } from '../helpers/resources';
import { testIo } from './cli-streams';

const URI = 'failover:(tcp://127.0.0.1:1,tcp://127.0.0.1:2)';

describe('stomp-connect --race MS', () => {
  it.each([
    [['--race', '250', URI], 250],
    [['--race=0', URI], 0],
    [['--race', '2147483647', '--stay', URI], 2147483647],
    [[URI], undefined],
  ])('%j → race %p', (argv, race) => {
    expect(parseCliArgs(argv).race).toBe(race);
  });

  it.each([
    [['--race', '1.5', URI], "--race expects whole milliseconds (0 = sequential), got '1.5'"],
    [['--race=-1', URI], "--race expects whole milliseconds (0 = sequential), got '-1'"],
    [
      ['--race', '2147483648', URI],
      "--race is at most 2147483647 ms (about 24.8 days, Node's timer limit), got '2147483648'",
    ],
    [[URI, '--race'], 'option --race needs a value'],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(new UsageError(message));
  });

  describe('a blackholed first peer, then a live one (no timeout anywhere)', () => {
    let hole: Blackhole | undefined;
    let live: Listener;
    beforeAll(async () => {
      hole = await makeBlackhole();
      if (hole === undefined)
        console.warn('--race blackhole tests NOT RUN: could not fill a loopback accept queue');
      live = await listen();
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    afterAll(async () => {
      await live.close();
      await hole?.close();
    });

    it.each([
      // --no-stomp: the live peer is a bare listener; --timeout 0: no attempt timeout anywhere.
      ['--race', (uri: string) => ['--no-stomp', '--timeout', '0', '--race', '50', uri]],
      [
        'the URI option',
        (uri: string) => ['--no-stomp', '--timeout', '0', `${uri}&connectionAttemptDelay=50`],
      ],
    ])('connects to the live peer (%s), exit 0, nothing left open', async (_how, argv) => {
      if (hole === undefined) return;
      const baseline = activeResources();
      const { io, stdout, stderr } = testIo();
      const uri = `failover:(tcp://127.0.0.1:${hole.port},tcp://127.0.0.1:${live.port})?randomize=false`;
      await expect(runCli(argv(uri), io)).resolves.toBe(0);
      expect(stdout.lines().map((line) => line.replace(/^\+\d+ms /, ''))).toEqual([
        'no attempt limit (maxReconnectAttempts): retrying until interrupted (Ctrl-C)',
        `attempt 1 tcp://127.0.0.1:${hole.port}`,
        `attempt 2 tcp://127.0.0.1:${live.port}`,
        `connected 2 tcp://127.0.0.1:${live.port}`,
      ]);
      expect(stderr.text).toBe('');
      for (const socket of live.accepted) socket.destroy();
      expect(await leakedSince(baseline)).toEqual([]);
    });
  });
});
