import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { firstValueFrom } from 'rxjs';
import { SockoptError } from '../../src/errors/sockopt-error';
import { readCaPath } from '../../src/transport/ca-path';
import { checkSockopts, prepareSockopts$, type PreparedSockopts } from '../../src/transport/sockopts';
import type { SockoptRecord } from '../../src/types';
import { TCP_PLAN, TLS_PLAN } from '../helpers/peers';
import { makeTestPki, type TestPki } from '../helpers/test-pki';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => pki.remove());

const prepare = (sockopts: SockoptRecord, plan = TLS_PLAN): Promise<PreparedSockopts> =>
  firstValueFrom(prepareSockopts$(checkSockopts(sockopts, plan)));

async function failure(sockopts: SockoptRecord, plan = TLS_PLAN): Promise<SockoptError> {
  const error: unknown = await prepare(sockopts, plan).then(
    () => new Error('prepareSockopts$ did not fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SockoptError);
  return error as SockoptError;
}

/** The client options with the encrypted key and this passphrase callback. */
const client = (SSL_passwd_cb?: () => unknown): SockoptRecord => ({
  SSL_cert_file: pki.client.certFile,
  SSL_key_file: pki.client.keyFile,
  SSL_passwd_cb,
});

describe('prepareSockopts$', () => {
  it('emits synchronously when nothing needs I/O', () => {
    for (const [sockopts, plan] of [
      [{ Timeout: 2, noDelay: true }, TCP_PLAN],
      [{ SSL_verify_mode: 0, SSL_version: 'TLSv1_2' }, TLS_PLAN],
      [{ ca: pki.ca.cert, SSL_fingerprint: `sha1$${'00'.repeat(20)}` }, TLS_PLAN],
    ] as const) {
      const seen: PreparedSockopts[] = [];
      let completed = false;
      prepareSockopts$(checkSockopts(sockopts, plan)).subscribe({
        next: (prepared) => seen.push(prepared),
        complete: () => (completed = true),
      });
      expect(seen).toHaveLength(1);
      expect(completed).toBe(true);
      expect(seen[0]?.secureContext === undefined).toBe(plan === TCP_PLAN);
      expect(Object.isFrozen(seen[0])).toBe(true);
    }
  });

  it('keeps the checked fields', async () => {
    const prepared = await prepare({ Timeout: 3, SSL_ca_file: pki.ca.certFile });
    expect(prepared.attemptTimeout).toBe(3000);
    expect(prepared.tls?.caFile).toBe(pki.ca.certFile);
    expect(prepared.given).toEqual({ Timeout: 3, SSL_ca_file: pki.ca.certFile });
  });

  it.each([
    ['SSL_ca_file', (dir: string) => ({ SSL_ca_file: join(dir, 'missing.pem') })],
    ['SSL_cert_file', (dir: string) => ({ SSL_cert_file: join(dir, 'missing.pem') })],
    [
      'SSL_key_file',
      (dir: string) => ({ SSL_cert_file: join(dir, 'ca.pem'), SSL_key_file: join(dir, 'nokey.pem') }),
    ],
  ])('fails with the path when %s cannot be read', async (option, sockopts) => {
    const error = await failure(sockopts(pki.dir));
    expect(error.option).toBe(option);
    expect(error.message).toMatch(
      new RegExp(`^sockopt ${option}: cannot read ${pki.dir}/\\S+ \\(ENOENT\\)$`),
    );
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('fails when SSL_ca_path is not a readable directory, or holds no certificate', async () => {
    const missing = await failure({ SSL_ca_path: join(pki.dir, 'nodir') });
    expect(missing.message).toBe(`sockopt SSL_ca_path: cannot read the directory ${pki.dir}/nodir (ENOENT)`);
    const notDir = await failure({ SSL_ca_path: pki.ca.certFile });
    expect(notDir.message).toBe(
      `sockopt SSL_ca_path: cannot read the directory ${pki.ca.certFile} (ENOTDIR)`,
    );
    const empty = join(pki.dir, 'no-certs');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'nothing here');
    const none = await failure({ SSL_ca_path: empty });
    expect(none.message).toBe(`sockopt SSL_ca_path: the directory ${empty} holds no PEM certificate`);
  });

  it('reads every certificate of SSL_ca_path, hashed names included, each once', async () => {
    const dir = join(pki.dir, 'rehashed');
    mkdirSync(dir);
    mkdirSync(join(dir, 'subdir'));
    copyFileSync(pki.ca.certFile, join(dir, 'ca.pem'));
    symlinkSync('ca.pem', join(dir, 'a1b2c3d4.0'));
    copyFileSync(pki.selfSigned.certFile, join(dir, '0badc0de.1'));
    writeFileSync(join(dir, 'README'), 'hashed links made by c_rehash');
    expect(await readCaPath(dir)).toEqual([pki.selfSigned.cert, pki.ca.cert]);
    expect(await readCaPath(pki.caPathDir)).toEqual([pki.ca.cert]);
    const prepared = await prepare({ SSL_ca_path: dir, SSL_ca_file: pki.ca.certFile });
    expect(prepared.secureContext).toBeDefined();
  });

  it('SSL_ca_path: a broken symbolic link is an error naming it, never a store with a CA missing', async () => {
    const dir = join(pki.dir, 'broken-link');
    mkdirSync(dir);
    copyFileSync(pki.ca.certFile, join(dir, 'ca.pem'));
    symlinkSync('gone.pem', join(dir, 'deadbeef.0'));
    const error = await failure({ SSL_ca_path: dir });
    expect(error.message).toBe(
      `sockopt SSL_ca_path: cannot read ${dir}/deadbeef.0 (ENOENT: a symbolic link to a missing file)`,
    );
    expect(error.option).toBe('SSL_ca_path');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('SSL_ca_path: a symbolic link loop is an error naming it', async () => {
    const dir = join(pki.dir, 'link-loop');
    mkdirSync(dir);
    copyFileSync(pki.ca.certFile, join(dir, 'ca.pem'));
    symlinkSync('b.0', join(dir, 'a.0'));
    symlinkSync('a.0', join(dir, 'b.0'));
    const error = await failure({ SSL_ca_path: dir });
    expect(error.message).toBe(
      `sockopt SSL_ca_path: cannot read ${dir}/a.0 (ELOOP: too many levels of symbolic links)`,
    );
  });

  it('SSL_ca_path skips what is not a regular file: a FIFO in it cannot block the run', async () => {
    const dir = join(pki.dir, 'with-fifo');
    mkdirSync(dir);
    copyFileSync(pki.ca.certFile, join(dir, 'ca.pem'));
    execFileSync('mkfifo', [join(dir, 'x.fifo')]); // reading it would wait for a writer forever
    expect(await readCaPath(dir)).toEqual([pki.ca.cert]);
  });

  it('fails when SSL_ca_file holds no certificate', async () => {
    const error = await failure({ SSL_ca_file: pki.ca.keyFile });
    expect(error.message).toBe(`sockopt SSL_ca_file: ${pki.ca.keyFile} holds no PEM certificate`);
  });

  it('takes the key from SSL_cert_file when no SSL_key_file is given, as IO::Socket::SSL', async () => {
    const both = join(pki.dir, 'cert-and-key.pem');
    writeFileSync(both, pki.server.cert + pki.server.key);
    await expect(prepare({ SSL_cert_file: both })).resolves.toBeDefined();
    const error = await failure({ SSL_cert_file: pki.server.certFile });
    expect(error.message).toBe(
      `sockopt SSL_cert_file: ${pki.server.certFile} holds no PEM private key (and no SSL_key_file is given)`,
    );
  });

  it('unlocks an encrypted key with SSL_passwd_cb, a string or a Promise', async () => {
    await expect(prepare(client(() => pki.clientPassphrase))).resolves.toBeDefined();
    await expect(prepare(client(async () => pki.clientPassphrase))).resolves.toBeDefined();
  });

  it('fails with the path, never the passphrase, when the passphrase is wrong', async () => {
    const wrong = 'wrong-Passphrase-42';
    for (const callback of [() => wrong, () => Promise.resolve(wrong)]) {
      const error = await failure(client(callback));
      expect(error.message).toBe(
        `sockopt SSL_key_file: the passphrase does not unlock the key in ${pki.client.keyFile}`,
      );
      expect(error.option).toBe('SSL_key_file');
      expect(inspect(error, { depth: 10 })).not.toContain(wrong);
      expect(inspect(error, { depth: 10 })).not.toContain(pki.clientPassphrase);
    }
  });

  it('fails when an encrypted key has no passphrase', async () => {
    const error = await failure(client());
    expect(error.message).toBe(
      `sockopt SSL_key_file: the key in ${pki.client.keyFile} is encrypted and no passphrase was given (SSL_passwd_cb or passphrase gives it)`,
    );
  });

  it('fails when SSL_passwd_cb throws, rejects or gives no string', async () => {
    const boom = new Error('no keyring');
    const thrown = await failure(
      client(() => {
        throw boom;
      }),
    );
    expect(thrown.message).toBe('sockopt SSL_passwd_cb failed (see cause)');
    expect(thrown.cause).toBe(boom);
    expect((await failure(client(() => Promise.reject(boom)))).cause).toBe(boom);
    expect((await failure(client(() => 42))).message).toBe(
      'sockopt SSL_passwd_cb returned a number (not shown), not a string or a Promise of one',
    );
  });

  it('calls SSL_passwd_cb once, and only for an encrypted key', async () => {
    const callback = jest.fn(() => pki.clientPassphrase);
    await prepare(client(callback));
    expect(callback).toHaveBeenCalledTimes(1);
    const unused = jest.fn(() => 'x');
    await prepare({
      SSL_cert_file: pki.server.certFile,
      SSL_key_file: pki.server.keyFile,
      SSL_passwd_cb: unused,
    });
    expect(unused).not.toHaveBeenCalled();
  });

  it('takes Node passphrase for SSL_key_file, and for Node key', async () => {
    const passphrase = pki.clientPassphrase;
    await expect(
      prepare({ SSL_cert_file: pki.client.certFile, SSL_key_file: pki.client.keyFile, passphrase }),
    ).resolves.toBeDefined();
    await expect(prepare({ cert: pki.client.cert, key: pki.client.key, passphrase })).resolves.toBeDefined();
    const error = await failure({ cert: pki.client.cert, key: pki.client.key, passphrase: 'nope' });
    expect(error.message).toBe('sockopt passphrase: the passphrase does not unlock the key');
  });

  it('fails when the key does not belong to the certificate', async () => {
    const error = await failure({ SSL_cert_file: pki.server.certFile, SSL_key_file: pki.selfSigned.keyFile });
    expect(error.message).toBe('sockopt SSL_key_file: the key does not match the certificate');
  });

  it('fails before any attempt when no cipher of SSL_cipher_list is known', async () => {
    const error = await failure({ SSL_cipher_list: 'NO-SUCH-CIPHER' });
    expect(error.option).toBe('SSL_cipher_list');
    expect(error.message).toBe('sockopt SSL_cipher_list: no cipher of the list is known');
  });

  it('resolves a LocalAddr host name to an address', async () => {
    const prepared = await prepare({ LocalAddr: 'localhost:0', Family: 4 }, TCP_PLAN);
    expect(prepared.net).toEqual({ localAddress: '127.0.0.1', localPort: 0, family: 4 });
    const error = await failure({ LocalHost: 'nonexistent.invalid' }, TCP_PLAN);
    expect(error.message).toBe('sockopt LocalHost: cannot resolve nonexistent.invalid (ENOTFOUND)');
  });

  it('never shows the passphrase or the key in util.inspect of the prepared sockopts', async () => {
    const prepared = await prepare(client(() => pki.clientPassphrase));
    const withNode = await prepare({
      cert: pki.client.cert,
      key: pki.client.key,
      passphrase: pki.clientPassphrase,
    });
    for (const value of [prepared, withNode]) {
      for (const text of [inspect(value, { depth: 20 }), inspect(value, { depth: 20, showHidden: true })]) {
        expect(text).not.toContain(pki.clientPassphrase);
        expect(text).not.toContain('PRIVATE KEY');
      }
      expect(JSON.stringify(value.given)).not.toContain(pki.clientPassphrase);
    }
  });
});

describe('prepareSockopts$ with Node key as a Buffer', () => {
  it('calls SSL_passwd_cb for an encrypted key given as a Buffer', async () => {
    const callback = jest.fn(() => pki.clientPassphrase);
    const sockopts = { cert: pki.client.cert, key: Buffer.from(pki.client.key), SSL_passwd_cb: callback };
    await expect(prepare(sockopts)).resolves.toBeDefined();
    expect(callback).toHaveBeenCalledTimes(1);
  });
});
