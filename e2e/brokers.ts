// Shared helpers of the end-to-end suite: the real brokers that scripts/brokers.sh runs on loopback.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { connect$ } from '../src/connect';
import type { ConnectEvent, ConnectOptions, Sockopts } from '../src/types';

/** The project's broker script (install | start | stop | status | cafile | probe). */
export const BROKERS_SH = resolve(__dirname, '..', 'scripts', 'brokers.sh');

/** RabbitMQ 3.10: STOMP and STOMP/TLS, login guest/guest, virtual host '/'. */
export const RABBITMQ = { stomp: 61613, stompTls: 61614 } as const;
/** ActiveMQ 5.17: STOMP, no authentication. */
export const ACTIVEMQ = { stomp: 61615 } as const;

/** Runs `scripts/brokers.sh ARGS...`; resolves with its stdout, rejects with its log on failure. */
export function brokers(...args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile(BROKERS_SH, args, { timeout: 240_000 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`brokers.sh ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else done(stdout);
    });
  });
}

/** The CA the script generated for RabbitMQ's STOMP/TLS listener. */
export async function caFile(): Promise<string> {
  return (await brokers('cafile')).trim();
}

/** A loopback port nothing listens on (connecting to it is refused): the unit tests' helper. */
export { refusedPort } from '../spec/helpers/loopback';

/** `failover:(URIS)` tried in the order written, without waits, one pass. */
export function inOrder(...uris: string[]): string {
  return `failover:(${uris.join(',')})?randomize=false&initialReconnectDelay=0&maxReconnectAttempts=${uris.length - 1}`;
}

/** Every event of one run (destroying the connected socket, if any, unless `keep`). */
export async function runEvents(
  uri: string,
  sockopts: Sockopts = {},
  options: ConnectOptions = {},
  keep = false,
): Promise<ConnectEvent[]> {
  const events = await lastValueFrom(connect$(uri, sockopts, options).pipe(toArray()));
  if (!keep) for (const event of events) if (event.type === 'connected') event.socket.destroy();
  return events;
}

/** `attempt 1 61613`, `failed 1 ECONNREFUSED`, `connected 2 61615`: a run at a glance. */
export function summary(events: readonly ConnectEvent[]): string[] {
  return events.map((event) =>
    event.type === 'failed'
      ? `failed ${event.attempt} ${event.error.code}`
      : `${event.type} ${event.attempt} ${event.peer.port}`,
  );
}
