/**
 * Every socket option name `checkSockopts` accepts, with what it maps to.
 * One table drives the checks, the "TLS only" rule, the redaction of secrets
 * and the README's sockopts table, so they cannot drift apart.
 */

/**
 * Where an accepted sockopt takes effect.
 *
 * @example
 * ```ts
 * SOCKOPT_DEFS.get('LocalPort')?.layer; // 'net'
 * ```
 */
export type SockoptLayer =
  /** Used by the run itself (the attempt timeout). */
  | 'run'
  /** A `net.connect` option, for TCP and TLS peers alike. */
  | 'net'
  /** A `tls.createSecureContext` option (built once per run). */
  | 'context'
  /** A `tls.connect` option, or our certificate / host name verification. */
  | 'connect'
  /** Accepted without effect: the peer decides it, as in Perl. */
  | 'ignored';

/**
 * The form of value a sockopt takes (see `sockopt-values.ts`).
 *
 * @example
 * ```ts
 * SOCKOPT_DEFS.get('Timeout')?.type; // 'seconds'
 * ```
 */
export type SockoptType =
  | 'seconds'
  | 'localAddr'
  | 'ip'
  | 'port'
  | 'perlFamily'
  | 'nodeFamily'
  | 'path'
  | 'function'
  | 'verifyMode'
  | 'string'
  | 'name'
  | 'verifyScheme'
  | 'sslVersion'
  | 'fingerprints'
  | 'boolean'
  | 'timerMs'
  | 'attemptMs'
  | 'byteCount'
  | 'positive'
  | 'dnsHints'
  | 'keepAliveDelay'
  | 'integer'
  | 'pem'
  | 'keys'
  | 'tlsVersion'
  | 'alpn'
  | 'buffer'
  | 'secureContext'
  | 'ignoredValue';

/**
 * One accepted socket option.
 *
 * @example
 * ```ts
 * const def: SockoptDef | undefined = SOCKOPT_DEFS.get('SSL_passwd_cb');
 * def?.secret; // true
 * ```
 */
export interface SockoptDef {
  readonly name: string;
  /** An IO::Socket / IO::Socket::SSL name (else one of Node's own). */
  readonly perl: boolean;
  /** Only meaningful for TLS peers: a SockoptError when no peer is TLS. */
  readonly tls: boolean;
  readonly layer: SockoptLayer;
  /** The Node option it sets (for Node's names: itself). */
  readonly node: string;
  readonly type: SockoptType;
  /** Never shown: not in messages, `util.inspect` or `JSON.stringify`. */
  readonly secret: boolean;
  readonly meaning: string;
}

type Row = [name: string, layer: SockoptLayer, node: string, type: SockoptType, meaning: string];

const PERL_ROWS: readonly Row[] = [
  [
    'Timeout',
    'run',
    '(attempt timeout)',
    'seconds',
    'attempt timeout in seconds (connect + TLS handshake); 0 = none',
  ],
  [
    'LocalAddr',
    'net',
    'localAddress, localPort',
    'localAddr',
    'local address to bind, `host` or `host:port`',
  ],
  ['LocalHost', 'net', 'localAddress, localPort', 'localAddr', 'same as LocalAddr'],
  ['LocalPort', 'net', 'localPort', 'port', 'local port to bind'],
  ['Family', 'net', 'family', 'perlFamily', '4 or 6 (or AF_INET / AF_INET6)'],
  ['Proto', 'ignored', '—', 'ignoredValue', 'ignored (always TCP)'],
  ['PeerAddr', 'ignored', '—', 'ignoredValue', 'ignored (the URI decides)'],
  ['PeerHost', 'ignored', '—', 'ignoredValue', 'ignored (the URI decides)'],
  ['PeerPort', 'ignored', '—', 'ignoredValue', 'ignored (the URI decides)'],
];

