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
 * Whether a frame's header names and values are escaped. STOMP 1.2: "The
 * CONNECT and CONNECTED frames do not escape the carriage return, line feed
 * or colon octets in order to remain backward compatible with STOMP 1.0";
 * every other frame does. Brokers differ (Artemis reads CONNECT literally,
 * RabbitMQ and ActiveMQ unescape it anyway): we follow the standard.
 *
 * @example
 * ```ts
 * headersEscaped('ERROR');     // true
 * headersEscaped('CONNECT');   // false
 * headersEscaped('CONNECTED'); // false
 * ```
 */
export function headersEscaped(command: string): boolean {
  return command !== 'CONNECT' && command !== 'CONNECTED';
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

/** Refuses what a header line cannot carry; names the header, never shows a value. */
function checkHeader(command: string, name: string, value: string, escaped: boolean): void {
  const shown = JSON.stringify(name);
  if (name === '') throw new TypeError(`STOMP header name ${shown} is empty`);
  for (const text of [name, value]) {
    if (text.includes('\0')) throw new TypeError(`STOMP header ${shown} must not contain a NUL byte`);
    if (!escaped && /[\r\n]/.test(text)) {
      throw new TypeError(
        `STOMP header ${shown} of a ${command} frame must not contain CR or LF (${command} headers are not escaped)`,
      );
    }
  }
  if (!escaped && name.includes(':')) {
    throw new TypeError(
      `STOMP header name ${shown} of a ${command} frame has a colon (${command} headers are not escaped)`,
    );
  }
}

/**
 * Encodes a frame: command, headers in insertion order (escaped, except in
 * CONNECT and CONNECTED frames: see {@link headersEscaped}), a blank line,
 * the body, NUL. A non-empty body without a `content-length` header gets
 * one. Throws a `TypeError` for a command that is not upper-case letters, an
 * empty header name, a NUL in a header, or, in CONNECT and CONNECTED frames,
 * a CR or LF in a header or a colon in its name (the header's name is given,
 * never its value).
 *
 * @example
 * ```ts
 * encodeFrame({ command: 'CONNECT', headers: { 'accept-version': '1.2', host: '::1', passcode: 'pa:ss' } });
 * // Buffer 'CONNECT\naccept-version:1.2\nhost:::1\npasscode:pa:ss\n\n\0'
 * encodeFrame({ command: 'SEND', headers: { destination: '/queue/a:b' } });
 * // Buffer 'SEND\ndestination:/queue/a\\cb\n\n\0'
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
    checkHeader(frame.command, name, value, escaped);
    lines.push(escaped ? `${escapeHeader(name)}:${escapeHeader(value)}` : `${name}:${value}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\n')}\n\n`, 'utf8'), body, Buffer.from([0])]);
}
