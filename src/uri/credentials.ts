import { percentDecode } from './percent-decode';
import { indexIn, type UriSource } from './uri-source';

/**
 * The credentials of a simple URI, percent-decoded, and where its host starts.
 *
 * @example
 * ```ts
 * const { hostFrom, values }: Credentials = parseCredentials(src, 6, 20);
 * ```
 */
export interface Credentials {
  readonly hostFrom: number;
  readonly values: { login?: string; passcode?: string };
}

/**
 * Reads `login[:passcode]@` at the start of the authority `src.raw[from, to)`
 * (the last `@` ends it, so a passcode may hold `@`). A login or passcode
 * that decodes to CR, LF or NUL is a UriError naming the part and masking it
 * (login included): a STOMP CONNECT frame has no escapes, so such a header
 * value would end the header or the frame.
 *
 * @example
 * ```ts
 * const src = createUriSource('tcp://guest:p%40ss@mq');
 * parseCredentials(src, 6, 21); // { hostFrom: 19, values: { login: 'guest', passcode: 'p@ss' } }
 * ```
 */
export function parseCredentials(src: UriSource, from: number, to: number): Credentials {
  let at = -1;
  for (let k = to - 1; k >= from; k--) {
    if (src.raw.charCodeAt(k) === 0x40) {
      at = k;
      break;
    }
  }
  if (at === -1) return { hostFrom: from, values: {} };
  const colon = indexIn(src.raw, ':', from, at);
  const loginTo = colon === -1 ? at : colon;
  const login = percentDecode(src, from, loginTo, 'the login');
  if (breaksFrame(login)) failUnsendable(src, from, loginTo, 'login');
  const values: { login?: string; passcode?: string } = login === '' ? {} : { login };
  if (colon !== -1) {
    const passcode = percentDecode(src, colon + 1, at, 'the passcode');
    if (breaksFrame(passcode)) failUnsendable(src, colon + 1, at, 'passcode');
    values.passcode = passcode;
  }
  return { hostFrom: at + 1, values };
}

/** Whether a header value holds CR, LF or NUL, which end a STOMP header or frame (a CONNECT frame has no escapes). */
const breaksFrame = (value: string): boolean => /[\r\n\0]/.test(value);

/** A credential that cannot be sent: the error names the part, never its text (the login is masked as well). */
function failUnsendable(src: UriSource, from: number, to: number, part: 'login' | 'passcode'): never {
  return src.failHiding(
    from,
    to,
    `the ${part} holds a line break or NUL (decoded from %0A, %0D or %00)`,
    'a STOMP CONNECT header cannot carry it',
  );
}
