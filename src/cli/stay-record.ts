import type { HeartBeatIntervals } from '../heart-beats';
import { negotiatedHeartBeats } from '../internal/live-connection';
import type { ConnectionEvent } from '../types';
import { eventRecord, type EventRecord, type PeerInfo } from './event-record';

/**
 * The end of one connection, as `--stay` shows it: why (`reason`, and the
 * error's `code` and `message` when there is one) and how long it lasted.
 *
 * @example
 * ```ts
 * const record: DisconnectedRecord = {
 *   type: 'disconnected', elapsed: 5012, connection: 1, peer, reason: 'closed',
 *   connectedFor: 5000, code: 'ECONNRESET', message: 'read ECONNRESET',
 * };
 * ```
 */
export interface DisconnectedRecord {
  readonly type: 'disconnected';
  readonly elapsed: number;
  readonly connection: number;
  readonly peer: PeerInfo;
  readonly reason: 'closed' | 'heart-beat' | 'priority';
  readonly connectedFor: number;
  readonly code: string | null;
  readonly message: string | null;
}

/**
 * One `connection$` event as plain data: what `--stay` prints and what its
 * `--json` serializes. The events of a cycle are {@link EventRecord}s with the
 * cycle's `connection` number; a `connected` one also gives the heart-beats
 * kept (`heartBeats`, ms) when some were negotiated. Never a socket, a login or
 * a passcode.
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(stayRecord(event, 12, true)));
 * // {"type":"attempt","elapsed":12,"connection":2,"attempt":1,"peer":{...}}
 * ```
 */
export type StayRecord =
  | (EventRecord & {
      readonly connection: number;
      /** A priority peer's background probe (SPEC §9). */
      readonly probe?: true;
      readonly heartBeats?: HeartBeatIntervals;
    })
  | DisconnectedRecord;

function errorCode(error: Error | null): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * Turns a `connection$` event into its {@link StayRecord}, `elapsed` ms after
 * the run started; `heartBeats` says whether negotiated heart-beats are kept
 * (the run's `heartBeats` option).
 *
 * @example
 * ```ts
 * stayRecord({ type: 'disconnected', connection: 1, peer, error: null, reason: 'closed', connectedFor: 800 }, 812, true);
 * // { type: 'disconnected', elapsed: 812, connection: 1, peer: {...}, reason: 'closed',
 * //   connectedFor: 800, code: null, message: null }
 * ```
 */
export function stayRecord(event: ConnectionEvent, elapsed: number, heartBeats: boolean): StayRecord {
  if (event.type === 'disconnected') {
    const { uri, host, port, tls } = event.peer;
    return {
      type: 'disconnected',
      elapsed,
      connection: event.connection,
      peer: { uri, host, port, tls },
      reason: event.reason,
      connectedFor: event.connectedFor,
      code: errorCode(event.error),
      message: event.error === null ? null : event.error.message,
    };
  }
  const record = eventRecord(event, elapsed);
  const kept = heartBeats && event.type === 'connected' ? negotiatedHeartBeats(event.verified) : undefined;
  // The first keys fix the order JSON shows: type, elapsed, connection, then the rest.
  const head = { type: record.type, elapsed, connection: event.connection };
  return Object.assign(
    head,
    event.probe === true ? { probe: true as const } : {},
    record,
    kept === undefined ? {} : { heartBeats: kept },
  );
}
