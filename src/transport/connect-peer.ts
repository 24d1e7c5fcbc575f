import { Observable, throwError } from 'rxjs';
import type { Peer, Socket } from '../types';
import type { PreparedSockopts } from './sockopts';
import { tcpConnect$ } from './tcp';

/**
 * The default transport: `net.connect` for plain peers, `tls.connect` for TLS
 * peers. STUB for TLS until the TLS issue: a TLS peer fails its attempt.
 *
 * @example
 * ```ts
 * connectPeer$(peer, prepared).subscribe((socket) => socket.end());
 * ```
 */
export function connectPeer$(peer: Peer, prepared: PreparedSockopts): Observable<Socket> {
  if (peer.tls) return throwError(() => new Error('TLS is not available in this build'));
  return tcpConnect$({
    ...prepared.net,
    host: peer.host,
    port: peer.port,
    ...(peer.tcpNoDelay === undefined ? {} : { noDelay: peer.tcpNoDelay }),
    ...(peer.keepAlive === undefined ? {} : { keepAlive: peer.keepAlive }),
  });
}
