import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { checkSockopts, prepareSockopts$, type PreparedSockopts } from '../../src/transport/sockopts';
import { sharedSecureContext } from '../../src/transport/shared-contexts';
import type { Sockopts } from '../../src/types';
import { TLS_PLAN } from '../helpers/peers';
import { makeTestPki, type TestPki } from '../helpers/test-pki';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => pki.remove());

const prepare = (sockopts: Sockopts): Promise<PreparedSockopts> =>
  firstValueFrom(prepareSockopts$(checkSockopts(sockopts, TLS_PLAN)));

describe('TLS contexts shared between runs', () => {
  it('runs with the same CA file share one context; new bytes in the file give a new one', async () => {
    const caFile = join(pki.dir, 'shared-ca.pem');
    copyFileSync(pki.ca.certFile, caFile);
    const first = await prepare({ SSL_ca_file: caFile });
    const second = await prepare({ SSL_ca_file: caFile });
    expect(second.secureContext).toBe(first.secureContext);
    // The file is read on every run: another CA in it is trusted from the next run on.
    writeFileSync(caFile, pki.selfSigned.cert);
    const third = await prepare({ SSL_ca_file: caFile });
    expect(third.secureContext).not.toBe(first.secureContext);
  });

  it.each<[string, () => Sockopts, 'shared' | 'its own']>([
    ['the same CA file again', () => ({ SSL_ca_file: pki.ca.certFile }), 'shared'],
    [
      'verification off (no context option)',
      () => ({ SSL_ca_file: pki.ca.certFile, SSL_verify_mode: 0 }),
      'shared',
    ],
    ['another TLS version', () => ({ SSL_ca_file: pki.ca.certFile, SSL_version: 'TLSv1_2' }), 'its own'],
    [
      'another cipher list',
      () => ({ SSL_ca_file: pki.ca.certFile, SSL_cipher_list: 'ECDHE-RSA-AES128-GCM-SHA256' }),
      'its own',
    ],
    ['the same CA as Node `ca`, a Buffer', () => ({ ca: Buffer.from(pki.ca.cert) }), 'its own'],
  ])('beside a run with SSL_ca_file, %s: a context %s', async (_name, sockopts, expected) => {
    const plain = await prepare({ SSL_ca_file: pki.ca.certFile });
    const other = await prepare(sockopts());
    if (expected === 'shared') expect(other.secureContext).toBe(plain.secureContext);
    else expect(other.secureContext).not.toBe(plain.secureContext);
    // Either way a second run like it shares the first one's.
    expect((await prepare(sockopts())).secureContext).toBe(other.secureContext);
  });

  it('a context with a client key or certificate is never shared', async () => {
    const sockopts: Sockopts = {
      SSL_ca_file: pki.ca.certFile,
      SSL_cert_file: pki.client.certFile,
      SSL_key_file: pki.client.keyFile,
      SSL_passwd_cb: () => pki.clientPassphrase,
    };
    const first = await prepare(sockopts);
    const second = await prepare(sockopts);
    expect(first.secureContext).toBeDefined();
    expect(second.secureContext).not.toBe(first.secureContext);
  });

  it('compares Buffers and strings byte for byte, and builds anew what it cannot compare', () => {
    const pem = pki.ca.cert;
    expect(sharedSecureContext({ ca: [Buffer.from(pem)] })).toBe(
      sharedSecureContext({ ca: [Buffer.from(pem)] }),
    );
    expect(sharedSecureContext({ ca: pem })).not.toBe(sharedSecureContext({ ca: Buffer.from(pem) }));
    const withObject = { ca: pem, ticketKeys: Buffer.alloc(48) } as const;
    expect(sharedSecureContext(withObject)).toBe(sharedSecureContext({ ...withObject }));
    const uncomparable = { ca: new Uint8Array(Buffer.from(pem)) as unknown as string };
    expect(sharedSecureContext(uncomparable)).not.toBe(sharedSecureContext(uncomparable));
  });
});
