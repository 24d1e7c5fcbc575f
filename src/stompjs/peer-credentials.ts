import type { Peer } from '../types';

const LF = 0x0a;

/** The header lines of a frame's head (`CONNECT\nlogin:x\n\n`), or `undefined` if the blank line is not in `frame`. */
function headerNames(frame: Buffer, from: number): string[] | undefined {
  const names: string[] = [];
  for (let at = from; at < frame.length;) {
    const lf = frame.indexOf(LF, at);
    if (lf < 0) return undefined;
    const line = frame.toString('utf8', at, frame[lf - 1] === 0x0d ? lf - 1 : lf);
    if (line === '') return names;
    names.push(line.slice(0, line.indexOf(':')));
    at = lf + 1;
  }
  return undefined;
}

/**
 * stompjs's CONNECT frame with the connected peer's URI credentials filled
 * in, when the URI has them and the frame has neither a `login` nor a
 * `passcode` header: so each broker of a failover URI gets its own
 * credentials, and stompjs's `connectHeaders` still win when set. Any other
 * frame, or a CONNECT whose head is not whole, is returned as it is. Header
 * values go out as written (STOMP 1.2 does not escape CONNECT).
 *
 * @example
 * ```ts
 * withPeerCredentials(Buffer.from('CONNECT\naccept-version:1.2\n\n\0'), parseUri('tcp://u:p@mq').peers[0]!);
 * // 'CONNECT\nlogin:u\npasscode:p\naccept-version:1.2\n\n\0'
 * ```
 */
export function withPeerCredentials(frame: Buffer, peer: Peer): Buffer {
  const { login, passcode } = peer;
  if (login === undefined && passcode === undefined) return frame;
  const firstLf = frame.indexOf(LF);
  if (firstLf < 0) return frame;
  const command = frame.toString('latin1', 0, frame[firstLf - 1] === 0x0d ? firstLf - 1 : firstLf);
  if (command !== 'CONNECT' && command !== 'STOMP') return frame;
  const names = headerNames(frame, firstLf + 1);
  if (names === undefined || names.includes('login') || names.includes('passcode')) return frame;
  let lines = '';
  if (login !== undefined) lines += `login:${login}\n`;
  if (passcode !== undefined) lines += `passcode:${passcode}\n`;
  return Buffer.concat([
    frame.subarray(0, firstLf + 1),
    Buffer.from(lines, 'utf8'),
    frame.subarray(firstLf + 1),
  ]);
}
