import { checkServerIdentity } from 'node:tls';
import { checkSockopts } from '../../src/transport/sockopts';
import { makePeer, makePlan, TCP_PLAN, TLS_PLAN } from '../helpers/peers';

describe('Perl sockopts', () => {
  it.each([
    [5, 5000],
    ['2.5', 2500],
    [0.0004, 1],
    [0, undefined],
    ['0', undefined],
  ])('Timeout %p is an attempt timeout of %p ms', (Timeout, ms) => {
    expect(checkSockopts({ Timeout }, TCP_PLAN).attemptTimeout).toBe(ms);
  });

  it('passes Node timeout through unchanged (an idle timeout, not an attempt timeout)', () => {
    const checked = checkSockopts({ timeout: 1234 }, TCP_PLAN);
    expect(checked.net).toEqual({ timeout: 1234 });
    expect(checked.attemptTimeout).toBeUndefined();
  });

  it.each([
    ['LocalAddr', '127.0.0.1', { localAddress: '127.0.0.1' }],
    ['LocalAddr', '127.0.0.1:40000', { localAddress: '127.0.0.1', localPort: 40000 }],
    ['LocalHost', '::1', { localAddress: '::1' }],
    ['LocalHost', '[::1]:40001', { localAddress: '::1', localPort: 40001 }],
    ['LocalAddr', '[fe80::1]', { localAddress: 'fe80::1' }],
  ])('%s %p → %p', (name, value, net) => {
    const checked = checkSockopts({ [name]: value }, TCP_PLAN);
    expect(checked.net).toEqual(net);
    expect(checked.localName).toBeUndefined();
  });

  it('keeps a LocalAddr host name to resolve before the first attempt', () => {
    const checked = checkSockopts({ LocalAddr: 'localhost:40000' }, TCP_PLAN);
    expect(checked.localName).toEqual({ option: 'LocalAddr', host: 'localhost' });
    expect(checked.net).toEqual({ localPort: 40000 });
  });

  it.each([
    [40000, 40000],
    ['40000', 40000],
  ])('LocalPort %p → localPort %p', (LocalPort, localPort) => {
    expect(checkSockopts({ LocalPort }, TCP_PLAN).net).toEqual({ localPort });
  });

  it.each([
    [4, 4],
    [6, 6],
    ['AF_INET', 4],
    ['AF_INET6', 6],
    ['6', 6],
  ])('Family %p → family %p', (Family, family) => {
    expect(checkSockopts({ Family }, TCP_PLAN).net).toEqual({ family });
  });

  it('maps the SSL_*_file / path options to files read before the first attempt', () => {
    const tls = checkSockopts(
      { SSL_ca_file: 'ca.pem', SSL_ca_path: 'certs', SSL_cert_file: 'c.pem', SSL_key_file: 'k.pem' },
      TLS_PLAN,
    ).tls;
    expect(tls).toMatchObject({ caFile: 'ca.pem', caPath: 'certs', certFile: 'c.pem', keyFile: 'k.pem' });
    expect(tls?.context).toEqual({});
  });

  it.each([
    [0, false],
    ['0', false],
    [1, true],
    [3, true],
    ['1', true],
  ])('SSL_verify_mode %p → verify %p', (SSL_verify_mode, verify) => {
    expect(checkSockopts({ SSL_verify_mode }, TLS_PLAN).tls?.verify).toBe(verify);
  });

  it('verifies by default', () => {
    const tls = checkSockopts({}, TLS_PLAN).tls;
    expect(tls).toMatchObject({ verify: true, checkHostName: checkServerIdentity, fingerprints: [] });
    expect(tls?.servername).toBeUndefined();
    expect(tls?.verifyName).toBeUndefined();
  });

  it('maps SSL_hostname, SSL_verifycn_name and SSL_verifycn_scheme', () => {
    expect(checkSockopts({ SSL_hostname: '' }, TLS_PLAN).tls?.servername).toBe('');
    expect(checkSockopts({ SSL_hostname: 'sni.example' }, TLS_PLAN).tls?.servername).toBe('sni.example');
    expect(checkSockopts({ SSL_verifycn_name: 'cn.example' }, TLS_PLAN).tls?.verifyName).toBe('cn.example');
    expect(checkSockopts({ SSL_verifycn_scheme: 'none' }, TLS_PLAN).tls?.checkHostName).toBeNull();
    expect(checkSockopts({ SSL_verifycn_scheme: 'http' }, TLS_PLAN).tls?.checkHostName).toBe(
      checkServerIdentity,
    );
  });

  it.each([
    ['TLSv1_2', 'TLSv1.2', 'TLSv1.2'],
    ['TLSv1_3', 'TLSv1.3', 'TLSv1.3'],
    ['TLSv12', 'TLSv1.2', 'TLSv1.2'],
    ['tlsv1.1', 'TLSv1.1', 'TLSv1.1'],
    ['TLSv1', 'TLSv1', 'TLSv1'],
    ['SSLv23', 'TLSv1', 'TLSv1.3'],
    ['SSLv23:!SSLv3:!SSLv2', 'TLSv1', 'TLSv1.3'],
    ['SSLv23:!TLSv1:!TLSv1_1', 'TLSv1.2', 'TLSv1.3'],
    ['!TLSv1:!TLSv1_1', 'TLSv1.2', 'TLSv1.3'],
    ['TLSv1_2:TLSv1_3', 'TLSv1.2', 'TLSv1.3'],
    [' TLSv1_1 : TLSv1_2 ', 'TLSv1.1', 'TLSv1.2'],
    ['SSLv23:!TLSv1_3', 'TLSv1', 'TLSv1.2'],
  ])('SSL_version %p → minVersion %p, maxVersion %p', (SSL_version, minVersion, maxVersion) => {
    expect(checkSockopts({ SSL_version }, TLS_PLAN).tls?.context).toEqual({ minVersion, maxVersion });
  });

  it('maps SSL_cipher_list to ciphers', () => {
    const context = checkSockopts({ SSL_cipher_list: 'ECDHE-ECDSA-AES128-GCM-SHA256' }, TLS_PLAN).tls
      ?.context;
    expect(context).toEqual({ ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' });
  });

  it.each([
    [`sha256$${'AB'.repeat(32)}`, [{ algorithm: 'sha256', publicKey: false, hex: 'ab'.repeat(32) }]],
    [
      `sha1$${Array(20).fill('0F').join(':')}`,
      [{ algorithm: 'sha1', publicKey: false, hex: '0f'.repeat(20) }],
    ],
    [`sha256$pub$${'cd'.repeat(32)}`, [{ algorithm: 'sha256', publicKey: true, hex: 'cd'.repeat(32) }]],
    ['ef'.repeat(20), [{ algorithm: 'sha1', publicKey: false, hex: 'ef'.repeat(20) }]],
    [
      [`sha1$${'01'.repeat(20)}`, `sha512$${'02'.repeat(64)}`],
      [
        { algorithm: 'sha1', publicKey: false, hex: '01'.repeat(20) },
        { algorithm: 'sha512', publicKey: false, hex: '02'.repeat(64) },
      ],
    ],
  ])('SSL_fingerprint %p → pins', (SSL_fingerprint, pins) => {
    expect(checkSockopts({ SSL_fingerprint }, TLS_PLAN).tls?.fingerprints).toEqual(pins);
  });

  it('accepts TLS options when at least one peer of a failover plan is TLS', () => {
    const plan = makePlan(makePeer('tcp', 'a', 1), makePeer('stomp+ssl', 'b', 2));
    expect(checkSockopts({ SSL_ca_file: 'ca.pem' }, plan).tls?.caFile).toBe('ca.pem');
  });

  it('has no TLS settings for a plan without TLS peers', () => {
    expect(checkSockopts({ Timeout: 1 }, TCP_PLAN).tls).toBeUndefined();
  });

  it('takes undefined and null values as not given', () => {
    const checked = checkSockopts({ Timeout: undefined, SSL_ca_file: null, LocalPort: undefined }, TCP_PLAN);
    expect(checked.net).toEqual({});
    expect(checked.attemptTimeout).toBeUndefined();
  });

  it('freezes the result and copies, never mutates, the given sockopts', () => {
    const sockopts = { Timeout: 2, SSL_ca_file: 'ca.pem' };
    const checked = checkSockopts(sockopts, TLS_PLAN);
    expect(sockopts).toEqual({ Timeout: 2, SSL_ca_file: 'ca.pem' });
    expect(Object.isFrozen(checked)).toBe(true);
    expect(Object.isFrozen(checked.given)).toBe(true);
    expect(Object.isFrozen(checked.net)).toBe(true);
    expect(Object.isFrozen(checked.tls)).toBe(true);
    expect(checked.given).not.toBe(sockopts);
    expect({ ...checked.given }).toEqual(sockopts);
  });
});
