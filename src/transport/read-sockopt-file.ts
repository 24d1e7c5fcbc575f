import { readFileSync, statSync } from 'node:fs';
import { SockoptError } from '../errors/sockopt-error';

// A whole block, BEGIN to END: a certificate cut short is none. Its body is base64 only, so
// the search stops at the next '-' and stays linear whatever the text.
const CERTIFICATE_BLOCK =
  /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]*-----END CERTIFICATE-----|-----BEGIN TRUSTED CERTIFICATE-----[A-Za-z0-9+/=\s]*-----END TRUSTED CERTIFICATE-----/;

/**
 * Whether PEM text holds at least one whole certificate (BEGIN to END).
 *
 * @example
 * ```ts
 * hasCertificate(readFileSync('ca.pem', 'utf8')); // true
 * ```
 */
export const hasCertificate = (pem: string): boolean => CERTIFICATE_BLOCK.test(pem);

/**
 * Whether PEM text holds a private key (encrypted or not), BEGIN and END lines.
 *
 * @example
 * ```ts
 * hasPrivateKey('-----BEGIN EC PRIVATE KEY-----\n…\n-----END EC PRIVATE KEY-----\n'); // true
 * ```
 */
export const hasPrivateKey = (pem: string): boolean =>
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(pem) && /-----END [A-Z0-9 ]*PRIVATE KEY-----/.test(pem);

/**
 * Whether PEM text holds an encrypted private key (PKCS#8 or OpenSSL's legacy form).
 *
 * @example
 * ```ts
 * hasEncryptedKey('-----BEGIN ENCRYPTED PRIVATE KEY-----\n…'); // true
 * ```
 */
export const hasEncryptedKey = (pem: string): boolean =>
  /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(pem);

/**
 * Why an I/O error happened, short: its code, else its message.
 *
 * @example
 * ```ts
 * ioReason(Object.assign(new Error('no such file'), { code: 'ENOENT' })); // 'ENOENT'
 * ```
 */
export function ioReason(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return error instanceof Error ? error.message : String(error);
}

/** What an I/O error code means, where its code alone does not tell a user what to do. */
const FILE_ERRORS: ReadonlyMap<string, string> = new Map([
  ['EMFILE', 'too many open files in this process: raise its descriptor limit (ulimit -n)'],
  ['ENFILE', 'too many open files on this system'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'operation not permitted'],
  ['ELOOP', 'too many levels of symbolic links'],
]);

/**
 * Why reading a file failed, for a message: the error's code, with what it
 * means when the code alone is obscure (`EMFILE: too many open files…`).
 *
 * @example
 * ```ts
 * fileErrorReason(Object.assign(new Error('…'), { code: 'EMFILE' }));
 * // 'EMFILE: too many open files in this process: raise its descriptor limit (ulimit -n)'
 * ```
 */
export function fileErrorReason(error: unknown): string {
  const reason = ioReason(error);
  const meaning = FILE_ERRORS.get(reason);
  return meaning === undefined ? reason : `${reason}: ${meaning}`;
}

/**
 * Larger than any PEM file of certificates or keys: a path to something else.
 *
 * @example
 * ```ts
 * statSync(path).size <= MAX_SOCKOPT_FILE_BYTES; // else readSockoptFile refuses the file
 * ```
 */
export const MAX_SOCKOPT_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Reads a file a sockopt names, as text. Throws {@link SockoptError} with the
 * option, the path and the reason (the I/O error as `cause`).
 *
 * The read is synchronous, on purpose: a PEM file is a few KB, read in ~5 µs,
 * where `fs.promises.readFile` costs ~130 µs of thread-pool round trips — a
 * tenth of a TLS connect, paid on every run. So that a wrong path cannot
 * block the event loop (a FIFO, a device, a huge file), only regular files up
 * to {@link MAX_SOCKOPT_FILE_BYTES} are read.
 *
 * @example
 * ```ts
 * const pem = await readSockoptFile('SSL_ca_file', '/etc/stomp/ca.pem');
 * ```
 */
export async function readSockoptFile(option: string, path: string): Promise<string> {
  let stats;
  try {
    stats = statSync(path);
  } catch (cause) {
    throw new SockoptError(`sockopt ${option}: cannot read ${path} (${fileErrorReason(cause)})`, {
      option,
      cause,
    });
  }
  if (!stats.isFile()) {
    throw new SockoptError(`sockopt ${option}: ${path} is not a regular file`, { option });
  }
  if (stats.size > MAX_SOCKOPT_FILE_BYTES) {
    throw new SockoptError(
      `sockopt ${option}: ${path} is ${stats.size} bytes, too large for a PEM file (at most ${MAX_SOCKOPT_FILE_BYTES})`,
      { option },
    );
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new SockoptError(`sockopt ${option}: cannot read ${path} (${fileErrorReason(cause)})`, {
      option,
      cause,
    });
  }
}
