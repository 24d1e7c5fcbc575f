import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SockoptError } from '../errors/sockopt-error';
import { hasCertificate, ioReason, MAX_SOCKOPT_FILE_BYTES } from './read-sockopt-file';

/**
 * The text of one directory entry, or '' for what is no certificate file:
 * unreadable, not a regular file (a FIFO or a device would block the read
 * forever), or larger than any PEM file.
 */
async function certificateText(path: string): Promise<string> {
  try {
    const stats = await stat(path);
    if (!stats.isFile() || stats.size > MAX_SOCKOPT_FILE_BYTES) return '';
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Reads the trusted certificates of an `SSL_ca_path` directory: every file
 * in it (hashed names such as `a1b2c3d4.0` included, symbolic links
 * followed) that holds a PEM certificate, each once, in name order. Entries
 * that cannot be read, are not regular files, or hold no certificate are skipped, as OpenSSL's own
 * CApath lookup does; a directory that cannot be read, or that yields no
 * certificate at all, is a {@link SockoptError}.
 *
 * @example
 * ```ts
 * const ca = await readCaPath('/etc/ssl/certs'); // PEM texts for tls.createSecureContext({ ca })
 * ```
 */
export async function readCaPath(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (cause) {
    throw new SockoptError(`sockopt SSL_ca_path: cannot read the directory ${dir} (${ioReason(cause)})`, {
      option: 'SSL_ca_path',
      cause,
    });
  }
  const texts = await Promise.all(names.map((name) => certificateText(join(dir, name))));
  // c_rehash makes `hash.0` a link to the certificate's own file: keep each text once.
  const certificates = [...new Set(texts.filter(hasCertificate))];
  if (certificates.length === 0) {
    throw new SockoptError(`sockopt SSL_ca_path: the directory ${dir} holds no PEM certificate`, {
      option: 'SSL_ca_path',
    });
  }
  return certificates;
}
