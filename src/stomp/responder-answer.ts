import { encodeFrame, type StompFrame } from './frame';

/**
 * How a {@link startStompResponder} answers CONNECT (and STOMP) frames.
 *
 * @example
 * ```ts
 * const slowRabbit: StompResponderOptions = { vhost: '/', login: 'guest', passcode: 'guest', chunkSize: 1 };
 * ```
 */
export interface StompResponderOptions {
  /** Address to listen on; default `'127.0.0.1'`. */
  readonly host?: string;
  /** Port; default 0 (any free port, see the result's `port`). */
  readonly port?: number;
  /**
   * `'connected'` (default): CONNECTED, unless `login`/`passcode`/`vhost` refuse;
   * `'error'`: an ERROR frame, then close; `'close'`: close without a word;
   * `'silent'`: never answer (an attempt timeout's case).
   */
  readonly answer?: 'connected' | 'error' | 'close' | 'silent';
  /** When set, a CONNECT with another login or passcode gets RabbitMQ's ERROR. */
  readonly login?: string;
  readonly passcode?: string;
  /** When set, a CONNECT whose `host` header differs gets RabbitMQ's vhost ERROR. */
  readonly vhost?: string;
  /** `message` header and body of the ERROR frame for `answer: 'error'`. */
  readonly errorMessage?: string;
  readonly errorBody?: string;
  /** CONNECTED's `server` header; default `'stomp-responder/1.0'`. */
  readonly server?: string;
  /** CONNECTED's `heart-beat` header; default `[0, 0]`. */
  readonly heartBeat?: readonly [number, number];
  /** Send EOLs at the interval `heartBeat` and the client's CONNECT negotiate; default false (a silent broker). */
  readonly keepHeartBeats?: boolean;
  /** Write the answer this many bytes at a time (1: a byte at a time); default: in one write. */
  readonly chunkSize?: number;
  /** ms between those writes; default 0 (the next turn of the event loop). */
  readonly chunkDelay?: number;
  /** Bytes written just before the answer, e.g. `'\n\n'` (heart-beat EOLs). */
  readonly before?: string | Uint8Array;
  /** Bytes written with CONNECTED, just after its NUL, e.g. an encoded MESSAGE frame. */
  readonly after?: string | Uint8Array;
  /** Line endings of the answer's command and headers; default `'\n'`. */
  readonly eol?: '\n' | '\r\n';
}

const VERSIONS = ['1.2', '1.1', '1.0'];

/**
 * Rewrites a frame's command and header lines with `eol` (the body is kept).
 *
 * @example
 * ```ts
 * withEol(encodeFrame({ command: 'CONNECTED' }), '\r\n'); // 'CONNECTED\r\n\r\n\0'
 * ```
 */
export function withEol(frame: Buffer, eol: '\n' | '\r\n'): Buffer {
  if (eol === '\n') return frame;
  const headEnd = frame.indexOf('\n\n') + 2;
  const head = frame.subarray(0, headEnd).toString('utf8').replace(/\n/g, '\r\n');
  return Buffer.concat([Buffer.from(head, 'utf8'), frame.subarray(headEnd)]);
}

/**
 * An ERROR frame as RabbitMQ writes it: `message`, `content-type: text/plain`, a content-length body.
 *
 * @example
 * ```ts
 * errorFrame('Bad CONNECT', "Virtual host '/x' access denied");
 * ```
 */
export function errorFrame(message: string, body: string): Buffer {
  return encodeFrame({ command: 'ERROR', headers: { message, 'content-type': 'text/plain' }, body });
}

/**
 * The responder's answer to one CONNECT frame, and whether to close the
 * connection after it: RabbitMQ's ERROR frames for a wrong vhost, login or
 * passcode, else CONNECTED with the highest version both sides accept.
 *
 * @example
 * ```ts
 * const connect = { command: 'CONNECT', headers: { host: '127.0.0.1' }, body: Buffer.alloc(0) };
 * responderAnswer(connect, { vhost: '/' }).bytes.toString();
 * // "ERROR\nmessage:Bad CONNECT\n...Virtual host '127.0.0.1' access denied\0"
 * ```
 */
export function responderAnswer(
  connect: StompFrame,
  options: StompResponderOptions,
): { bytes: Buffer; close: boolean } {
  const refuse = (body: string): { bytes: Buffer; close: boolean } => ({
    bytes: errorFrame('Bad CONNECT', body),
    close: true,
  });
  const { headers } = connect;
  if (options.answer === 'error') {
    return { bytes: errorFrame(options.errorMessage ?? 'Bad CONNECT', options.errorBody ?? ''), close: true };
  }
  if (options.vhost !== undefined && headers.host !== options.vhost) {
    return refuse(`Virtual host '${headers.host ?? ''}' access denied`);
  }
  const wrongLogin = options.login !== undefined && headers.login !== options.login;
  if (wrongLogin || (options.passcode !== undefined && headers.passcode !== options.passcode)) {
    return refuse(`Access refused for user '${headers.login ?? ''}'\n`);
  }
  const accepted = (headers['accept-version'] ?? '1.0').split(',').map((version) => version.trim());
  const version = VERSIONS.find((candidate) => accepted.includes(candidate));
  if (version === undefined) return refuse(`Supported protocol versions are ${VERSIONS.join(',')}`);
  const [sx, sy] = options.heartBeat ?? [0, 0];
  const connected = encodeFrame({
    command: 'CONNECTED',
    headers: {
      version,
      server: options.server ?? 'stomp-responder/1.0',
      session: `session-${Math.random().toString(36).slice(2, 10)}`,
      'heart-beat': `${sx},${sy}`,
    },
  });
  const after = options.after === undefined ? Buffer.alloc(0) : Buffer.from(options.after);
  return { bytes: Buffer.concat([connected, after]), close: false };
}
