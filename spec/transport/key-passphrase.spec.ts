import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { firstValueFrom } from 'rxjs';
import { SockoptError } from '../../src/errors/sockopt-error';
import { checkSockopts, prepareSockopts$ } from '../../src/transport/sockopts';
import type { Sockopts } from '../../src/types';
import { TLS_PLAN } from '../helpers/peers';
import { makeTestPki, type TestPki } from '../helpers/test-pki';

let pki: TestPki;
/** The client key in OpenSSL's legacy encrypted form (Proc-Type: 4,ENCRYPTED). */
let legacyKey: string;
/** The client certificate and key as PKCS#12, encrypted with the client passphrase. */
let pfx: Buffer;
/** Certificate and encrypted key in one file. */
let bothFile: string;

beforeAll(() => {
  pki = makeTestPki();
  const openssl = (args: string[]): Buffer => execFileSync('/usr/bin/openssl', args, { cwd: pki.dir });
  const pass = `pass:${pki.clientPassphrase}`;
  legacyKey = openssl([
    'pkey',
    '-in',
    pki.client.keyFile,
    '-passin',
    pass,
    '-traditional',
    '-aes256',
    '-passout',
    pass,
  ]).toString();
  pfx = openssl([
    'pkcs12',
    '-export',
    '-in',
    pki.client.certFile,
    '-inkey',
    pki.client.keyFile,
    '-passin',
    pass,
    '-passout',
    pass,
  ]);
  bothFile = join(pki.dir, 'client-both.pem');
  writeFileSync(bothFile, pki.client.cert + pki.client.key);
});
afterAll(() => pki.remove());

