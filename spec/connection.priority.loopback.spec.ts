import { connection$ } from '../src/connection';
import { stompHandshake } from '../src/stomp/stomp-handshake';
import { startStompResponder, type StompResponder } from '../src/stomp/stomp-responder';
import type { ConnectionEvent } from '../src/types';
import { until } from './helpers/connect-peer-helpers';
import { portLine } from './helpers/connection-lines';
import { activeResources, leakedSince } from './helpers/resources';

describe('connection$ with a priority peer, over real sockets on 127.0.0.1', () => {
  it('priority down → connected to the other → priority back → the probe switches over; handles back to baseline', async () => {
    const baseline = activeResources();
    // The priority responder's port is taken, then freed, so that it can come back on it.
    const first = await startStompResponder();
    const port = first.port;
    await first.close();
    const backup = await startStompResponder();
    let priority: StompResponder | undefined;
    const events: ConnectionEvent[] = [];
    const uri =
      `failover:(tcp://127.0.0.1:${port},${backup.uri})` +
      '?randomize=false&priorityBackup=true&initialReconnectDelay=20&maxReconnectDelay=40';
    const subscription = connection$(uri, {}, { verify: stompHandshake() }).subscribe((event) => {
      events.push(event);
      if (event.type === 'connected') event.socket.resume();
    });
    try {
      await until(() => events.some((event) => event.type === 'connected'), 'the backup connection');
      await until(() => events.filter((event) => event.type === 'failed').length >= 3, 'two failed probes');
      priority = await startStompResponder({ port });
      await until(() => events.some((event) => event.type === 'disconnected'), 'the switch');
      subscription.unsubscribe();
      const lines = events.map(portLine);
      const switched = lines.indexOf(
        `P 2 connected ${lines.filter((l) => l.startsWith('P 2 attempt')).length} ${port}`,
      );
      expect(lines.slice(0, 4)).toEqual([
        `1 attempt 1 ${port}`,
        `1 failed 1 ${port} ECONNREFUSED`,
        `1 attempt 2 ${backup.port}`,
        `1 connected 2 ${backup.port}`,
      ]);
      // Probes only, one at a time and all to the priority peer, until one connects.
      for (const probe of lines.slice(4, switched))
        expect(probe).toMatch(new RegExp(`^P 2 (attempt|failed) \\d+ ${port}`));
      expect(switched).toBeGreaterThan(5);
      expect(lines.slice(switched)).toEqual([
        expect.stringMatching(new RegExp(`^P 2 connected \\d+ ${port}$`)),
        `1 disconnected ${backup.port} priority`,
      ]);
      await until(() => backup.frames.length > 0 && priority?.frames.length === 1, 'the handshakes');
      expect(priority.frames.map((frame) => frame.command)).toEqual(['CONNECT']);
    } finally {
      subscription.unsubscribe();
      await backup.close();
      await priority?.close();
    }
    expect(await leakedSince(baseline)).toEqual([]);
  });
});
