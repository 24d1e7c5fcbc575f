import { shownHeader, type EventRecord, type StompInfo } from './event-record';
import type { Style } from './style';
import type { TlsInfo } from './tls-info';
import { hostPort } from '../errors/attempt-error';
import { printable } from './printable';

/** The program name that prefixes the CLI's error lines. */
const PROGRAM = 'stomp-connect';

/**
 * The timeline's time column: ms since the run started.
 *
 * @example
 * ```ts
 * formatElapsed(12); // '+12ms'
 * ```
 */
export function formatElapsed(elapsed: number): string {
  return `+${Math.max(0, Math.round(elapsed))}ms`;
}

/**
 * A wait, for people: ms below a second, else seconds (one decimal at most).
 *
 * @example
 * ```ts
 * formatDuration(250);   // '250 ms'
 * formatDuration(2500);  // '2.5 s'
 * formatDuration(30000); // '30 s'
 * ```
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * Why an attempt failed, short: the error code, and the cause's own words
 * when they say more than the code (`ECONNREFUSED`, but
 * `ETIMEDOUT (timed out after 1000 ms)`); only the words when there is no code
 * of its own (`ERR_STOMP_ATTEMPT`).
 *
 * @example
 * ```ts
 * failureReason({ code: 'ECONNREFUSED', message: 'cannot connect to a:1: connect ECONNREFUSED 10.0.0.1:1',
 *                 peer: { host: 'a', port: 1 } }); // 'ECONNREFUSED'
 * ```
 */
export function failureReason(failure: {
  readonly code: string;
  readonly message: string;
  readonly peer: { readonly host: string; readonly port: number };
}): string {
  const { code, message } = failure;
  const where = hostPort(failure.peer);
  const prefixes = [`cannot connect to ${where}: `, `cannot SSL connect to ${where}: `];
  const prefix = prefixes.find((text) => message.startsWith(text));
  const reason = printable(prefix === undefined ? message : message.slice(prefix.length));
  if (code === 'ERR_STOMP_ATTEMPT') return reason;
  if (reason === '' || new RegExp(`\\b${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(reason))
    return code;
  return `${code} (${reason})`;
}

function tlsSummary(tls: TlsInfo, style: Style): string {
  const facts = [tls.protocol ?? 'TLS', tls.cipher ?? ''].filter((text) => text !== '').map(printable);
  const verdict = tls.authorized
    ? style.green('authorized')
    : style.yellow(
        `not authorized${tls.authorizationError === undefined ? '' : ` (${printable(tls.authorizationError)})`}`,
      );
  return [...facts, verdict].join(' ');
}

function certificateLine(tls: TlsInfo): string | undefined {
  const parts = [
    ...(tls.subject === undefined ? [] : [`CN=${printable(tls.subject)}`]),
    ...(tls.validTo === undefined ? [] : [`expires ${printable(tls.validTo)}`]),
  ];
  return parts.length === 0 ? undefined : `certificate ${parts.join(', ')}`;
}

function stompLine(stomp: StompInfo): string {
  const parts = [
    `STOMP ${printable(stomp.version)}`,
    ...(stomp.server === undefined ? [] : [`server ${printable(stomp.server)}`]),
    ...(stomp.session === undefined ? [] : [`session ${printable(stomp.session)}`]),
    ...(stomp.heartBeat === undefined || (stomp.heartBeat[0] === 0 && stomp.heartBeat[1] === 0)
      ? []
      : [`heart-beat ${stomp.heartBeat[0]},${stomp.heartBeat[1]}`]),
  ];
  return parts.join(', ');
}

/** CONNECTED headers the STOMP line already shows. */
const ON_STOMP_LINE = new Set(['version', 'server', 'session', 'heart-beat']);

/** The CONNECTED headers the STOMP line does not show (`user-id`, a broker's own), sorted by name. */
function headersLine(stomp: StompInfo): string | undefined {
  const rest = Object.entries(stomp.headers ?? {})
    .filter(([name]) => !ON_STOMP_LINE.has(name) && shownHeader(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${printable(name)}:${printable(value)}`);
  return rest.length === 0 ? undefined : `headers ${rest.join(', ')}`;
}

function nextAttempt(retryIn: number | null): string {
  if (retryIn === null) return 'no more attempts';
  return retryIn === 0 ? 'next attempt now' : `next attempt in ${formatDuration(retryIn)}`;
}

/**
 * One event of the timeline, for people. The first line is the event; a
 * `connected` event may add indented lines for the broker's certificate and
 * its STOMP answer (the CONNECTED frame's version, server, session and
 * heart-beat, then a `headers` line with its other headers, if any). No
 * trailing newline.
 *
 * @example
 * ```ts
 * formatRecord({ type: 'attempt', elapsed: 0, attempt: 1,
 *                peer: { uri: 'tcp://a:61613', host: 'a', port: 61613, tls: false } }, createStyle(false));
 * // '+0ms attempt 1 tcp://a:61613'
 * ```
 */
export function formatRecord(record: EventRecord, style: Style): string {
  const time = formatElapsed(record.elapsed);
  const head = `${style.dim(time)} `;
  const where = `${record.attempt} ${printable(record.peer.uri)}`;
  switch (record.type) {
    case 'attempt':
      return `${head}${style.cyan('attempt')} ${where}`;
    case 'failed':
      return `${head}${style.red('failed')} ${where} ${failureReason(record)} — ${nextAttempt(record.retryIn)}`;
    case 'connected': {
      const first = [`${head}${style.green(style.bold('connected'))} ${where}`];
      if (record.tls !== undefined) first.push(tlsSummary(record.tls, style));
      const indent = ' '.repeat(time.length + 1);
      const more = [
        ...(record.tls === undefined ? [] : [certificateLine(record.tls)]),
        ...(record.stomp === undefined ? [] : [stompLine(record.stomp), headersLine(record.stomp)]),
      ].filter((line): line is string => line !== undefined);
      return [first.join(' '), ...more.map((line) => indent + line)].join('\n');
    }
  }
}

/**
 * The notice shown while a long wait runs.
 *
 * @example
 * ```ts
 * formatWaiting(2012, 27600, createStyle(false)); // '+2012ms waiting: next attempt in 28 s'
 * ```
 */
export function formatWaiting(elapsed: number, remaining: number, style: Style): string {
  const seconds = Math.max(1, Math.ceil(remaining / 1000));
  return `${style.dim(formatElapsed(elapsed))} ${style.yellow(`waiting: next attempt in ${seconds} s`)}`;
}

/**
 * An error as the CLI's one stderr line: the program name and the message,
 * with line breaks and control characters made visible, never a stack.
 *
 * @example
 * ```ts
 * formatError('cannot connect to a:1: connect ECONNREFUSED 10.0.0.1:1 (1 attempt)');
 * // 'stomp-connect: cannot connect to a:1: connect ECONNREFUSED 10.0.0.1:1 (1 attempt)'
 * ```
 */
export function formatError(message: string): string {
  return `${PROGRAM}: ${printable(message.replace(/\s*\r?\n\s*/g, ' ').trim())}`;
}