/** The SockoptError of checking, then preparing, the sockopts (whichever fails first). */
async function failure(sockopts: Sockopts): Promise<SockoptError> {
  const error: unknown = await Promise.resolve()
    .then(() => firstValueFrom(prepareSockopts$(checkSockopts(sockopts, TLS_PLAN))))
    .then(
      () => new Error('the sockopts were accepted'),
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(SockoptError);
  return error as SockoptError;
}

const GIVES = '(SSL_passwd_cb or passphrase gives it)';
const GIVES_ITEM = '(SSL_passwd_cb, passphrase, or { pem, passphrase } gives it)';

type Row = readonly [option: string, sockopts: () => Sockopts, message: () => string];

describe('an encrypted key with no passphrase at all: says so, naming the key', () => {
  it.each<Row>([
    [
      'SSL_key_file',
      () => ({ SSL_cert_file: pki.client.certFile, SSL_key_file: pki.client.keyFile }),
      () => `the key in ${pki.client.keyFile} is encrypted and no passphrase was given ${GIVES}`,
    ],
    [
      'SSL_cert_file',
      () => ({ SSL_cert_file: bothFile }),
      () => `the key in ${bothFile} is encrypted and no passphrase was given ${GIVES}`,
    ],
    [
      'key',
      () => ({ cert: pki.client.cert, key: pki.client.key }),
      () => `the key is encrypted and no passphrase was given ${GIVES}`,
    ],
    [
      'key',
      () => ({ cert: pki.client.cert, key: Buffer.from(pki.client.key) }),
      () => `the key is encrypted and no passphrase was given ${GIVES}`,
    ],
    [
      'key',
      () => ({ cert: pki.client.cert, key: legacyKey }),
      () => `the key is encrypted and no passphrase was given ${GIVES}`,
    ],
    [
      'key',
      () => ({ cert: pki.client.cert, key: [pki.server.key, pki.client.key] }),
      () => `the key at item 1 of the array is encrypted and no passphrase was given ${GIVES_ITEM}`,
    ],
    [
      'key',
      () => ({
        cert: pki.client.cert,
        key: [{ pem: pki.client.key, passphrase: pki.clientPassphrase }, { pem: legacyKey }],
      }),
      () => `the key at item 1 of the array is encrypted and no passphrase was given ${GIVES_ITEM}`,
    ],
    ['pfx', () => ({ pfx }), () => `the pfx is encrypted and no passphrase was given ${GIVES}`],
  ])('%s', async (option, sockopts, message) => {
    const error = await failure(sockopts());
    expect(error.message).toBe(`sockopt ${option}: ${message()}`);
    expect(error.option).toBe(option);
  });

  it("Node's key: known at once, synchronously, before any I/O", () => {
    expect(() => checkSockopts({ cert: pki.client.cert, key: pki.client.key }, TLS_PLAN)).toThrow(
      new SockoptError(`sockopt key: the key is encrypted and no passphrase was given ${GIVES}`),
    );
  });
});

describe('an encrypted key with a wrong passphrase: the passphrase does not unlock it', () => {
  const wrong = 'wrong-Passphrase-42';
  it.each<Row>([
    [
      'SSL_key_file',
      () => ({
        SSL_cert_file: pki.client.certFile,
        SSL_key_file: pki.client.keyFile,
        SSL_passwd_cb: () => wrong,
      }),
      () => `the passphrase does not unlock the key in ${pki.client.keyFile}`,
    ],
    [
      'SSL_key_file',
      () => ({
        SSL_cert_file: pki.client.certFile,
        SSL_key_file: pki.client.keyFile,
        SSL_passwd_cb: () => '',
      }),
      () => `the passphrase does not unlock the key in ${pki.client.keyFile}`,
    ],
    [
      'passphrase',
      () => ({ cert: pki.client.cert, key: pki.client.key, passphrase: wrong }),
      () => 'the passphrase does not unlock the key',
    ],
    [
      'passphrase',
      () => ({ cert: pki.client.cert, key: legacyKey, passphrase: wrong }),
      () => 'the passphrase does not unlock the key',
    ],
    [
      'passphrase',
      () => ({ cert: pki.client.cert, key: [pki.server.key, pki.client.key], passphrase: wrong }),
      () => 'the passphrase does not unlock the key at item 1 of the array',
    ],
    [
      'SSL_passwd_cb',
      () => ({ cert: pki.client.cert, key: [pki.server.key, legacyKey], SSL_passwd_cb: () => wrong }),
      () => 'the passphrase does not unlock the key at item 1 of the array',
    ],
    [
      'key',
      () => ({ cert: pki.client.cert, key: [{ pem: pki.client.key, passphrase: wrong }] }),
      () => 'the passphrase of item 0 of the array does not unlock its key',
    ],
    ['passphrase', () => ({ pfx, passphrase: wrong }), () => 'the passphrase does not unlock the pfx'],
  ])('%s', async (option, sockopts, message) => {
    const error = await failure(sockopts());
    expect(error.message).toBe(`sockopt ${option}: ${message()}`);
    expect(error.option).toBe(option);
    expect(inspect(error, { depth: 10 })).not.toContain(wrong);
    expect(inspect(error, { depth: 10 })).not.toContain(pki.clientPassphrase);
  });

  it.each<readonly [what: string, sockopts: () => Sockopts]>([
    [
      'the right passphrase',
      () => ({ cert: pki.client.cert, key: pki.client.key, passphrase: pki.clientPassphrase }),
    ],
    [
      'a legacy key, the right passphrase',
      () => ({ cert: pki.client.cert, key: legacyKey, passphrase: pki.clientPassphrase }),
    ],
    [
      "the item's own passphrase",
      () => ({ cert: pki.client.cert, key: [{ pem: pki.client.key, passphrase: pki.clientPassphrase }] }),
    ],
    [
      'SSL_passwd_cb for Node key',
      () => ({ cert: pki.client.cert, key: pki.client.key, SSL_passwd_cb: () => pki.clientPassphrase }),
    ],
    ['a pfx and its passphrase', () => ({ pfx, passphrase: pki.clientPassphrase })],
    ['a plain key, no passphrase', () => ({ cert: pki.server.cert, key: readFileSync(pki.server.keyFile) })],
  ])('accepts %s', async (_what, sockopts) => {
    await expect(
      firstValueFrom(prepareSockopts$(checkSockopts(sockopts(), TLS_PLAN))),
    ).resolves.toBeDefined();
  });
});
