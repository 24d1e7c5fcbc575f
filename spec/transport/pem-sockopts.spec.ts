import { createPrivateKey, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server, TLSSocket } from 'node:tls';
import { connect } from '../../src/connect-promise';
import { SockoptError } from '../../src/errors/sockopt-error';
import { checkSockopts } from '../../src/transport/sockopts';
import type { Sockopts } from '../../src/types';
import { TLS_PLAN } from '../helpers/peers';
import { makeTestPki, type TestPki } from '../helpers/test-pki';
import { listenTls, type TestListener } from '../helpers/tls-listener';

let pki: TestPki;
let listener: TestListener<Server>;

beforeAll(async () => {
  pki = makeTestPki();
  listener = await listenTls({ key: pki.server.key, cert: pki.server.cert });
});
afterAll(async () => {
  await listener.close();
  pki.remove();
});

function errorOf(sockopts: Sockopts): SockoptError {
  try {
    checkSockopts(sockopts, TLS_PLAN);
  } catch (error) {
    expect(error).toBeInstanceOf(SockoptError);
    return error as SockoptError;
  }
  throw new Error('checkSockopts did not throw');
}

const CA_HINT =
  "is not PEM (-----BEGIN CERTIFICATE-----): ca takes the certificates' text, not a file name; for a file, use SSL_ca_file";
const CERT_HINT =
  "is not PEM (-----BEGIN CERTIFICATE-----): cert takes the certificates' text, not a file name; for a file, use SSL_cert_file";
const KEY_HINT =
  "is not PEM (-----BEGIN … PRIVATE KEY-----): key takes the key's text, not a file name; for a file, use SSL_key_file";
const CRL_HINT = "is not PEM (-----BEGIN X509 CRL-----): crl takes the CRLs' text, not a file name";
const DER = ' (these bytes look like DER: convert them to PEM)';

// Node takes each of these silently (ca: trusting nothing, so every run then fails
// verification with UNABLE_TO_VERIFY_LEAF_SIGNATURE) or fails with an OpenSSL code.
const REFUSED: readonly [what: string, sockopts: () => Sockopts, message: () => string][] = [
  ['ca: a file path', () => ({ ca: pki.ca.certFile }), () => `sockopt ca: "${pki.ca.certFile}" ${CA_HINT}`],
  ['ca: any other text', () => ({ ca: 'hello' }), () => `sockopt ca: "hello" ${CA_HINT}`],
  ['ca: an empty string', () => ({ ca: '' }), () => `sockopt ca: "" ${CA_HINT}`],
  [
    'ca: a key, not a certificate',
    () => ({ ca: pki.ca.key }),
    () => `sockopt ca: ${JSON.stringify(`${pki.ca.key.slice(0, 57)}...`)} ${CA_HINT}`,
  ],
  [
    'ca: a certificate cut short (no END line)',
    () => ({ ca: pki.ca.cert.slice(0, 200) }),
    () => `sockopt ca: ${JSON.stringify(`${pki.ca.cert.slice(0, 57)}...`)} ${CA_HINT}`,
  ],
  [
    'ca: a Buffer of DER',
    () => ({ ca: new X509Certificate(pki.ca.cert).raw }),
    () => `sockopt ca: a Buffer ${CA_HINT}${DER}`,
  ],
  [
    'ca: a Buffer of other bytes',
    () => ({ ca: Buffer.from('xyz') }),
    () => `sockopt ca: a Buffer ${CA_HINT}`,
  ],
  [
    'ca: an array with one path among certificates',
    () => ({ ca: [pki.ca.cert, '/etc/ssl/other.pem'] }),
    () => `sockopt ca: item 1 of the array, "/etc/ssl/other.pem", ${CA_HINT}`,
  ],
  [
    'cert: a file path',
    () => ({ cert: pki.client.certFile }),
    () => `sockopt cert: "${pki.client.certFile}" ${CERT_HINT}`,
  ],
  [
    'cert: a Buffer of DER',
    () => ({ cert: new X509Certificate(pki.client.cert).raw }),
    () => `sockopt cert: a Buffer ${CERT_HINT}${DER}`,
  ],
  // The key is a secret: its value is never shown, even when it is a path.
  [
    'key: a file path',
    () => ({ cert: pki.server.cert, key: pki.server.keyFile }),
    () => `sockopt key: a string (not shown) ${KEY_HINT}`,
  ],
  [
    'key: a Buffer of DER',
    () => ({
      cert: pki.server.cert,
      key: createPrivateKey(pki.server.key).export({ type: 'pkcs8', format: 'der' }),
    }),
    () => `sockopt key: a Buffer (not shown) ${KEY_HINT}${DER}`,
  ],
  [
    'key: { pem } holding a path',
    () => ({ cert: pki.server.cert, key: [{ pem: pki.server.keyFile }] }),
    () => `sockopt key: item 0 of the array, an object (not shown), ${KEY_HINT}`,
  ],
  [
    'key: a certificate, not a key',
    () => ({ cert: pki.server.cert, key: pki.server.cert }),
    () => `sockopt key: a string (not shown) ${KEY_HINT}`,
  ],
  [
    'crl: a file path',
    () => ({ crl: '/etc/ssl/revoked.crl' }),
    () => `sockopt crl: "/etc/ssl/revoked.crl" ${CRL_HINT}`,
  ],
];

