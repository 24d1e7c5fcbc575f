import type { TcpNetConnectOpts } from 'node:net';
import type { ConnectionOptions } from 'node:tls';

/**
 * The socket options under Perl's IO::Socket / IO::Socket::SSL names, each
 * with the values it takes (numbers may also be decimal strings, as Perl
 * configuration files hold them).
 *
 * @example
 * ```ts
 * const perl: PerlSockopts = { Timeout: 5, SSL_ca_file: '/etc/stomp/ca.pem', SSL_verify_mode: 1 };
 * ```
 */
export type PerlSockopts = {
  /** Attempt timeout in seconds (connect + TLS handshake), when no `connectionTimeout` applies; 0 = none. */
  readonly Timeout?: number | string;
  /** Local address to bind, `host` or `host:port`. */
  readonly LocalAddr?: string;
  /** Same as `LocalAddr`. */
  readonly LocalHost?: string;
  /** Local port to bind. */
  readonly LocalPort?: number | string;
  /** 4 or 6 (or `AF_INET` / `AF_INET6`). */
  readonly Family?: 4 | 6 | '4' | '6' | 'AF_INET' | 'AF_INET6';
  /** Trusted CAs: one PEM file. */
  readonly SSL_ca_file?: string;
  /** Trusted CAs: every PEM certificate file in a directory. */
  readonly SSL_ca_path?: string;
  /** Client certificate (PEM; may hold the chain and the key). */
  readonly SSL_cert_file?: string;
  /** Client private key (PEM, encrypted or not). */
  readonly SSL_key_file?: string;
  /** Returns the key's passphrase, or a Promise of it. */
  readonly SSL_passwd_cb?: () => string | PromiseLike<string>;
  /** 0 = no peer verification; any other value (default 1) = verify. */
  readonly SSL_verify_mode?: number | string;
  /** SNI name; `''` sends none. */
  readonly SSL_hostname?: string;
  /** The name the certificate must match (default: the peer's host). */
  readonly SSL_verifycn_name?: string;
  /** `'none'` skips the host name check. */
  readonly SSL_verifycn_scheme?: string;
  /** e.g. `TLSv1_2`, `TLSv1_3`, `SSLv23:!TLSv1:!TLSv1_1`. */
  readonly SSL_version?: string;
  /** OpenSSL cipher list (TLS <= 1.2). */
  readonly SSL_cipher_list?: string;
  /** `sha256$HEX` (or `sha1$HEX`, `algo$pub$HEX`), or a list: certificate pinning. */
  readonly SSL_fingerprint?: string | readonly string[];
  /** Ignored (always TCP), as in Perl. */
  readonly Proto?: unknown;
  /** Ignored: the URI decides. */
  readonly PeerAddr?: unknown;
  /** Ignored: the URI decides. */
  readonly PeerHost?: unknown;
  /** Ignored: the URI decides. */
  readonly PeerPort?: unknown;
};

/**
 * The `net` / `tls` connect option names the library passes to Node as they
 * are (the others, such as `host`, `port`, `path`, `socket`, `fd` and
 * `signal`, belong to the URI and the run).
 *
 * @example
 * ```ts
 * const name: NodeSockoptName = 'rejectUnauthorized';
 * ```
 */
export type NodeSockoptName =
  | 'timeout'
  | 'allowHalfOpen'
  | 'noDelay'
  | 'keepAlive'
  | 'keepAliveInitialDelay'
  | 'localAddress'
  | 'localPort'
  | 'family'
  | 'hints'
  | 'lookup'
  | 'autoSelectFamily'
  | 'autoSelectFamilyAttemptTimeout'
  | 'highWaterMark'
  | 'ca'
  | 'cert'
  | 'key'
  | 'passphrase'
  | 'pfx'
  | 'crl'
  | 'ciphers'
  | 'ecdhCurve'
  | 'sigalgs'
  | 'minVersion'
  | 'maxVersion'
  | 'secureProtocol'
  | 'secureOptions'
  | 'clientCertEngine'
  | 'privateKeyEngine'
  | 'privateKeyIdentifier'
  | 'servername'
  | 'rejectUnauthorized'
  | 'checkServerIdentity'
  | 'ALPNProtocols'
  | 'session'
  | 'minDHSize'
  | 'requestOCSP'
  | 'enableTrace'
  | 'pskCallback'
  | 'secureContext';

/** Node's connect options, with the types @types/node gives them (two it types elsewhere). */
type NodeConnectOptions = ConnectionOptions &
  TcpNetConnectOpts & { readonly highWaterMark?: number; readonly requestOCSP?: boolean };

/**
 * Node's own socket options accepted as sockopts, typed as Node types them.
 *
 * @example
 * ```ts
 * const node: NodeSockopts = { rejectUnauthorized: true, minVersion: 'TLSv1.2', noDelay: true };
 * ```
 */
export type NodeSockopts = Readonly<Partial<Pick<NodeConnectOptions, NodeSockoptName>>>;
