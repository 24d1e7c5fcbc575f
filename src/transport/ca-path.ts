import { constants } from 'node:fs';
import { lstat, open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SockoptError } from '../errors/sockopt-error';
import { fileErrorReason, hasCertificate, MAX_SOCKOPT_FILE_BYTES } from './read-sockopt-file';

/**
 * How many CA directory reads hold a descriptor at once, across every run of
 * the process: reading a directory of hundreds of files all at once, in a few
 * runs at once, runs a process out of descriptors (EMFILE). libuv's thread
 * pool does four file operations at a time, so more would not be faster.
 *
 * @example
 * ```ts
 * // at most MAX_PARALLEL_CA_READS files of SSL_ca_path directories are open at any time
 * ```
 */
export const MAX_PARALLEL_CA_READS = 8;

let active = 0;
const waiting: (() => void)[] = [];

/** Runs `task` once fewer than MAX_PARALLEL_CA_READS others run. */
async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (active < MAX_PARALLEL_CA_READS) active++;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next === undefined) active--;
    else next();
  }
}

/** The SockoptError of an entry that could not be read: the file, and why. */
async function unreadable(path: string, cause: unknown): Promise<SockoptError> {
  let reason = fileErrorReason(cause);
  if (reason === 'ENOENT') {
    const link = await lstat(path).catch(() => undefined);
    if (link?.isSymbolicLink() === true) reason = 'ENOENT: a symbolic link to a missing file';
  }
  return new SockoptError(`sockopt SSL_ca_path: cannot read ${path} (${reason})`, {
    option: 'SSL_ca_path',
    cause,
  });
}

/**
 * The text of one directory entry, or '' for what is no certificate file: not
 * a regular file (a FIFO or a device would block the read forever; a
 * subdirectory), or larger than any PEM file. Any I/O error is thrown.
 */
async function certificateText(path: string): Promise<string> {
  const stats = await stat(path);
  if (!stats.isFile() || stats.size > MAX_SOCKOPT_FILE_BYTES) return '';
  // Non-blocking, and checked again on the open descriptor: a file swapped for a
  // FIFO in between can neither block the open nor the read.
  const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const opened = await file.stat();
    if (!opened.isFile() || opened.size > MAX_SOCKOPT_FILE_BYTES) return '';
    return await file.readFile('utf8');
  } finally {
    await file.close();
  }
}

/**
 * Reads the trusted certificates of an `SSL_ca_path` directory: every file
 * in it (hashed names such as `a1b2c3d4.0` included, symbolic links
 * followed) that holds a PEM certificate, each once, in name order. Entries
 * that are not regular files, or hold no certificate, are skipped, as
 * OpenSSL's own CApath lookup does. Any I/O error — the directory or an entry
 * that cannot be read (EACCES), a broken symbolic link, running out of
 * descriptors (EMFILE, ENFILE) — is a {@link SockoptError} naming the path
 * and the cause, never a trust store with files missing; so is a directory
 * with no certificate at all. At most {@link MAX_PARALLEL_CA_READS} reads run
 * at once in the process.
 *
 * @example
 * ```ts
 * const ca = await readCaPath('/etc/ssl/certs'); // PEM texts for tls.createSecureContext({ ca })
 * ```
 */
export async function readCaPath(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await limited(() => readdir(dir))).sort();
  } catch (cause) {
    throw new SockoptError(
      `sockopt SSL_ca_path: cannot read the directory ${dir} (${fileErrorReason(cause)})`,
      { option: 'SSL_ca_path', cause },
    );
  }
  let failed = false;
  const texts = await Promise.all(
    names.map((name) => {
      const path = join(dir, name);
      // After a failure the run fails: what is not started yet is not read.
      return limited(async () => (failed ? '' : await certificateText(path))).catch(async (cause) => {
        failed = true;
        return unreadable(path, cause);
      });
    }),
  );
  // One error, the first in name order.
  const error = texts.find((text): text is SockoptError => text instanceof SockoptError);
  if (error !== undefined) throw error;
  // c_rehash makes `hash.0` a link to the certificate's own file: keep each text once.
  const certificates = [...new Set((texts as string[]).filter(hasCertificate))];
  if (certificates.length === 0) {
    throw new SockoptError(`sockopt SSL_ca_path: the directory ${dir} holds no PEM certificate`, {
      option: 'SSL_ca_path',
    });
  }
  return certificates;
}
