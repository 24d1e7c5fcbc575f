import dns from 'node:dns';
import tls, { createSecureContext } from 'node:tls';
import { inspect } from 'node:util';
import { SockoptError } from '../../src/errors/sockopt-error';
import { checkSockopts } from '../../src/transport/sockopts';
import type { SockoptRecord } from '../../src/types';
import { makePeer, makePlan, TCP_PLAN, TLS_PLAN } from '../helpers/peers';

/** The SockoptError `checkSockopts` throws. */
function errorOf(sockopts: SockoptRecord, plan = TLS_PLAN): SockoptError {
  try {
    checkSockopts(sockopts, plan);
  } catch (error) {
    expect(error).toBeInstanceOf(SockoptError);
    return error as SockoptError;
  }
  throw new Error('checkSockopts did not throw');
}

/** PEM-shaped values (checkSockopts reads their shape, not their content). */
const CERT_PEM = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
const KEY_PEM = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n';

const SECONDS = "a number of seconds from 0 to 2147483.647 (Node's timer limit)";
const HINTS = '0 or a combination (|) of dns.ADDRCONFIG, dns.V4MAPPED and dns.ALL';
const ATTEMPT_MS = "an integer number of ms from 1 to 2147483647 (Node's timer limit)";
const ALPN =
  'an array of protocol names (1 to 255 bytes each), or a Buffer of them in wire format (each after its length byte)';
const CONTEXT = 'a SecureContext from tls.createSecureContext()';

