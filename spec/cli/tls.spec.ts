import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';
import { makeTestPki, type TestPki } from '../helpers/test-pki';
import { listenTls, type TestListener } from '../helpers/tls-listener';
import type { Server, TLSSocket } from 'node:tls';
import { testIo } from './cli-streams';

const T = '\\+\\d+ms';
const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ';

describe('runCli over TLS on 127.0.0.1', () => {
  let pki: TestPki;
  let trusted: TestListener<Server>;
  let selfSigned: TestListener<Server>;
  beforeAll(async () => {
    pki = makeTestPki();
    trusted = await listenTls({ cert: pki.server.cert, key: pki.server.key });
    selfSigned = await listenTls({ cert: pki.selfSigned.cert, key: pki.selfSigned.key });
  });
  afterAll(async () => {
    await Promise.all([trusted.close(), selfSigned.close()]);
    pki.remove();
  });

  it('--ca: protocol, cipher, authorized, the certificate CN and expiry', async () => {
    const { io, stdout, stderr } = testIo();
    await expect(
      runCli(['--no-stomp', '--ca', pki.ca.certFile, `ssl://localhost:${trusted.port}`], io),
    ).resolves.toBe(0);
    expect(stdout.lines()).toEqual([
      expect.stringMatching(new RegExp(`^${T} attempt 1 ssl://localhost:${trusted.port}$`)),
      expect.stringMatching(
        new RegExp(`^${T} connected 1 ssl://localhost:${trusted.port} TLSv1\\.[23] [A-Z0-9_-]+ authorized$`),
      ),
      expect.stringMatching(new RegExp(`^ +certificate CN=localhost, expires ${ISO}$`)),
    ]);
    expect(stderr.text).toBe('');
  });

  it('--json carries the TLS facts', async () => {
    const { io, stdout } = testIo();
    await expect(
      runCli(['--no-stomp', '--json', '-q', '--ca', pki.ca.certFile, `ssl://127.0.0.1:${trusted.port}`], io),
    ).resolves.toBe(0);
    expect(JSON.parse(stdout.text)).toMatchObject({
      type: 'connected',
      tls: {
        protocol: expect.stringMatching(/^TLSv1\.[23]$/),
        cipher: expect.any(String),
        authorized: true,
        subject: 'localhost',
        validTo: expect.stringMatching(new RegExp(`^${ISO}$`)),
      },
    });
  });

  it('a self-signed broker fails verification by default: exit 1 with the reason', async () => {
    const { io, stdout, stderr } = testIo();
    await expect(runCli(['--no-stomp', `ssl://127.0.0.1:${selfSigned.port}`], io)).resolves.toBe(1);
    expect(stdout.lines()[1]).toMatch(
      /failed 1 ssl:\/\/127\.0\.0\.1:\d+ DEPTH_ZERO_SELF_SIGNED_CERT \((?:Error: )?self-signed certificate\) — no more attempts$/,
    );
    expect(stderr.text).toMatch(
      /^stomp-connect: cannot SSL connect to 127\.0\.0\.1:\d+: (?:Error: )?self-signed certificate \(1 attempt\)\n$/,
    );
  });

  it('-o SSL_verify_mode=0 connects and says why it is not authorized', async () => {
    const { io, stdout } = testIo();
    await expect(
      runCli(['--no-stomp', '-o', 'SSL_verify_mode=0', `ssl://127.0.0.1:${selfSigned.port}`], io),
    ).resolves.toBe(0);
    expect(stdout.lines()[1]).toMatch(
      /connected 1 ssl:\/\/127\.0\.0\.1:\d+ TLSv1\.[23] \S+ not authorized \(DEPTH_ZERO_SELF_SIGNED_CERT\)$/,
    );
  });
});

