import { createHash, X509Certificate } from 'node:crypto';
import { Socket as NetSocket } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Server, TLSSocket } from 'node:tls';
import { FINGERPRINT_MISMATCH_CODE } from '../../src/transport/fingerprint';
import { connectTo, destroyOpened, failureOf, until } from '../helpers/connect-peer-helpers';
import { makePeer } from '../helpers/peers';
import { listenTls, type TestListener } from '../helpers/tls-listener';
import { makeTestPki, type TestPki } from '../helpers/test-pki';

let pki: TestPki;
let trusted: TestListener<Server>;
let selfSigned: TestListener<Server>;
let otherCa: TestListener<Server>;
let wrongHost: TestListener<Server>;
let tls13Only: TestListener<Server>;
let mutual: TestListener<Server>;

beforeAll(async () => {
  pki = makeTestPki();
  const serve = (issued: { key: string; cert: string }) => ({ key: issued.key, cert: issued.cert });
  [trusted, selfSigned, otherCa, wrongHost, tls13Only, mutual] = await Promise.all([
    listenTls({ ...serve(pki.server), ALPNProtocols: ['stomp'] }),
    listenTls(serve(pki.selfSigned)),
    listenTls(serve(pki.otherCaServer)),
    listenTls(serve(pki.wrongHost)),
    listenTls({ ...serve(pki.server), minVersion: 'TLSv1.3' }),
    listenTls({ ...serve(pki.server), requestCert: true, rejectUnauthorized: true, ca: [pki.ca.cert] }),
  ]);
});
afterEach(() => destroyOpened());
afterAll(async () => {
  await Promise.all([trusted, selfSigned, otherCa, wrongHost, tls13Only, mutual].map((l) => l.close()));
  pki.remove();
});

const ssl = (listener: TestListener, host = 'localhost') => makePeer('ssl', host, listener.port);
const sha = (algorithm: string, pem: string): string =>
  createHash(algorithm).update(new X509Certificate(pem).raw).digest('hex');

/** The server side of the latest handshake of `listener`. */
async function serverSide(listener: TestListener<Server>, count: number): Promise<TLSSocket> {
  await until(() => listener.secure.length >= count, 'the server side of the handshake');
  return listener.secure[count - 1] as TLSSocket;
}

