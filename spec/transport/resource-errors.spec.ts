import { chmodSync, copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:tls';
import { runNode, transpiledLibrary, type ChildResult } from '../helpers/child-node';
import { makeTestPki, type TestPki } from '../helpers/test-pki';
import { listenTls, type TestListener } from '../helpers/tls-listener';

const FILES = 300;
const CA_INDEX = 150;

let pki: TestPki;
let lib: { dir: string; remove(): void };
let listener: TestListener<Server>;
let caDir: string;

beforeAll(async () => {
  pki = makeTestPki();
  lib = transpiledLibrary();
  listener = await listenTls({ key: pki.server.key, cert: pki.server.cert });
  // 300 distinct files (a comment line before the PEM block makes each text its own):
  // the test CA in the middle, copies of an untrusted certificate around it.
  caDir = join(pki.dir, 'many');
  mkdirSync(caDir);
  for (let i = 0; i < FILES; i++) {
    const pem = i === CA_INDEX ? pki.ca.cert : pki.selfSigned.cert;
    writeFileSync(join(caDir, `cert-${String(i).padStart(3, '0')}.pem`), `# file ${i}\n${pem}`);
  }
}, 60_000);
afterAll(async () => {
  await listener.close();
  lib.remove();
  pki.remove();
});

/**
 * In a child: optionally takes every free descriptor but `FREE`, then starts
 * `RUNS` reads of the CA directory and (with `PORT`) `RUNS` connects using
 * it, all at once; prints what each ended with.
 */
const CHILD = `
const fs = require('node:fs');
const { readCaPath } = require(process.env.LIB + '/transport/ca-path.js');
const { connect } = require(process.env.LIB + '/index.js');
const shown = (r) => r.status === 'fulfilled' ? r.value
  : { name: r.reason.name, code: r.reason.code, option: r.reason.option, message: r.reason.message };
(async () => {
  const held = [];
  if (process.env.FREE !== undefined) {
    try { for (;;) held.push(fs.openSync('/dev/null', 'r')); } catch (e) { if (e.code !== 'EMFILE') throw e; }
    for (const fd of held.splice(held.length - Number(process.env.FREE))) fs.closeSync(fd);
  }
  const runs = Array.from({ length: Number(process.env.RUNS) });
  const reads = runs.map(() => readCaPath(process.env.CA_DIR).then((list) => ({ certificates: list.length })));
  const connects = process.env.PORT === undefined ? [] : runs.map(() =>
    connect('ssl://127.0.0.1:' + process.env.PORT, { SSL_ca_path: process.env.CA_DIR }).then((socket) => {
      const authorized = socket.authorized;
      socket.destroy();
      return { authorized };
    }));
  const results = await Promise.allSettled([...reads, ...connects]);
  for (const fd of held) fs.closeSync(fd);
  process.stdout.write(JSON.stringify(results.map(shown)));
})();
`;

interface Outcome {
  readonly certificates?: number;
  readonly authorized?: boolean;
  readonly name?: string;
  readonly code?: string;
  readonly option?: string;
  readonly message?: string;
}

/** What the child printed, once it is known that it ended well (a crash would show here, with its output). */
function printed(result: ChildResult): unknown {
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  return JSON.parse(result.stdout);
}
const outcomes = (result: ChildResult): Outcome[] => printed(result) as Outcome[];

const child = (env: Record<string, string>, limit: number): Promise<ChildResult> =>
  runNode(CHILD, { prefix: `ulimit -n ${limit}`, env: { LIB: lib.dir, CA_DIR: caDir, ...env } });

/** The message of running out of descriptors on one file of the directory. */
const outOfDescriptors = (): RegExp =>
  new RegExp(`^sockopt SSL_ca_path: cannot read ${caDir}/cert-\\d{3}\\.pem \\((EMFILE|ENFILE)\\b`);

describe('SSL_ca_path under a real descriptor limit (a child process run with ulimit -n)', () => {
  it('a few runs at once, 300 files, ulimit -n 64: each gets the full store, or a SockoptError naming the cause', async () => {
    const results = outcomes(await child({ RUNS: '6', PORT: String(listener.port) }, 64));
    expect(results).toHaveLength(12);
    for (const outcome of results) {
      if (outcome.certificates !== undefined) expect(outcome.certificates).toBe(FILES);
      else if (outcome.authorized !== undefined) expect(outcome.authorized).toBe(true);
      else {
        // Never "holds no PEM certificate", never a verification failure from a partial store.
        expect(outcome).toMatchObject({ name: 'SockoptError', option: 'SSL_ca_path' });
        expect(outcome.message).toMatch(outOfDescriptors());
      }
    }
  });

  it('no descriptor left for the files: a SockoptError naming the file and EMFILE', async () => {
    const [outcome] = outcomes(await child({ RUNS: '1', FREE: '1' }, 64));
    expect(outcome).toMatchObject({ name: 'SockoptError', code: 'ERR_STOMP_SOCKOPT', option: 'SSL_ca_path' });
    expect(outcome?.message).toMatch(
      new RegExp(`^sockopt SSL_ca_path: cannot read ${caDir}/cert-\\d{3}\\.pem \\(EMFILE`),
    );
  });

  it('no descriptor left at all: a SockoptError naming the directory and EMFILE', async () => {
    const [outcome] = outcomes(await child({ RUNS: '1', FREE: '0' }, 64));
    expect(outcome).toMatchObject({ name: 'SockoptError', code: 'ERR_STOMP_SOCKOPT', option: 'SSL_ca_path' });
    expect(outcome?.message).toMatch(
      new RegExp(`^sockopt SSL_ca_path: cannot read the directory ${caDir} \\(EMFILE`),
    );
  });
});

/** In a child: one run with the sockopts of `SOCKOPTS` (JSON); prints what it ended with. */
const CONNECT_ONCE = `
const { connect } = require(process.env.LIB + '/index.js');
connect('ssl://127.0.0.1:' + process.env.PORT, JSON.parse(process.env.SOCKOPTS)).then(
  (socket) => { socket.destroy(); process.stdout.write(JSON.stringify({ authorized: socket.authorized })); },
  (e) => process.stdout.write(JSON.stringify({ name: e.name, code: e.code, option: e.option, message: e.message })),
);
`;

/**
 * How to run a child that mode 000 stops: as root, the kernel lets root read
 * anything, so the child runs as nobody (setpriv); any other user gets EACCES
 * itself. Undefined when neither is possible.
 */
function unprivileged(): readonly string[] | undefined {
  if (process.getuid?.() !== 0) return [];
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));
  return setpriv === undefined ? undefined : [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups'];
}