describe('runCli with an encrypted client key, against a TLS server that requires a client certificate', () => {
  const NUMERIC = '123456';
  let pki: TestPki;
  let numericKeyFile: string;
  let mtls: TestListener<Server>;
  /** The CN of each client certificate the server accepted, in order. */
  const clientCns: unknown[] = [];
  beforeAll(async () => {
    pki = makeTestPki();
    // The client key again, encrypted with a passphrase that looks like a number.
    numericKeyFile = join(pki.dir, 'client-numeric.key');
    execFileSync('/usr/bin/openssl', [
      'pkey',
      '-in',
      pki.client.keyFile,
      '-passin',
      `pass:${pki.clientPassphrase}`,
      '-aes256',
      '-passout',
      `pass:${NUMERIC}`,
      '-out',
      numericKeyFile,
    ]);
    mtls = await listenTls({
      cert: pki.server.cert,
      key: pki.server.key,
      ca: pki.ca.cert,
      requestCert: true,
      rejectUnauthorized: true,
    });
    mtls.server.on('secureConnection', (socket: TLSSocket) => {
      clientCns.push(socket.getPeerCertificate().subject?.CN);
    });
  });
  afterAll(async () => {
    await mtls.close();
    pki.remove();
  });

  const keyArgs = (keyFile: string): string[] => [
    '--ca',
    pki.ca.certFile,
    '--cert',
    pki.client.certFile,
    '--key',
    keyFile,
    `ssl://localhost:${mtls.port}`,
  ];

  it('$STOMP_KEY_PASSPHRASE unlocks the key; the passphrase is never shown', async () => {
    const { io, stdout, stderr } = testIo({ env: { STOMP_KEY_PASSPHRASE: pki.clientPassphrase } });
    const seen = clientCns.length;
    await expect(runCli(['--no-stomp', '--json', ...keyArgs(pki.client.keyFile)], io)).resolves.toBe(0);
    expect(stdout.lines().map((line) => JSON.parse(line) as { type: string })).toEqual([
      expect.objectContaining({ type: 'attempt' }),
      expect.objectContaining({ type: 'connected', tls: expect.objectContaining({ authorized: true }) }),
    ]);
    expect(clientCns.slice(seen)).toEqual(['stomp client']);
    expect(stdout.text + stderr.text).not.toContain(pki.clientPassphrase);
  });

  it('without a passphrase: exit 2, the key is encrypted', async () => {
    const { io, stdout, stderr } = testIo();
    await expect(runCli(['--no-stomp', ...keyArgs(pki.client.keyFile)], io)).resolves.toBe(2);
    expect(stdout.text).toBe('');
    expect(stderr.lines()).toEqual([
      expect.stringMatching(/^stomp-connect: sockopt SSL_key_file: the key in \S+ is encrypted/),
    ]);
  });

  it('a wrong $STOMP_KEY_PASSPHRASE: exit 2, never shown', async () => {
    const { io, stderr } = testIo({ env: { STOMP_KEY_PASSPHRASE: 'not-it-42' } });
    await expect(runCli(['--no-stomp', ...keyArgs(pki.client.keyFile)], io)).resolves.toBe(2);
    expect(stderr.lines()).toEqual([expect.stringMatching(/the passphrase does not unlock the key/)]);
    expect(stderr.text).not.toContain('not-it-42');
  });

  it('-o passphrase=123456 (a number-looking passphrase) unlocks the key', async () => {
    const { io, stdout, stderr } = testIo();
    const seen = clientCns.length;
    await expect(
      runCli(['--no-stomp', '-o', `passphrase=${NUMERIC}`, ...keyArgs(numericKeyFile)], io),
    ).resolves.toBe(0);
    expect(stdout.lines()[1]).toMatch(/ connected 1 ssl:\/\/localhost:\d+ TLSv1\.[23] \S+ authorized$/);
    expect(clientCns.slice(seen)).toEqual(['stomp client']);
    expect(stderr.text).toBe('');
  });

  it('$STOMP_KEY_PASSPHRASE=123456 stays a string and unlocks the key', async () => {
    const { io } = testIo({ env: { STOMP_KEY_PASSPHRASE: NUMERIC } });
    await expect(runCli(['--no-stomp', ...keyArgs(numericKeyFile)], io)).resolves.toBe(0);
  });

  it('a passphrase sockopt wins over $STOMP_KEY_PASSPHRASE', async () => {
    const { io } = testIo({ env: { STOMP_KEY_PASSPHRASE: 'not-it' } });
    await expect(
      runCli(['--no-stomp', '-o', `passphrase=${NUMERIC}`, ...keyArgs(numericKeyFile)], io),
    ).resolves.toBe(0);
  });
});