describe('connectPeer$ to TLS peers', () => {
  it('connects to a server the CA file trusts, after the handshake, authorized, with SNI', async () => {
    const before = trusted.secure.length;
    const socket = await connectTo(ssl(trusted), { SSL_ca_file: pki.ca.certFile });
    expect(socket.authorized).toBe(true);
    expect(socket.encrypted).toBe(true);
    expect(socket.getProtocol()).toBe('TLSv1.3');
    expect(socket.destroyed).toBe(false);
    expect(socket.listenerCount('secureConnect')).toBe(0);
    expect(socket.listenerCount('error')).toBe(0);
    expect((await serverSide(trusted, before + 1)).servername).toBe('localhost');
  });

  it('sends no SNI for an IP address, and verifies the IP against the certificate', async () => {
    const before = trusted.secure.length;
    const socket = await connectTo(ssl(trusted, '127.0.0.1'), { SSL_ca_file: pki.ca.certFile });
    expect(socket.authorized).toBe(true);
    expect((await serverSide(trusted, before + 1)).servername).toBe(false);
  });

  it("sends the SSL_hostname as SNI, none for '', and verifies against it", async () => {
    const before = wrongHost.secure.length;
    const named = await connectTo(ssl(wrongHost), {
      SSL_ca_file: pki.ca.certFile,
      SSL_hostname: 'wrong.example',
    });
    expect(named.authorized).toBe(true);
    expect((await serverSide(wrongHost, before + 1)).servername).toBe('wrong.example');
    await connectTo(ssl(trusted), { SSL_ca_file: pki.ca.certFile, SSL_hostname: '' });
    expect(trusted.secure[trusted.secure.length - 1]?.servername).toBe(false);
  });

  it('trusts the CAs of an SSL_ca_path directory holding hashed names only', async () => {
    const socket = await connectTo(ssl(trusted), { SSL_ca_path: pki.caPathDir });
    expect(socket.authorized).toBe(true);
  });

  it('trusts Node ca given as PEM text', async () => {
    expect((await connectTo(ssl(trusted), { ca: pki.ca.cert })).authorized).toBe(true);
  });

  it.each([
    ['a self-signed certificate', () => selfSigned, {}, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['a CA outside the default trust store', () => trusted, {}, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    [
      'a CA other than SSL_ca_file',
      () => otherCa,
      { SSL_ca_file: '<ca>' },
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    ],
    ['the wrong host name', () => wrongHost, { SSL_ca_file: '<ca>' }, 'ERR_TLS_CERT_ALTNAME_INVALID'],
  ])('refuses %s by default, with its code', async (_what, listener, sockopts, code) => {
    const options = Object.fromEntries(
      Object.entries(sockopts).map(([name, value]) => [name, value === '<ca>' ? pki.ca.certFile : value]),
    );
    const error = await failureOf(ssl(listener()), options);
    expect(error.code).toBe(code);
  });

  it('accepts the wrong host name when SSL_verifycn_name or SSL_verifycn_scheme say so', async () => {
    const ca = pki.ca.certFile;
    expect(
      (await connectTo(ssl(wrongHost), { SSL_ca_file: ca, SSL_verifycn_name: 'wrong.example' })).authorized,
    ).toBe(true);
    expect(
      (await connectTo(ssl(wrongHost), { SSL_ca_file: ca, SSL_verifycn_scheme: 'none' })).authorized,
    ).toBe(true);
    expect(
      (await failureOf(ssl(trusted), { SSL_ca_file: ca, SSL_verifycn_name: 'other.example' })).code,
    ).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('still verifies the chain with SSL_verifycn_scheme none', async () => {
    expect((await failureOf(ssl(selfSigned), { SSL_verifycn_scheme: 'none' })).code).toBe(
      'DEPTH_ZERO_SELF_SIGNED_CERT',
    );
  });

  it('uses a custom checkServerIdentity with the name to verify', async () => {
    const names: string[] = [];
    const socket = await connectTo(ssl(trusted, '127.0.0.1'), {
      ca: pki.ca.cert,
      SSL_verifycn_name: 'broker.example',
      checkServerIdentity: (name: string) => {
        names.push(name);
        return undefined;
      },
    });
    expect(names).toEqual(['broker.example']);
    expect(socket.authorized).toBe(true);
  });

  it('connects to an untrusted server with SSL_verify_mode 0 (or rejectUnauthorized false), unauthorized', async () => {
    for (const sockopts of [{ SSL_verify_mode: 0 }, { rejectUnauthorized: false }]) {
      const socket = await connectTo(ssl(selfSigned), sockopts);
      expect(socket.authorized).toBe(false);
      expect(socket.authorizationError).toBeTruthy();
    }
  });

  it('presents a client certificate whose encrypted key SSL_passwd_cb unlocks (string and Promise)', async () => {
    const client = {
      SSL_ca_file: pki.ca.certFile,
      SSL_cert_file: pki.client.certFile,
      SSL_key_file: pki.client.keyFile,
    };
    for (const SSL_passwd_cb of [() => pki.clientPassphrase, async () => pki.clientPassphrase]) {
      const before = mutual.secure.length;
      const socket = await connectTo(ssl(mutual), { ...client, SSL_passwd_cb });
      expect(socket.authorized).toBe(true);
      const server = await serverSide(mutual, before + 1);
      expect(server.authorized).toBe(true);
      expect(server.getPeerCertificate().subject.CN).toBe('stomp client');
    }
  });

  describe('SSL_fingerprint', () => {
    it('accepts a matching certificate even though its chain does not verify', async () => {
      for (const SSL_fingerprint of [
        `sha256$${sha('sha256', pki.selfSigned.cert)}`,
        `sha1$${sha('sha1', pki.selfSigned.cert)
          .toUpperCase()
          .replace(/(..)(?!$)/g, '$1:')}`,
        [`sha256$${'00'.repeat(32)}`, `sha256$${sha('sha256', pki.selfSigned.cert)}`],
      ]) {
        const socket = await connectTo(ssl(selfSigned), { SSL_fingerprint });
        expect(socket.authorized).toBe(false);
      }
    });

    it('accepts a matching public key fingerprint (algo$pub$hex, the key bits as X509_pubkey_digest)', async () => {
      // An EC key's bits are the uncompressed point: 04 || x || y.
      const { x, y } = new X509Certificate(pki.selfSigned.cert).publicKey.export({ format: 'jwk' });
      const point = Buffer.concat([
        Buffer.from([4]),
        Buffer.from(x ?? '', 'base64url'),
        Buffer.from(y ?? '', 'base64url'),
      ]);
      const pin = `sha256$pub$${createHash('sha256').update(point).digest('hex')}`;
      await expect(connectTo(ssl(selfSigned), { SSL_fingerprint: pin })).resolves.toBeDefined();
    });

    it('refuses a certificate that matches no pin, trusted or not', async () => {
      const pin = `sha256$${sha('sha256', pki.selfSigned.cert)}`;
      const error = await failureOf(ssl(trusted), { SSL_ca_file: pki.ca.certFile, SSL_fingerprint: pin });
      expect(error.code).toBe(FINGERPRINT_MISMATCH_CODE);
      expect(error.message).toBe(
        `the certificate (sha256$${sha('sha256', pki.server.cert)}) matches no SSL_fingerprint`,
      );
      expect((await failureOf(ssl(otherCa), { SSL_fingerprint: pin, SSL_verify_mode: 0 })).code).toBe(
        FINGERPRINT_MISMATCH_CODE,
      );
    });
  });

  describe('SSL_version', () => {
    it('fails against a TLS 1.3-only server when capped at TLSv1_2', async () => {
      const error = await failureOf(ssl(tls13Only), { SSL_ca_file: pki.ca.certFile, SSL_version: 'TLSv1_2' });
      expect(error.code).toMatch(/^ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION$|^ERR_SSL_UNSUPPORTED_PROTOCOL$/);
    });

    it.each([
      ['TLSv1_2', 'TLSv1.2'],
      ['TLSv1_3', 'TLSv1.3'],
      ['SSLv23:!TLSv1:!TLSv1_1', 'TLSv1.3'],
    ])('%s negotiates %s', async (SSL_version, protocol) => {
      const socket = await connectTo(ssl(trusted), { SSL_ca_file: pki.ca.certFile, SSL_version });
      expect(socket.getProtocol()).toBe(protocol);
    });

    it('uses SSL_cipher_list for TLS 1.2', async () => {
      const socket = await connectTo(ssl(trusted), {
        SSL_ca_file: pki.ca.certFile,
        SSL_version: 'TLSv1_2',
        SSL_cipher_list: 'ECDHE-ECDSA-AES128-GCM-SHA256',
      });
      expect(socket.getCipher().standardName).toBe('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256');
    });
  });

  it('passes Node options through: ALPNProtocols, timeout (idle, unchanged)', async () => {
    const socket = await connectTo(ssl(trusted), {
      ca: pki.ca.cert,
      ALPNProtocols: ['stomp'],
      timeout: 45678,
    });
    expect(socket.alpnProtocol).toBe('stomp');
    expect(socket.timeout).toBe(45678);
  });

  it('applies the URI tcpNoDelay / keepAlive (over the sockopts) to TLS sockets', async () => {
    const noDelay = jest.spyOn(NetSocket.prototype, 'setNoDelay');
    const keepAlive = jest.spyOn(NetSocket.prototype, 'setKeepAlive');
    try {
      const peer = makePeer('ssl', 'localhost', trusted.port, { tcpNoDelay: true, keepAlive: true });
      await connectTo(peer, { ca: pki.ca.cert, noDelay: false, keepAliveInitialDelay: 5000 });
      expect(noDelay).toHaveBeenCalledWith(true);
      expect(keepAlive).toHaveBeenCalledWith(true, 5000);
    } finally {
      noDelay.mockRestore();
      keepAlive.mockRestore();
    }
  });

  const hasV6 = Object.values(networkInterfaces()).some((list) =>
    (list ?? []).some((info) => info.family === 'IPv6' && info.address === '::1'),
  );
  if (!hasV6) console.warn('IPv6 [::1] TLS test NOT RUN: this machine has no ::1 loopback address');
  (hasV6 ? it : it.skip)('connects to an IPv6 [::1] peer, verifying the IP address', async () => {
    const v6 = await listenTls({ key: pki.server.key, cert: pki.server.cert }, '::1');
    try {
      const socket = await connectTo(makePeer('ssl', '::1', v6.port), { SSL_ca_file: pki.ca.certFile });
      expect(socket.authorized).toBe(true);
      expect(socket.remoteAddress).toBe('::1');
      expect(socket.remoteFamily).toBe('IPv6');
    } finally {
      destroyOpened();
      await v6.close();
    }
  });
});