describe('checkSockopts errors', () => {
  it.each([
    ['SSL_ca_fiel', 'unknown sockopt SSL_ca_fiel (did you mean SSL_ca_file?)'],
    ['ssl_verify_mode', 'unknown sockopt ssl_verify_mode (did you mean SSL_verify_mode?)'],
    ['Timout', 'unknown sockopt Timout (did you mean Timeout?)'],
    ['localaddr', 'unknown sockopt localaddr (did you mean LocalAddr?)'],
    ['rejectUnauthorised', 'unknown sockopt rejectUnauthorised (did you mean rejectUnauthorized?)'],
    ['Blocking', 'unknown sockopt Blocking'],
    ['SSL_alpn_protocols', "unknown sockopt SSL_alpn_protocols: use Node's ALPNProtocols instead"],
    ['host', 'sockopt host cannot be set: the URI decides the host and port'],
    [
      'signal',
      'sockopt signal cannot be set: unsubscribing (or the signal given to connect()) cancels a run',
    ],
  ])('rejects the name %s', (name, message) => {
    const error = errorOf({ [name]: 1 });
    expect(error.message).toBe(message);
    expect(error.code).toBe('ERR_STOMP_SOCKOPT');
    expect(error.option).toBe(name);
  });

  it('rejects an unknown name even with an undefined value (a typo is a typo)', () => {
    expect(errorOf({ SSL_ca_fiel: undefined }).option).toBe('SSL_ca_fiel');
  });

  it.each([
    [{ Timeout: 'soon' }, `sockopt Timeout: "soon" is not ${SECONDS}`],
    [{ Timeout: -1 }, `sockopt Timeout: -1 is not ${SECONDS}`],
    // Node fires a longer timer after 1 ms: every attempt would time out at once.
    [{ Timeout: 2147483.648 }, `sockopt Timeout: 2147483.648 is not ${SECONDS}`],
    [{ Timeout: '3000000' }, `sockopt Timeout: "3000000" is not ${SECONDS}`],
    [{ SSL_verifycn_name: '' }, 'sockopt SSL_verifycn_name: "" is not a host name (a non-empty string)'],
    [{ LocalPort: 70000 }, 'sockopt LocalPort: 70000 is not a port number 0-65535'],
    [{ LocalPort: 1.5 }, 'sockopt LocalPort: 1.5 is not a port number 0-65535'],
    [{ Family: 5 }, 'sockopt Family: 5 is not 4, 6, AF_INET or AF_INET6'],
    [{ LocalAddr: 'a b' }, 'sockopt LocalAddr: "a b" is not an address or host name, optionally with :port'],
    [
      { LocalAddr: 'host:99999' },
      'sockopt LocalAddr: "host:99999" is not an address or host name, optionally with :port',
    ],
    [
      { LocalHost: '[nope]:1' },
      'sockopt LocalHost: "[nope]:1" is not an address or host name, optionally with :port',
    ],
    [{ SSL_ca_file: '' }, 'sockopt SSL_ca_file: "" is not a file path (a non-empty string)'],
    [{ SSL_ca_path: 42 }, 'sockopt SSL_ca_path: 42 is not a file path (a non-empty string)'],
    [
      { SSL_verify_mode: 'yes' },
      'sockopt SSL_verify_mode: "yes" is not a verify mode number (0 = no verification)',
    ],
    [{ SSL_hostname: false }, 'sockopt SSL_hostname: false is not a string'],
    [
      { SSL_verifycn_scheme: 'bogus' },
      'sockopt SSL_verifycn_scheme: "bogus" is not one of none, default, http, www,',
    ],
    [{ SSL_version: 'SSLv3' }, 'sockopt SSL_version: "SSLv3" leaves no version Node can use'],
    [
      { SSL_version: 'TLSv1:TLSv1_2' },
      'sockopt SSL_version: "TLSv1:TLSv1_2" leaves out TLSv1.1 in the middle',
    ],
    [
      { SSL_version: 'SSLv23:!TLSv1_2' },
      'sockopt SSL_version: "SSLv23:!TLSv1_2" leaves out TLSv1.2 in the middle',
    ],
    [{ SSL_version: 'TLSv9' }, 'sockopt SSL_version: "TLSv9" has an unknown version "TLSv9"'],
    [{ SSL_version: '' }, 'sockopt SSL_version: "" is not an SSL_version string'],
    [{ SSL_fingerprint: 'md5$00' }, 'sockopt SSL_fingerprint: "md5$00" is not ALGO$HEX'],
    [{ SSL_fingerprint: `sha256$${'ab'.repeat(20)}` }, 'sockopt SSL_fingerprint: "sha256$abab'],
    [{ SSL_fingerprint: [] }, 'sockopt SSL_fingerprint: an array is not a fingerprint string'],
    [{ SSL_passwd_cb: 'not a function' }, 'sockopt SSL_passwd_cb: a string (not shown) is not a function'],
    [
      { minVersion: 'TLSv1.4' },
      'sockopt minVersion: "TLSv1.4" is not one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3',
    ],
    [{ noDelay: 'yes' }, 'sockopt noDelay: "yes" is not true or false'],
    [{ localAddress: 'localhost' }, 'sockopt localAddress: "localhost" is not an IP address'],
    [{ family: 5 }, 'sockopt family: 5 is not 0, 4 or 6'],
    [{ ALPNProtocols: 'stomp' }, `sockopt ALPNProtocols: "stomp" is not ${ALPN}`],
    [{ ca: 42 }, 'sockopt ca: 42 is not a PEM string, a Buffer, or an array of them'],
    [{ lookup: 'dns' }, 'sockopt lookup: "dns" is not a function'],
  ])('rejects the value of %p: %s', (sockopts, message) => {
    const error = errorOf(sockopts);
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.option).toBe(Object.keys(sockopts)[0]);
  });

  // Values of the right type that Node refuses inside net.connect / tls.connect: there each
  // attempt failed (and left its TCP handle open), and an empty ALPN name aborted the process.
  it.each([
    [{ hints: 999999 }, `sockopt hints: 999999 is not ${HINTS}`],
    [{ hints: -1 }, `sockopt hints: -1 is not ${HINTS}`],
    [{ hints: 2 ** 32 + dns.V4MAPPED }, `sockopt hints: ${2 ** 32 + dns.V4MAPPED} is not ${HINTS}`],
    [{ autoSelectFamilyAttemptTimeout: 0 }, `sockopt autoSelectFamilyAttemptTimeout: 0 is not ${ATTEMPT_MS}`],
    [
      { autoSelectFamilyAttemptTimeout: 1.5 },
      `sockopt autoSelectFamilyAttemptTimeout: 1.5 is not ${ATTEMPT_MS}`,
    ],
    [
      { autoSelectFamilyAttemptTimeout: 2 ** 31 },
      `sockopt autoSelectFamilyAttemptTimeout: ${2 ** 31} is not`,
    ],
    [{ highWaterMark: 1.5 }, 'sockopt highWaterMark: 1.5 is not an integer >= 0'],
    [{ timeout: 2 ** 31 }, `sockopt timeout: ${2 ** 31} is not a number of ms from 0 to 2147483647`],
    [{ minDHSize: 0 }, 'sockopt minDHSize: 0 is not a number > 0'],
    [{ ALPNProtocols: [''] }, `sockopt ALPNProtocols: an array is not ${ALPN}`],
    [{ ALPNProtocols: ['stomp', ''] }, `sockopt ALPNProtocols: an array is not ${ALPN}`],
    [{ ALPNProtocols: ['x'.repeat(256)] }, `sockopt ALPNProtocols: an array is not ${ALPN}`],
    [{ ALPNProtocols: ['é'.repeat(128)] }, `sockopt ALPNProtocols: an array is not ${ALPN}`],
    [{ ALPNProtocols: [Buffer.from('h2')] }, `sockopt ALPNProtocols: an array is not ${ALPN}`],
    [{ ALPNProtocols: Buffer.from([0]) }, `sockopt ALPNProtocols: a Buffer is not ${ALPN}`],
    [{ ALPNProtocols: Buffer.from([3, 0x68]) }, `sockopt ALPNProtocols: a Buffer is not ${ALPN}`],
    [{ ALPNProtocols: Buffer.from([2, 0x68, 0x32, 0]) }, `sockopt ALPNProtocols: a Buffer is not ${ALPN}`],
    [{ secureContext: {} }, `sockopt secureContext: an object is not ${CONTEXT}`],
    [{ secureContext: { context: {} } }, `sockopt secureContext: an object is not ${CONTEXT}`],
  ])('rejects the value of %p that Node would refuse at each attempt', (sockopts, message) => {
    const error = errorOf(sockopts);
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.option).toBe(Object.keys(sockopts)[0]);
  });

  it.each([
    [{ hints: 0 }],
    [{ hints: dns.ADDRCONFIG | dns.V4MAPPED }],
    [{ hints: dns.ADDRCONFIG | dns.V4MAPPED | dns.ALL }],
    [{ autoSelectFamilyAttemptTimeout: 1 }],
    [{ autoSelectFamilyAttemptTimeout: 2 ** 31 - 1 }],
    [{ highWaterMark: 0 }],
    [{ highWaterMark: 1 << 20 }],
    [{ timeout: 0 }],
    [{ timeout: 2 ** 31 - 1 }],
    [{ minDHSize: 1024 }],
    [{ ALPNProtocols: [] }],
    [{ ALPNProtocols: ['stomp', 'x'.repeat(255), '\u0000'] }],
    [{ ALPNProtocols: Buffer.alloc(0) }],
    [{ ALPNProtocols: Buffer.from([5, ...Buffer.from('stomp'), 2, 0x68, 0x32]) }],
    [{ ALPNProtocols: new Uint8Array([2, 0x68, 0x32]) }],
    [{ secureContext: createSecureContext() }],
  ])('accepts %p', (sockopts) => {
    expect(() => checkSockopts(sockopts, TLS_PLAN)).not.toThrow();
  });

  // OpenSSL fails every attempt with ERR_SSL_NO_PROTOCOLS_AVAILABLE when no version is left.
  it.each([
    [
      { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.2' },
      'sockopts minVersion TLSv1.3 and maxVersion TLSv1.2 leave no TLS version: minVersion must not be above maxVersion',
      'maxVersion',
    ],
    [
      { maxVersion: 'TLSv1.1' },
      "sockopt maxVersion TLSv1.1 is below Node's default minVersion TLSv1.2 (tls.DEFAULT_MIN_VERSION): give minVersion too",
      'maxVersion',
    ],
  ])('rejects a TLS version range with no version in it: %p', (sockopts, message, option) => {
    const error = errorOf(sockopts);
    expect(error.message).toBe(message);
    expect(error.option).toBe(option);
  });

  it.each([
    [{ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }],
    [{ minVersion: 'TLSv1', maxVersion: 'TLSv1.3' }],
    [{ maxVersion: 'TLSv1.2' }],
    [{ minVersion: 'TLSv1.3' }],
    [{ SSL_version: 'TLSv1_1' }],
  ])('accepts the TLS version range %p', (sockopts) => {
    expect(() => checkSockopts(sockopts, TLS_PLAN)).not.toThrow();
  });

  it("reads Node's defaults when checked, as tls.connect would (a process may lower them)", () => {
    const before = tls.DEFAULT_MAX_VERSION;
    tls.DEFAULT_MAX_VERSION = 'TLSv1.2';
    try {
      expect(errorOf({ minVersion: 'TLSv1.3' }).message).toBe(
        "sockopt minVersion TLSv1.3 is above Node's default maxVersion TLSv1.2 (tls.DEFAULT_MAX_VERSION): give maxVersion too",
      );
      expect(() => checkSockopts({ minVersion: 'TLSv1.2' }, TLS_PLAN)).not.toThrow();
    } finally {
      tls.DEFAULT_MAX_VERSION = before;
    }
  });

  it('never shows a secret value in a message', () => {
    expect(errorOf({ passphrase: 123456 }).message).toBe(
      'sockopt passphrase: a number (not shown) is not a string',
    );
    expect(errorOf({ key: 987654 }).message).toMatch(/^sockopt key: a number \(not shown\) is not/);
    expect(errorOf({ SSL_passwd_cb: 'hunter2' }).message).not.toContain('hunter2');
  });

  it.each([
    [{ SSL_ca_file: 'a', ca: CERT_PEM }, 'sockopts SSL_ca_file and ca set the same thing: give only one'],
    [
      { LocalAddr: '127.0.0.1', LocalHost: '127.0.0.1' },
      'sockopts LocalAddr and LocalHost set the same thing',
    ],
    [{ LocalAddr: '127.0.0.1:1', LocalPort: 2 }, 'sockopt LocalAddr gives a port, and so does LocalPort'],
    [
      { SSL_version: 'TLSv1_2', minVersion: 'TLSv1.2' },
      'sockopts SSL_version and minVersion set the same thing',
    ],
    [{ SSL_verify_mode: 0, rejectUnauthorized: true }, 'sockopts SSL_verify_mode and rejectUnauthorized set'],
    [{ SSL_hostname: 'a', servername: 'b' }, 'sockopts SSL_hostname and servername set the same thing'],
    [{ SSL_cipher_list: 'a', ciphers: 'b' }, 'sockopts SSL_cipher_list and ciphers set the same thing'],
    [
      { SSL_passwd_cb: (): string => 'x', passphrase: 'x', key: KEY_PEM },
      'sockopts SSL_passwd_cb and passphrase set',
    ],
    [{ secureContext: createSecureContext(), SSL_ca_file: 'ca.pem' }, 'sockopt SSL_ca_file would be ignored'],
    [{ SSL_key_file: 'k.pem' }, 'sockopt SSL_key_file needs SSL_cert_file'],
    [{ SSL_passwd_cb: (): string => 'x' }, 'sockopt SSL_passwd_cb needs a key to unlock'],
  ])('rejects the combination %p', (sockopts, message) => {
    expect(errorOf(sockopts).message.startsWith(message)).toBe(true);
  });

  it.each(['SSL_ca_file', 'SSL_verify_mode', 'SSL_fingerprint', 'ca', 'rejectUnauthorized', 'servername'])(
    'rejects the TLS option %s when no peer is TLS',
    (name) => {
      const value = {
        SSL_verify_mode: 0,
        SSL_fingerprint: `sha1$${'00'.repeat(20)}`,
        rejectUnauthorized: false,
      }[name];
      const plan = makePlan(makePeer('tcp', 'a', 61613), makePeer('stomp', 'b', 61613));
      const error = errorOf({ [name]: value ?? 'x' }, plan);
      expect(error.message).toBe(
        `sockopt ${name} is for TLS, but no peer is TLS (tcp://a:61613, stomp://b:61613): ` +
          'use ssl:// or stomp+ssl:// to connect with TLS',
      );
      expect(error.option).toBe(name);
    },
  );

  it('accepts Node net options for a plain plan', () => {
    expect(() => checkSockopts({ noDelay: true, keepAlive: true, Timeout: 1 }, TCP_PLAN)).not.toThrow();
  });

  it.each([[null], [[]], ['Timeout'], [42]])('rejects sockopts %p that are not an object', (sockopts) => {
    expect(() => checkSockopts(sockopts as unknown as SockoptRecord, TCP_PLAN)).toThrow(
      new SockoptError('sockopts must be an object of option names to values'),
    );
  });
});

