import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SockoptError } from '../../src/errors/sockopt-error';
import { MAX_SOCKOPT_FILE_BYTES, readSockoptFile } from '../../src/transport/read-sockopt-file';

describe('readSockoptFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sockopt-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file as text', async () => {
    const path = join(dir, 'ca.pem');
    writeFileSync(path, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    await expect(readSockoptFile('SSL_ca_file', path)).resolves.toContain('BEGIN CERTIFICATE');
  });

  it.each<[string, (dir: string) => string, RegExp]>([
    [
      'a missing file',
      (d) => join(d, 'missing.pem'),
      /^sockopt SSL_ca_file: cannot read .*missing\.pem \(ENOENT\)$/,
    ],
    ['a directory', (d) => d, /^sockopt SSL_ca_file: .* is not a regular file$/],
    [
      'a file too large for PEM (a wrong path, e.g. a disk image)',
      (d) => {
        const path = join(d, 'huge.img');
        writeFileSync(path, '');
        truncateSync(path, MAX_SOCKOPT_FILE_BYTES + 1); // sparse: costs no disk
        return path;
      },
      /^sockopt SSL_ca_file: .*huge\.img is 4194305 bytes, too large for a PEM file \(at most 4194304\)$/,
    ],
  ])('%s is a SockoptError naming the option and the path', async (_name, pathIn, message) => {
    const error = await readSockoptFile('SSL_ca_file', pathIn(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SockoptError);
    expect(error).toMatchObject({ code: 'ERR_STOMP_SOCKOPT', option: 'SSL_ca_file' });
    expect((error as Error).message).toMatch(message);
  });
});
