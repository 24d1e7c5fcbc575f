import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SockoptError } from '../errors/sockopt-error';
import { hasCertificate, ioReason } from './read-sockopt-file';

/**
 * Reads the trusted certificates of an `SSL_ca_path` directory: every file
 * in it (hashed names such as `a1b2c3d4.0` included, symbolic links
 * followed) that holds a PEM certificate, each once, in name order. Files
 * that cannot be read or hold no certificate are skipped, as OpenSSL's own
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
  const texts = await Promise.all(
    names.map((name) => readFile(join(dir, name), 'utf8').then(String, () => '')),
  );
  // c_rehash makes `hash.0` a link to the certificate's own file: keep each text once.
  const certificates = [...new Set(texts.filter(hasCertificate))];
  if (certificates.length === 0) {
    throw new SockoptError(`sockopt SSL_ca_path: the directory ${dir} holds no PEM certificate`, {
      option: 'SSL_ca_path',
    });
  }
  return certificates;
}