describe('PEM sockopts (ca, cert, key, crl) hold PEM text, not a path or DER', () => {
  it.each(REFUSED)('%s: a SockoptError saying it is not PEM', (_what, sockopts, message) => {
    const error = errorOf(sockopts());
    expect(error.message).toBe(message());
    expect(error.message).toMatch(/ is not PEM \(-----BEGIN /);
    expect(error.option).toBe(Object.keys(sockopts()).at(-1));
  });

  it('never shows the key, even when it is a path', () => {
    const error = errorOf({ cert: pki.server.cert, key: pki.server.keyFile });
    expect(error.message).not.toContain(pki.server.keyFile);
    expect(error.message).not.toContain('server.key');
  });

  it.each([
    ['ca: PEM text', () => ({ ca: pki.ca.cert })],
    ['ca: a Buffer of PEM', () => ({ ca: Buffer.from(pki.ca.cert) })],
    ['ca: PEM with text before it (as a bundle has)', () => ({ ca: `# my CA\n${pki.ca.cert}` })],
    [
      'ca: an array of PEM texts and Buffers',
      () => ({ ca: [pki.ca.cert, Buffer.from(pki.selfSigned.cert)] }),
    ],
    ['ca: TRUSTED CERTIFICATE', () => ({ ca: pki.ca.cert.replace(/CERTIFICATE/g, 'TRUSTED CERTIFICATE') })],
    ['cert + key: PEM', () => ({ cert: pki.server.cert, key: pki.server.key })],
    [
      'cert + key: an encrypted key with its passphrase',
      () => ({ cert: pki.client.cert, key: pki.client.key, passphrase: pki.clientPassphrase }),
    ],
    [
      'key: [{ pem, passphrase }]',
      () => ({ cert: pki.client.cert, key: [{ pem: pki.client.key, passphrase: pki.clientPassphrase }] }),
    ],
  ])('accepts %s', (_what, sockopts) => {
    expect(() => checkSockopts(sockopts(), TLS_PLAN)).not.toThrow();
  });

  it('a run given ca as a path fails before any attempt (it used to fail every attempt on verification)', async () => {
    const before = listener.connections.length;
    const run = connect(`ssl://localhost:${listener.port}`, { ca: pki.ca.certFile });
    await expect(run).rejects.toThrow(new SockoptError(`sockopt ca: "${pki.ca.certFile}" ${CA_HINT}`));
    expect(listener.connections.length).toBe(before);
  });

  it('the same holds for files: an SSL_ca_file with its certificate cut short holds none', async () => {
    const cut = join(pki.dir, 'cut-short.pem');
    writeFileSync(cut, pki.ca.cert.slice(0, 200));
    await expect(connect(`ssl://localhost:${listener.port}`, { SSL_ca_file: cut })).rejects.toThrow(
      new SockoptError(`sockopt SSL_ca_file: ${cut} holds no PEM certificate`),
    );
  });

  it('a run given ca as PEM text connects, verified', async () => {
    const socket = await connect(`ssl://localhost:${listener.port}`, { ca: pki.ca.cert });
    try {
      expect((socket as TLSSocket).authorized).toBe(true);
    } finally {
      socket.destroy();
    }
  });
});
