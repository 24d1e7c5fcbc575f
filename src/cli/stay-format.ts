import type { HeartBeatIntervals } from '../heart-beats';
import { formatDuration, formatElapsed, formatRecord } from './format';
import { printable } from './printable';
import type { DisconnectedRecord, StayRecord } from './stay-record';
import type { Style } from './style';

/**
 * The heart-beats a connection keeps, for people.
 *
 * @example
 * ```ts
 * heartBeatLine({ outgoing: 10000, incoming: 5000 });
 * // 'heart-beats: sending every 10 s, the broker every 5 s (over 10 s of silence ends the connection)'
 * ```
 */
export function heartBeatLine({ outgoing, incoming }: HeartBeatIntervals): string {
  const parts = [
    ...(outgoing > 0 ? [`sending every ${formatDuration(outgoing)}`] : []),
    ...(incoming > 0
      ? [
          `the broker every ${formatDuration(incoming)} (over ${formatDuration(2 * incoming)} of silence ends the connection)`,
        ]
      : []),
  ];
  return `heart-beats: ${parts.join(', ')}`;
}

function why(record: DisconnectedRecord): string {
  switch (record.reason) {
    case 'heart-beat':
      return 'heart-beat timeout';
    case 'priority':
      return 'replaced by a priority peer';
    case 'closed':
      return record.code === null ? 'closed' : `closed (${printable(record.code)})`;
  }
}

/**
 * One `--stay` event, for people: the timeline's line with the cycle after
 * the time (`+12ms connection 2: attempt 1 tcp://a:61613`; a priority
 * peer's probe: `+300ms connection 2, probe: attempt 1 tcp://a:61613`); a `connected`
 * event adds an indented `heart-beats` line when some are kept; a
 * `disconnected` event says why and how long the connection lasted
 * (`— closed (ECONNRESET) after 5 s`, `— heart-beat timeout after 1.2 s`).
 *
 * @example
 * ```ts
 * formatStayRecord(stayRecord(event, 5012, true), createStyle(false));
 * // '+5012ms connection 1: disconnected tcp://a:61613 — closed after 5 s'
 * ```
 */
export function formatStayRecord(record: StayRecord, style: Style): string {
  const time = formatElapsed(record.elapsed);
  const head = `${style.dim(time)} `;
  const probe = record.type !== 'disconnected' && record.probe === true ? ', probe' : '';
  const cycle = `connection ${record.connection}${probe}: `;
  if (record.type === 'disconnected') {
    const lasted = `after ${formatDuration(record.connectedFor)}`;
    return `${head}${cycle}${style.yellow('disconnected')} ${record.peer.uri} — ${why(record)} ${lasted}`;
  }
  const text = formatRecord(record, style);
  const lines = [head + cycle + text.slice(head.length)];
  if (record.type === 'connected' && record.heartBeats !== undefined) {
    lines.push(' '.repeat(time.length + 1) + heartBeatLine(record.heartBeats));
  }
  return lines.join('\n');
}
