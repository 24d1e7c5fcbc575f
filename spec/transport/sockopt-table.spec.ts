import dns from 'node:dns';
import { createSecureContext, type PeerCertificate } from 'node:tls';
import { checkSockopts } from '../../src/transport/sockopts';
import { SOCKOPT_DEFS, type SockoptType } from '../../src/transport/sockopt-table';
import { TCP_PLAN, TLS_PLAN } from '../helpers/peers';

/** Node's crl takes CRLs, not certificates. */
const CRL_PEM = '-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n';

/** A valid sample value of each type. */
const SAMPLES: Record<SockoptType, unknown> = {
  seconds: 3,
  localAddr: '127.0.0.1',
  ip: '127.0.0.1',
  port: 40000,
  perlFamily: 4,
  nodeFamily: 4,
  path: '/nonexistent/file.pem',
  function: () => undefined,
  verifyMode: 1,
  string: 'x',
  name: 'mq.example.com',
  verifyScheme: 'default',
  sslVersion: 'TLSv1_2',
  fingerprints: `sha256$${'ab'.repeat(32)}`,
  boolean: true,
  timerMs: 7,
  attemptMs: 250,
  byteCount: 16384,
  positive: 1024,
  dnsHints: dns.ADDRCONFIG,
  // 0 (the system's idle time) needs no keepAlive to go with it.
  keepAliveDelay: 0,
  integer: 7,
  pem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
  keys: 'k',
  tlsVersion: 'TLSv1.2',
  alpn: ['stomp'],
  buffer: Buffer.from('s'),
  secureContext: createSecureContext(),
  ignoredValue: 'ignored',
};

describe('the sockopts table', () => {
  it('has every name of SPEC §6', () => {
    const spec = [
      'Timeout',
      'LocalAddr',
      'LocalHost',
      'LocalPort',
      'Family',
      'SSL_ca_file',
      'SSL_ca_path',
      'SSL_cert_file',
      'SSL_key_file',
      'SSL_passwd_cb',
      'SSL_verify_mode',
      'SSL_hostname',
      'SSL_verifycn_name',
      'SSL_verifycn_scheme',
      'SSL_version',
      'SSL_cipher_list',
      'SSL_fingerprint',
      'Proto',
      'PeerAddr',
      'PeerPort',
      'PeerHost',
    ];
    for (const name of spec) expect(SOCKOPT_DEFS.get(name)?.perl).toBe(true);
    for (const name of [
      'ca',
      'cert',
      'key',
      'passphrase',
      'servername',
      'rejectUnauthorized',
      'minVersion',
    ]) {
      expect(SOCKOPT_DEFS.get(name)?.perl).toBe(false);
    }
    for (const name of [
      'noDelay',
      'keepAlive',
      'timeout',
      'lookup',
      'hints',
      'checkServerIdentity',
      'ALPNProtocols',
    ]) {
      expect(SOCKOPT_DEFS.has(name)).toBe(true);
    }
  });

  it('marks TLS options, and only those, as TLS-only', () => {
    for (const def of SOCKOPT_DEFS.values()) {
      expect(def.tls).toBe(def.name.startsWith('SSL_') || def.layer === 'context' || def.layer === 'connect');
    }
  });

  // The user's functions are passed on guarded (spec/transport/user-functions.spec.ts): below.
  it.each(
    [...SOCKOPT_DEFS.values()].filter((def) => !def.perl && def.layer === 'net' && def.type !== 'function'),
  )('passes Node net option $name through to net.connect', ({ name, type }) => {
    const checked = checkSockopts({ [name]: SAMPLES[type] }, TCP_PLAN);
    expect(checked.net).toEqual({ [name]: SAMPLES[type] });
  });

  it.each([...SOCKOPT_DEFS.values()].filter((def) => !def.perl && def.layer === 'context' && !def.secret))(
    'passes Node TLS context option $name through to tls.createSecureContext',
    ({ name, type }) => {
      const sample = name === 'crl' ? CRL_PEM : SAMPLES[type];
      const checked = checkSockopts({ [name]: sample }, TLS_PLAN);
      expect(checked.tls?.context).toEqual({ [name]: sample });
    },
  );

  it.each([
    ['key', '-----BEGIN PRIVATE KEY-----\nhunter2\n-----END PRIVATE KEY-----\n'],
    ['passphrase', 'hunter2'],
    ['pfx', 'hunter2'],
  ])('keeps the secret %s out of the checked settings', (name, secret) => {
    const checked = checkSockopts({ [name]: secret }, TLS_PLAN);
    expect(checked.tls?.context).toEqual({});
    expect(checked.given[name]).toBe(secret);
  });

  it.each(
    [...SOCKOPT_DEFS.values()].filter(
      (def) =>
        !def.perl &&
        def.layer === 'connect' &&
        def.type !== 'function' &&
        !['servername', 'rejectUnauthorized'].includes(def.name),
    ),
  )('passes Node TLS connect option $name through to tls.connect', ({ name, type }) => {
    const checked = checkSockopts({ [name]: SAMPLES[type] }, TLS_PLAN);
    expect(checked.tls?.connect).toEqual({ [name]: SAMPLES[type] });
  });

  it('maps servername, rejectUnauthorized and checkServerIdentity onto the verification settings', () => {
    const check = jest.fn((): undefined => undefined);
    const tls = checkSockopts(
      { servername: 'sni.example', rejectUnauthorized: false, checkServerIdentity: check },
      TLS_PLAN,
    ).tls;
    expect(tls).toMatchObject({ servername: 'sni.example', verify: false });
    const cert = { subject: { CN: 'mq' } } as PeerCertificate;
    expect(tls?.checkHostName?.('mq', cert)).toBeUndefined();
    expect(check).toHaveBeenCalledWith('mq', cert);
  });

  it('passes the functions lookup and pskCallback on, each called through its guard', () => {
    const lookup = jest.fn();
    const net = checkSockopts({ lookup }, TCP_PLAN).net;
    expect(Object.keys(net)).toEqual(['lookup']);
    const callback = jest.fn();
    net.lookup?.('mq', { all: true }, callback);
    expect(lookup).toHaveBeenCalledWith('mq', { all: true }, expect.any(Function));
    const psk = { psk: Buffer.from('k'), identity: 'me' };
    const pskCallback = jest.fn(() => psk);
    const connect = checkSockopts({ pskCallback }, TLS_PLAN).tls?.connect;
    expect(Object.keys(connect ?? {})).toEqual(['pskCallback']);
    expect(connect?.pskCallback?.('hint')).toBe(psk);
    expect(pskCallback).toHaveBeenCalledWith('hint');
  });

  it('ignores Proto, PeerAddr, PeerPort and PeerHost', () => {
    const checked = checkSockopts({ Proto: 'tcp', PeerAddr: 'x', PeerPort: 1, PeerHost: 'y' }, TCP_PLAN);
    expect(checked.net).toEqual({});
    expect(checked.attemptTimeout).toBeUndefined();
  });
});