const PERL_TLS_ROWS: readonly Row[] = [
  ['SSL_ca_file', 'context', 'ca', 'path', 'trusted CAs: one PEM file'],
  ['SSL_ca_path', 'context', 'ca', 'path', 'trusted CAs: every PEM certificate file in a directory'],
  ['SSL_cert_file', 'context', 'cert', 'path', 'client certificate (PEM, may hold the chain and the key)'],
  ['SSL_key_file', 'context', 'key', 'path', 'client private key (PEM, may be encrypted)'],
  ['SSL_passwd_cb', 'context', 'passphrase', 'function', "returns the key's passphrase, or a Promise of it"],
  [
    'SSL_verify_mode',
    'connect',
    'rejectUnauthorized',
    'verifyMode',
    '0 = no verification; other values verify',
  ],
  ['SSL_hostname', 'connect', 'servername', 'string', "SNI name; '' sends none (never sent for IPs)"],
  ['SSL_verifycn_name', 'connect', 'checkServerIdentity', 'name', 'the name the certificate must match'],
  [
    'SSL_verifycn_scheme',
    'connect',
    'checkServerIdentity',
    'verifyScheme',
    "'none' skips the host name check",
  ],
  ['SSL_version', 'context', 'minVersion, maxVersion', 'sslVersion', 'e.g. TLSv1_2, SSLv23:!TLSv1:!TLSv1_1'],
  ['SSL_cipher_list', 'context', 'ciphers', 'string', 'OpenSSL cipher list (TLS <= 1.2)'],
  [
    'SSL_fingerprint',
    'connect',
    '(certificate pinning)',
    'fingerprints',
    'sha256$HEX or sha1$HEX, or a list',
  ],
];

const NODE_NET_ROWS: readonly Row[] = [
  ['timeout', 'net', 'timeout', 'timerMs', 'idle timeout (ms) set on the socket, as in Node'],
  ['allowHalfOpen', 'net', 'allowHalfOpen', 'boolean', ''],
  ['noDelay', 'net', 'noDelay', 'boolean', 'TCP_NODELAY (a URI tcpNoDelay wins)'],
  ['keepAlive', 'net', 'keepAlive', 'boolean', 'SO_KEEPALIVE (a URI keepAlive wins)'],
  [
    'keepAliveInitialDelay',
    'net',
    'keepAliveInitialDelay',
    'keepAliveDelay',
    "ms idle before the first keepalive probe, whole seconds (1000 to 32767000); 0 = the system's",
  ],
  ['localAddress', 'net', 'localAddress', 'ip', ''],
  ['localPort', 'net', 'localPort', 'port', ''],
  ['family', 'net', 'family', 'nodeFamily', ''],
  ['hints', 'net', 'hints', 'dnsHints', ''],
  ['lookup', 'net', 'lookup', 'function', ''],
  ['autoSelectFamily', 'net', 'autoSelectFamily', 'boolean', ''],
  ['autoSelectFamilyAttemptTimeout', 'net', 'autoSelectFamilyAttemptTimeout', 'attemptMs', ''],
  ['highWaterMark', 'net', 'highWaterMark', 'byteCount', ''],
];

