import type { ConnectEvent } from '../types';
import { tlsInfo, type TlsInfo } from './tls-info';

/**
 * The broker's answer to CONNECT, as shown (unless `--no-stomp`).
 *
 * @example
 * ```ts
 * const stomp: StompInfo = {
 *   version: '1.2', server: 'RabbitMQ/3.10.8', session: 'session-x1', heartBeat: [0, 0],
 *   headers: { 'heart-beat': '0,0', server: 'RabbitMQ/3.10.8', session: 'session-x1', version: '1.2' },
 * };
 * ```
 */
export interface StompInfo {
  readonly version: string;
  readonly server?: string;
  readonly session?: string;
  readonly heartBeat?: readonly [number, number];
  /**
   * Every header of the CONNECTED frame (sorted by name), as the broker sent
   * it, except `login` and `passcode` should a broker echo them.
   */
  readonly headers?: Readonly<Record<string, string>>;
}

/** CONNECTED headers never copied into a record, whatever their case: a broker may echo credentials. */
const SECRET_HEADERS = new Set(['login', 'passcode']);

/**
 * Whether a CONNECTED header may be shown (STOMP, `--json`): every one
 * but `login` and `passcode` (any case).
 *
 * @example
 * ```ts
 * shownHeader('user-id');  // true
 * shownHeader('passcode'); // false
 * ```
 */
export function shownHeader(name: string): boolean {
  return !SECRET_HEADERS.has(name.toLowerCase());
}

function shownHeaders(headers: unknown): Record<string, string> | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entries = Object.entries(headers as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && shownHeader(entry[0]))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Object.fromEntries defines own properties: a header named __proto__ stays a header.
  return Object.fromEntries(entries);
}

/**
 * The peer, as shown: never any credentials.
 *
 * @example
 * ```ts
 * const peer: PeerInfo = { uri: 'tcp://mq:61613', host: 'mq', port: 61613, tls: false };
 * ```
 */
export interface PeerInfo {
  readonly uri: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
}

/**
 * One timeline event as plain data: what the CLI prints and what `--json`
 * serializes. Built by whitelisting fields, so it never holds a socket, a
 * login or a passcode.
 *
 * @example
 * ```ts
 * const record: EventRecord = eventRecord(event, 12);
 * console.log(JSON.stringify(record)); // {"type":"attempt","elapsed":12,"attempt":1,"peer":{...}}
 * ```
 */
export type EventRecord =
  | { readonly type: 'attempt'; readonly elapsed: number; readonly attempt: number; readonly peer: PeerInfo }
  | {
      readonly type: 'failed';
      readonly elapsed: number;
      readonly attempt: number;
      readonly peer: PeerInfo;
      readonly code: string;
      readonly message: string;
      readonly retryIn: number | null;
    }
  | {
      readonly type: 'connected';
      readonly elapsed: number;
      readonly attempt: number;
      readonly peer: PeerInfo;
      readonly tls?: TlsInfo;
      readonly stomp?: StompInfo;
    };

function stompInfo(verified: unknown): StompInfo | undefined {
  if (typeof verified !== 'object' || verified === null) return undefined;
  const { version, server, session, heartBeat, headers } = verified as Record<string, unknown>;
  if (typeof version !== 'string') return undefined;
  const beats =
    Array.isArray(heartBeat) && heartBeat.length === 2 && heartBeat.every((n) => typeof n === 'number')
      ? (heartBeat as [number, number])
      : undefined;
  const shown = shownHeaders(headers);
  return {
    version,
    ...(typeof server === 'string' && { server }),
    ...(typeof session === 'string' && { session }),
    ...(beats !== undefined && { heartBeat: [beats[0], beats[1]] as const }),
    ...(shown !== undefined && { headers: shown }),
  };
}

/**
 * Turns a {@link ConnectEvent} into its {@link EventRecord}, `elapsed` ms
 * after the run started. A `connected` event's TLS facts are read from its
 * socket; its `verified` value is shown when it looks like `stompHandshake`'s
 * `StompConnected` (its headers without `login` / `passcode`).
 *
 * @example
 * ```ts
 * eventRecord({ type: 'attempt', attempt: 1, peer }, 0);
 * // { type: 'attempt', elapsed: 0, attempt: 1,
 * //   peer: { uri: 'tcp://a:61613', host: 'a', port: 61613, tls: false } }
 * ```
 */
export function eventRecord(event: ConnectEvent, elapsed: number): EventRecord {
  const { uri, host, port, tls } = event.peer;
  const base = { elapsed, attempt: event.attempt, peer: { uri, host, port, tls } };
  switch (event.type) {
    case 'attempt':
      return { type: 'attempt', ...base };
    case 'failed':
      return {
        type: 'failed',
        ...base,
        code: event.error.code,
        message: event.error.message,
        retryIn: event.retryIn,
      };
    case 'connected': {
      const tlsFacts = tlsInfo(event.socket);
      const stomp = stompInfo(event.verified);
      return {
        type: 'connected',
        ...base,
        ...(tlsFacts !== undefined && { tls: tlsFacts }),
        ...(stomp !== undefined && { stomp }),
      };
    }
  }
}