describe('files a sockopt names that the process may not read (EACCES)', () => {
  const wrapper = unprivileged();
  if (wrapper === undefined) {
    console.warn('EACCES tests NOT RUN: running as root and no setpriv to run a child as nobody');
  }
  let dir: string;
  beforeAll(() => {
    // Everything the child reads must be readable by nobody: a directory of its own.
    dir = join(pki.dir, 'shared');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(pki.dir, 0o755);
    const copy = (from: string, name: string, mode = 0o644): string => {
      const to = join(dir, name);
      copyFileSync(from, to);
      chmodSync(to, mode);
      return to;
    };
    copy(pki.ca.certFile, 'ca.pem');
    copy(pki.ca.certFile, 'locked-ca.pem', 0o000);
    copy(pki.client.certFile, 'client.pem');
    copy(pki.client.certFile, 'locked-client.pem', 0o000);
    copy(pki.client.keyFile, 'locked-client.key', 0o000);
    for (const name of ['capath-locked-file', 'capath-locked-dir', 'capath-locked-subdir', 'capath-link']) {
      mkdirSync(join(dir, name), { mode: 0o755 });
      copy(pki.ca.certFile, `${name}/ca.pem`);
    }
    copy(pki.selfSigned.certFile, 'capath-locked-file/locked.pem', 0o000);
    chmodSync(join(dir, 'capath-locked-dir'), 0o000);
    mkdirSync(join(dir, 'capath-locked-subdir', 'sub'), { mode: 0o000 });
    // A link into a directory nobody may search: stat itself fails.
    symlinkSync(join(dir, 'capath-locked-dir', 'ca.pem'), join(dir, 'capath-link', 'other.0'));
  });

  const EACCES = 'EACCES: permission denied';
  const ROWS: readonly [
    what: string,
    sockopts: (d: string) => Record<string, string>,
    message: (d: string) => string,
  ][] = [
    [
      'a CA directory entry of mode 000',
      (d) => ({ SSL_ca_path: `${d}/capath-locked-file` }),
      (d) => `sockopt SSL_ca_path: cannot read ${d}/capath-locked-file/locked.pem (${EACCES})`,
    ],
    [
      'a CA directory of mode 000',
      (d) => ({ SSL_ca_path: `${d}/capath-locked-dir` }),
      (d) => `sockopt SSL_ca_path: cannot read the directory ${d}/capath-locked-dir (${EACCES})`,
    ],
    [
      'a CA directory entry linking into a directory of mode 000',
      (d) => ({ SSL_ca_path: `${d}/capath-link` }),
      (d) => `sockopt SSL_ca_path: cannot read ${d}/capath-link/other.0 (${EACCES})`,
    ],
    [
      'an SSL_ca_file of mode 000',
      (d) => ({ SSL_ca_file: `${d}/locked-ca.pem` }),
      (d) => `sockopt SSL_ca_file: cannot read ${d}/locked-ca.pem (${EACCES})`,
    ],
    [
      'an SSL_cert_file of mode 000',
      (d) => ({ SSL_ca_file: `${d}/ca.pem`, SSL_cert_file: `${d}/locked-client.pem` }),
      (d) => `sockopt SSL_cert_file: cannot read ${d}/locked-client.pem (${EACCES})`,
    ],
    [
      'an SSL_key_file of mode 000',
      (d) => ({
        SSL_ca_file: `${d}/ca.pem`,
        SSL_cert_file: `${d}/client.pem`,
        SSL_key_file: `${d}/locked-client.key`,
      }),
      (d) => `sockopt SSL_key_file: cannot read ${d}/locked-client.key (${EACCES})`,
    ],
  ];

  (wrapper === undefined ? it.skip : it).each(ROWS)(
    '%s: a SockoptError naming the file and EACCES, no attempt made',
    async (_what, sockopts, message) => {
      const before = listener.connections.length;
      const result = await runNode(CONNECT_ONCE, {
        wrapper: wrapper ?? [],
        env: { LIB: lib.dir, PORT: String(listener.port), SOCKOPTS: JSON.stringify(sockopts(dir)) },
      });
      expect(printed(result)).toEqual({
        name: 'SockoptError',
        code: 'ERR_STOMP_SOCKOPT',
        option: Object.keys(sockopts(dir)).at(-1),
        message: message(dir),
      });
      expect(listener.connections.length).toBe(before);
    },
  );

  (wrapper === undefined ? it.skip : it)(
    'a subdirectory of mode 000 in a CA directory is no certificate file: skipped, the run connects',
    async () => {
      const result = await runNode(CONNECT_ONCE, {
        wrapper: wrapper ?? [],
        env: {
          LIB: lib.dir,
          PORT: String(listener.port),
          SOCKOPTS: JSON.stringify({ SSL_ca_path: `${dir}/capath-locked-subdir` }),
        },
      });
      expect(printed(result)).toEqual({ authorized: true });
    },
  );
});
