/**
 * One STOMP frame. Header names and values are decoded (unescaped); when a
 * header is repeated, the first occurrence wins (STOMP 1.2).
 *
 * @example
 * ```ts
 * const frame: StompFrame = { command: 'CONNECTED', headers: { version: '1.2' }, body: Buffer.alloc(0) };
 * ```
 */
export interface StompFrame {
  readonly command: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * What {@link encodeFrame} takes: a command, headers in order, an optional body.
 *
 * @example
 * ```ts
 * const send: StompFrameInput = { command: 'SEND', headers: { destination: '/queue/a' }, body: 'hello' };
 * ```
 */
export interface StompFrameInput {
  readonly command: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', ':': '\\c' };
const UNESCAPES: Readonly<Record<string, string>> = { '\\': '\\', n: '\n', r: '\r', c: ':' };

/**
 * Whether a frame's header names and values are escaped. STOMP 1.2 exempts
 * CONNECTED (and CONNECT, for 1.0 compatibility); we exempt only CONNECTED:
 * CONNECT is sent escaped, as RabbitMQ 3.10 and ActiveMQ 5.17 both decode it
 * (ActiveMQ echoes a `client-id` of `a\cb` as the session `a:b`), while
 * ActiveMQ sends CONNECTED headers raw (`session:ID:host-1:2`).
 *
 * @example
 * ```ts
 * headersEscaped('ERROR');     // true
 * headersEscaped('CONNECTED'); // false
 * ```
 */
export function headersEscaped(command: string): boolean {
  return command !== 'CONNECTED';
}

/**
 * STOMP 1.2 header escaping: `\` → `\\`, LF → `\n`, CR → `\r`, `:` → `\c`.
 *
 * @example
 * ```ts
 * escapeHeader('a:b\\c'); // 'a\\cb\\\\c'
 * ```
 */
export function escapeHeader(text: string): string {
  return text.replace(/[\\\n\r:]/g, (char) => ESCAPES[char] ?? char);
}

/**
 * Reverses {@link escapeHeader}. An undefined escape (`\t`) is kept as
 * written rather than rejected, so that a non-conforming broker's frame still
 * reads.
 *
 * @example
 * ```ts
 * unescapeHeader('a\\cb\\\\c'); // 'a:b\\c'
 * ```
 */
export function unescapeHeader(text: string): string {
  return text.replace(/\\(.?)/gs, (escape, char: string) => UNESCAPES[char] ?? escape);
}

function checkHeader(kind: string, text: string, escaped: boolean): void {
  if (text.includes('\0')) throw new TypeError(`STOMP header ${kind} must not contain a NUL byte`);
  if (!escaped && /[\r\n]/.test(text)) {
    throw new TypeError(`STOMP header ${kind} of a CONNECTED frame must not contain CR or LF`);
  }
}

/**
 * Encodes a frame: command, escaped headers (in insertion order), a blank
 * line, the body, NUL. A non-empty body without a `content-length` header
 * gets one. Throws a `TypeError` for a command that is not upper-case
 * letters, or a header holding a NUL byte (the header's name is given,
 * never its value).
 *
 * @example
 * ```ts
 * encodeFrame({ command: 'CONNECT', headers: { 'accept-version': '1.2', host: '/' } });
 * // Buffer 'CONNECT\naccept-version:1.2\nhost:/\n\n\0'
 * ```
 */
export function encodeFrame(frame: StompFrameInput): Buffer {
  if (!/^[A-Z]+$/.test(frame.command))
    throw new TypeError(`invalid STOMP command ${JSON.stringify(frame.command)}`);
  const escaped = headersEscaped(frame.command);
  const body = frame.body === undefined ? Buffer.alloc(0) : Buffer.from(frame.body);
  const headers: Record<string, string> = { ...frame.headers };
  if (body.length > 0 && !Object.hasOwn(headers, 'content-length'))
    headers['content-length'] = String(body.length);
  const lines = [frame.command];
  for (const [name, value] of Object.entries(headers)) {
    checkHeader(JSON.stringify(name), name, escaped);
    checkHeader(JSON.stringify(name), value, escaped);
    if (!escaped && name.includes(':'))
      throw new TypeError(`STOMP header name ${JSON.stringify(name)} has a colon`);
    lines.push(escaped ? `${escapeHeader(name)}:${escapeHeader(value)}` : `${name}:${value}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\n')}\n\n`, 'utf8'), body, Buffer.from([0])]);
}
