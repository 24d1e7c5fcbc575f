import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate file, its key file, and their PEM texts. */
export interface Issued {
  readonly certFile: string;
  readonly keyFile: string;
  readonly cert: string;
  readonly key: string;
}

/**
 * Certificates made at test time with the openssl CLI, in a temporary
 * directory (never committed): a CA, servers it signed, an untrusted
 * self-signed server, a server of another CA, and a client whose key is
 * encrypted with `clientPassphrase`.
 */
export interface TestPki {
  readonly dir: string;
  readonly ca: Issued;
  /** CN=localhost, SAN DNS:localhost, IP:127.0.0.1, IP:::1, signed by `ca`. */
  readonly server: Issued;
  /** SAN DNS:wrong.example only, signed by `ca`. */
  readonly wrongHost: Issued;
  /** Self-signed, SAN DNS:localhost, IP:127.0.0.1. */
  readonly selfSigned: Issued;
  /** Signed by another CA nobody trusts. */
  readonly otherCaServer: Issued;
  /** A client certificate (clientAuth), its key encrypted. */
  readonly client: Issued;
  readonly clientPassphrase: string;
  /** A directory holding the CA only under its OpenSSL hashed name (`a1b2c3d4.0`), plus a non-certificate file. */
  readonly caPathDir: string;
  /** The hashed name used in `caPathDir`. */
  readonly caHashName: string;
  remove(): void;
}

const OPENSSL = '/usr/bin/openssl';
const run = (args: string[], cwd: string): string =>
  execFileSync(OPENSSL, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const EC = ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];

function newKey(dir: string, name: string, passphrase?: string): string {
  const file = join(dir, `${name}.key`);
  const cipher = passphrase === undefined ? [] : ['-aes-256-cbc', '-pass', `pass:${passphrase}`];
  run(['genpkey', ...EC, ...cipher, '-out', file], dir);
  return file;
}

function issued(certFile: string, keyFile: string): Issued {
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

function selfSigned(dir: string, name: string, subject: string, extensions: string[]): Issued {
  const keyFile = newKey(dir, name);
  const certFile = join(dir, `${name}.pem`);
  const ext = extensions.flatMap((e) => ['-addext', e]);
  run(
    ['req', '-x509', '-new', '-key', keyFile, '-subj', subject, '-days', '2', '-out', certFile, ...ext],
    dir,
  );
  return issued(certFile, keyFile);
}

function signed(
  dir: string,
  name: string,
  ca: Issued,
  subject: string,
  ext: string,
  passphrase?: string,
): Issued {
  const keyFile = newKey(dir, name, passphrase);
  const csr = join(dir, `${name}.csr`);
  const extFile = join(dir, `${name}.ext`);
  const certFile = join(dir, `${name}.pem`);
  const passin = passphrase === undefined ? [] : ['-passin', `pass:${passphrase}`];
  run(['req', '-new', '-key', keyFile, ...passin, '-subj', subject, '-out', csr], dir);
  writeFileSync(extFile, `basicConstraints=CA:FALSE\n${ext}\n`);
  const serial = `0x${Math.floor(Math.random() * 2 ** 48).toString(16)}`;
  run(
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      ca.certFile,
      '-CAkey',
      ca.keyFile,
      '-set_serial',
      serial,
      '-days',
      '2',
      '-extfile',
      extFile,
      '-out',
      certFile,
    ],
    dir,
  );
  return issued(certFile, keyFile);
}

/**
 * Makes a fresh PKI in a temporary directory (EC P-256 keys: fast). Call
 * `remove()` in `afterAll`.
 */
export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'stomp-connection-pki-'));
  const caExt = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'];
  const ca = selfSigned(dir, 'ca', '/CN=stomp-connection test CA', caExt);
  const otherCa = selfSigned(dir, 'other-ca', '/CN=untrusted CA', caExt);
  const serverAuth = 'extendedKeyUsage=serverAuth';
  const clientPassphrase = `pass-${Math.random().toString(36).slice(2)}`;
  const caPathDir = join(dir, 'capath');
  mkdirSync(caPathDir);
  const caHashName = `${run(['x509', '-hash', '-noout', '-in', ca.certFile], dir).trim()}.0`;
  copyFileSync(ca.certFile, join(caPathDir, caHashName));
  writeFileSync(join(caPathDir, 'README'), 'not a certificate\n');
  return {
    dir,
    ca,
    server: signed(
      dir,
      'server',
      ca,
      '/CN=localhost',
      `subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n${serverAuth}`,
    ),
    wrongHost: signed(
      dir,
      'wrong-host',
      ca,
      '/CN=wrong.example',
      `subjectAltName=DNS:wrong.example\n${serverAuth}`,
    ),
    selfSigned: selfSigned(dir, 'self', '/CN=localhost', ['subjectAltName=DNS:localhost,IP:127.0.0.1']),
    otherCaServer: signed(
      dir,
      'other',
      otherCa,
      '/CN=localhost',
      `subjectAltName=DNS:localhost,IP:127.0.0.1\n${serverAuth}`,
    ),
    client: signed(dir, 'client', ca, '/CN=stomp client', 'extendedKeyUsage=clientAuth', clientPassphrase),
    clientPassphrase,
    caPathDir,
    caHashName,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
