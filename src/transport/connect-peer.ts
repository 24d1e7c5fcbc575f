import type { NetConnectOpts } from 'node:net';
import { Observable, type Observer, type Unsubscribable } from 'rxjs';
import type { Peer, Socket } from '../types';
import type { PreparedSockopts } from './prepare-sockopts';
import { tcpConnect } from './tcp';
import { tlsConnect } from './tls';
import { tlsConnectRequest } from './tls-options';

/**
 * The default transport: `net.connect` for plain peers, `tls.connect` for
 * TLS peers (emitting after the handshake and verification). The peer's
 * `tcpNoDelay` / `keepAlive` URI options win over the sockopts'. Emits the
 * socket once, then completes; unsubscribing before that destroys it.
 *
 * @example
 * ```ts
 * prepareSockopts$(checkSockopts(sockopts, plan))
 *   .pipe(switchMap((prepared) => connectPeer$(plan.peers[0], prepared)))
 *   .subscribe((socket) => socket.end());
 * ```
 */
export function connectPeer$(peer: Peer, prepared: PreparedSockopts): Observable<Socket> {
  return new Observable<Socket>((subscriber) => connectPeer(peer, prepared, subscriber));
}

/**
 * {@link connectPeer$} without the Observable around it: opens the connection
 * at once, reports to `observer` and returns what cancels it (what a
 * `connect$` attempt uses). Throws what `net.connect` / `tls.connect` throw.
 *
 * @example
 * ```ts
 * const cancel = connectPeer(peer, prepared, { next: use, error: report, complete: () => {} });
 * cancel.unsubscribe(); // destroys the socket being opened
 * ```
 */
export function connectPeer(
  peer: Peer,
  prepared: PreparedSockopts,
  observer: Observer<Socket>,
): Unsubscribable {
  if (peer.tls) return tlsConnect(tlsConnectRequest(peer, prepared), observer);
  const options: NetConnectOpts = { ...prepared.net, host: peer.host, port: peer.port };
  if (peer.tcpNoDelay !== undefined) options.noDelay = peer.tcpNoDelay;
  if (peer.keepAlive !== undefined) options.keepAlive = peer.keepAlive;
  return tcpConnect(options, observer);
}