const NODE_TLS_ROWS: readonly Row[] = [
  ['ca', 'context', 'ca', 'pem', ''],
  ['cert', 'context', 'cert', 'pem', ''],
  ['key', 'context', 'key', 'keys', ''],
  ['passphrase', 'context', 'passphrase', 'string', ''],
  ['pfx', 'context', 'pfx', 'keys', ''],
  ['crl', 'context', 'crl', 'pem', ''],
  ['ciphers', 'context', 'ciphers', 'string', ''],
  ['ecdhCurve', 'context', 'ecdhCurve', 'string', ''],
  ['sigalgs', 'context', 'sigalgs', 'string', ''],
  ['minVersion', 'context', 'minVersion', 'tlsVersion', ''],
  ['maxVersion', 'context', 'maxVersion', 'tlsVersion', ''],
  ['secureProtocol', 'context', 'secureProtocol', 'string', ''],
  ['secureOptions', 'context', 'secureOptions', 'integer', ''],
  ['clientCertEngine', 'context', 'clientCertEngine', 'string', ''],
  ['privateKeyEngine', 'context', 'privateKeyEngine', 'string', ''],
  ['privateKeyIdentifier', 'context', 'privateKeyIdentifier', 'string', ''],
  ['servername', 'connect', 'servername', 'string', ''],
  ['rejectUnauthorized', 'connect', 'rejectUnauthorized', 'boolean', ''],
  ['checkServerIdentity', 'connect', 'checkServerIdentity', 'function', ''],
  ['ALPNProtocols', 'connect', 'ALPNProtocols', 'alpn', ''],
  ['session', 'connect', 'session', 'buffer', ''],
  ['minDHSize', 'connect', 'minDHSize', 'positive', ''],
  ['requestOCSP', 'connect', 'requestOCSP', 'boolean', ''],
  ['enableTrace', 'connect', 'enableTrace', 'boolean', ''],
  ['pskCallback', 'connect', 'pskCallback', 'function', ''],
  [
    'secureContext',
    'connect',
    'secureContext',
    'secureContext',
    'a ready TLS context (then no other context option)',
  ],
];

/** Values that must never be shown anywhere. */
const SECRETS: ReadonlySet<string> = new Set(['SSL_passwd_cb', 'passphrase', 'key', 'pfx']);

function defs(rows: readonly Row[], perl: boolean, tls: boolean): SockoptDef[] {
  return rows.map(([name, layer, node, type, meaning]) =>
    Object.freeze({ name, perl, tls, layer, node, type, secret: SECRETS.has(name), meaning }),
  );
}

/**
 * Every accepted sockopt, by name (names are case-sensitive, as Perl's hash
 * keys).
 *
 * @example
 * ```ts
 * SOCKOPT_DEFS.get('SSL_ca_file')?.node; // 'ca'
 * SOCKOPT_DEFS.get('SSL_ca_file')?.tls;  // true
 * ```
 */
export const SOCKOPT_DEFS: ReadonlyMap<string, SockoptDef> = new Map(
  [
    ...defs(PERL_ROWS, true, false),
    ...defs(PERL_TLS_ROWS, true, true),
    ...defs(NODE_NET_ROWS, false, false),
    ...defs(NODE_TLS_ROWS, false, true),
  ].map((def) => [def.name, def]),
);

/**
 * Node connect option names the run owns: giving one is a SockoptError
 * saying why, rather than "unknown".
 *
 * @example
 * ```ts
 * RESERVED_SOCKOPTS.get('host'); // 'the URI decides the host and port'
 * ```
 */
export const RESERVED_SOCKOPTS: ReadonlyMap<string, string> = new Map([
  ['host', 'the URI decides the host and port'],
  ['port', 'the URI decides the host and port'],
  ['path', 'STOMP peers are TCP host:port, not local sockets'],
  ['socket', 'each attempt opens its own socket'],
  ['fd', 'each attempt opens its own socket'],
  ['signal', 'unsubscribing (or the signal given to connect()) cancels a run'],
]);

/**
 * IO::Socket::SSL names without a Perl-style equivalent here, and the Node
 * option that does the job.
 *
 * @example
 * ```ts
 * NODE_EQUIVALENTS.get('SSL_alpn_protocols'); // 'ALPNProtocols'
 * ```
 */
export const NODE_EQUIVALENTS: ReadonlyMap<string, string> = new Map([
  ['SSL_ca', 'ca'],
  ['SSL_cert', 'cert'],
  ['SSL_key', 'key'],
  ['SSL_alpn_protocols', 'ALPNProtocols'],
  ['SSL_ecdh_curve', 'ecdhCurve'],
  ['SSL_ciphersuites', 'ciphers'],
  ['SSL_crl_file', 'crl'],
  ['SSL_session_cache', 'session'],
]);
