import { isIP } from 'node:net';
import { checkServerIdentity, type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { Peer } from '../types';
import type { TlsSettings } from './sockopt-settings';
import { fingerprintMismatch, matchesFingerprint } from './fingerprint';
import type { PreparedSockopts } from './prepare-sockopts';
import type { TlsConnectRequest } from './tls';

/** The settings of sockopts that say nothing about TLS: verify everything. */
const DEFAULT_TLS: TlsSettings = Object.freeze({
  caFile: undefined,
  caPath: undefined,
  certFile: undefined,
  keyFile: undefined,
  context: Object.freeze({}),
  connect: Object.freeze({}),
  verify: true,
  servername: undefined,
  verifyName: undefined,
  checkHostName: checkServerIdentity,
  fingerprints: Object.freeze([]),
});

/** The error of a certificate Node let through unverified while we verify (a safety net). */
function notAuthorized(socket: TLSSocket): Error {
  const reason: unknown = socket.authorizationError;
  const code =
    reason instanceof Error ? ((reason as { code?: string }).code ?? reason.message) : String(reason);
  const error = new Error(`the certificate was not verified (${code})`) as Error & { code: string };
  error.code = code;
  return error;
}

/**
 * The `tls.connect` request for one peer: the run's TLS context, SNI (the
 * peer's host name unless `SSL_hostname` says otherwise; never an IP
 * address), verification of the chain and of the host name
 * (`SSL_verifycn_name`, default: the SNI name, else the peer's host;
 * `SSL_verifycn_scheme` `'none'` skips it), or fingerprint pinning, which
 * replaces verification: a matching certificate is accepted even if its
 * chain does not verify, any other is refused.
 *
 * @example
 * ```ts
 * tlsConnect$(tlsConnectRequest(peer, prepared)).subscribe((socket) => socket.end());
 * ```
 */
export function tlsConnectRequest(peer: Peer, prepared: PreparedSockopts): TlsConnectRequest {
  const tls = prepared.tls ?? DEFAULT_TLS;
  const named = tls.servername === undefined || tls.servername === '' ? undefined : tls.servername;
  const sni = tls.servername === '' ? undefined : (named ?? peer.host);
  const servername = sni !== undefined && isIP(sni) === 0 ? sni : undefined;
  const verifyName = tls.verifyName ?? named ?? peer.host;
  const pins = tls.fingerprints;
  const check = tls.checkHostName;
  const options: ConnectionOptions = {
    ...prepared.net,
    ...tls.connect,
    host: peer.host,
    port: peer.port,
    ...(servername === undefined ? {} : { servername }),
    ...(prepared.secureContext === undefined ? {} : { secureContext: prepared.secureContext }),
    // Pinning decides by itself, after the handshake; otherwise Node refuses what fails verification.
    rejectUnauthorized: tls.verify && pins.length === 0,
    // Node calls this only for a chain that verified; it makes `socket.authorized` tell the truth.
    checkServerIdentity: (_name, cert) => (check === null ? undefined : check(verifyName, cert)),
  };
  const accept = (socket: TLSSocket): Error | undefined => {
    if (pins.length > 0) {
      const cert = socket.getPeerCertificate();
      return matchesFingerprint(cert, pins) ? undefined : fingerprintMismatch(cert, pins);
    }
    return tls.verify && !socket.authorized ? notAuthorized(socket) : undefined;
  };
  return {
    options,
    noDelay: peer.tcpNoDelay ?? prepared.net.noDelay,
    keepAlive: peer.keepAlive ?? prepared.net.keepAlive,
    keepAliveInitialDelay: prepared.net.keepAliveInitialDelay,
    accept,
  };
}
