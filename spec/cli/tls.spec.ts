import { runCli } from '../../src/cli/run';
import { makeTestPki, type TestPki } from '../helpers/test-pki';
import { listenTls, type TestListener } from '../helpers/tls-listener';
import type { Server } from 'node:tls';
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
    await expect(runCli(['--ca', pki.ca.certFile, `ssl://localhost:${trusted.port}`], io)).resolves.toBe(0);
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
      runCli(['--json', '-q', '--ca', pki.ca.certFile, `ssl://127.0.0.1:${trusted.port}`], io),
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
    await expect(runCli([`ssl://127.0.0.1:${selfSigned.port}`], io)).resolves.toBe(1);
    expect(stdout.lines()[1]).toMatch(
      /failed 1 ssl:\/\/127\.0\.0\.1:\d+ DEPTH_ZERO_SELF_SIGNED_CERT \((?:Error: )?self-signed certificate\) — no more attempts$/,
    );
    expect(stderr.text).toMatch(
      /^stomp-connect: cannot SSL connect to 127\.0\.0\.1:\d+: (?:Error: )?self-signed certificate \(1 attempt\)\n$/,
    );
  });

  it('-o SSL_verify_mode=0 connects and says why it is not authorized', async () => {
    const { io, stdout } = testIo();
    await expect(runCli(['-o', 'SSL_verify_mode=0', `ssl://127.0.0.1:${selfSigned.port}`], io)).resolves.toBe(
      0,
    );
    expect(stdout.lines()[1]).toMatch(
      /connected 1 ssl:\/\/127\.0\.0\.1:\d+ TLSv1\.[23] \S+ not authorized \(DEPTH_ZERO_SELF_SIGNED_CERT\)$/,
    );
  });
});