describe('secrets in checked sockopts', () => {
  const sockopts = {
    SSL_cert_file: 'client.pem',
    passphrase: 'hunter2-passphrase',
    key: '-----BEGIN PRIVATE KEY-----\nSECRETKEYMATERIAL\n-----END PRIVATE KEY-----',
    SSL_ca_file: 'ca.pem',
  };

  it('never shows a passphrase or a key in util.inspect or JSON', () => {
    const checked = checkSockopts(sockopts, TLS_PLAN);
    for (const text of [
      inspect(checked, { depth: 10 }),
      inspect(checked, { depth: 10, showHidden: true }),
      inspect(checked.given),
      JSON.stringify(checked),
      JSON.stringify(checked.given),
      String(checked.given),
    ]) {
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('SECRETKEYMATERIAL');
    }
    expect(inspect(checked.given)).toContain("passphrase: '[redacted]'");
    expect(inspect(checked.given)).toContain("SSL_ca_file: 'ca.pem'");
  });

  it('still gives a custom transport every value', () => {
    const { given } = checkSockopts(sockopts, TLS_PLAN);
    expect(given.passphrase).toBe('hunter2-passphrase');
    expect({ ...given }).toEqual(sockopts);
    expect(Object.keys(given)).toEqual(Object.keys(sockopts));
  });
});
