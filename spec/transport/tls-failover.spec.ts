import type { TLSSocket } from 'node:tls';
import { inspect } from 'node:util';
import { throwError } from 'rxjs';
import { connect$ } from '../../src/connect';
import { ConnectError } from '../../src/errors/connect-error';
import { SockoptError } from '../../src/errors/sockopt-error';
import type { ConnectEvent, SockoptRecord, Sockopts } from '../../src/types';
import { makeBlackhole } from '../helpers/blackhole';
import { activeResources, leakedSince } from '../helpers/resources';
import { makeTestPki, type TestPki } from '../helpers/test-pki';
import { listenTls, type TestListener } from '../helpers/tls-listener';

let pki: TestPki;
let trusted: TestListener;
let untrusted: TestListener;
let mutual: TestListener;

beforeAll(async () => {
  pki = makeTestPki();
  [trusted, untrusted, mutual] = await Promise.all([
    listenTls({ key: pki.server.key, cert: pki.server.cert }),
    listenTls({ key: pki.selfSigned.key, cert: pki.selfSigned.cert }),
    listenTls({ key: pki.server.key, cert: pki.server.cert, requestCert: true, ca: [pki.ca.cert] }),
  ]);
});
afterAll(async () => {
  await Promise.all([trusted.close(), untrusted.close(), mutual.close()]);
  pki.remove();
});

/** Every event of a run, and how it ended. */
async function run(
  target: string,
  sockopts?: Sockopts,
  options?: Parameters<typeof connect$>[2],
): Promise<{ events: ConnectEvent[]; error?: unknown }> {
  const events: ConnectEvent[] = [];
  const error = await new Promise<unknown>((resolve) =>
    connect$(target, sockopts, options).subscribe({
      next: (event) => events.push(event),
      error: resolve,
      complete: () => resolve(undefined),
    }),
  );
  for (const event of events) if (event.type === 'connected') event.socket.destroy();
  return { events, error };
}

/** Failover to the trusted server, through the untrusted one, no waits. */
const failover = (login = ''): string =>
  `failover:(ssl://${login}127.0.0.1:${untrusted.port},ssl://${login}127.0.0.1:${trusted.port})` +
  '?randomize=false&initialReconnectDelay=0&maxReconnectAttempts=3';

describe('connect$ over TLS', () => {
  it('fails on the untrusted peer with its code, then fails over to the trusted one', async () => {
    const events: ConnectEvent[] = [];
    const socket = await new Promise<TLSSocket>((resolve, reject) =>
      connect$(failover(), { SSL_ca_file: pki.ca.certFile }).subscribe({
        next: (event) => {
          events.push(event);
          if (event.type === 'connected') resolve(event.socket as TLSSocket);
        },
        error: reject,
      }),
    );
    try {
      expect(socket.authorized).toBe(true);
      expect(events.map((event) => [event.type, event.attempt, event.peer.port])).toEqual([
        ['attempt', 1, untrusted.port],
        ['failed', 1, untrusted.port],
        ['attempt', 2, trusted.port],
        ['connected', 2, trusted.port],
      ]);
      const failed = events[1];
      expect(failed?.type === 'failed' && failed.error.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
      // "Error: " appears under jest only: Node's errors come from another realm than the test's Error.
      expect(failed?.type === 'failed' && failed.error.message).toMatch(
        new RegExp(
          `^cannot SSL connect to 127\\.0\\.0\\.1:${untrusted.port}: (Error: )?self-signed certificate$`,
        ),
      );
      expect(failed?.type === 'failed' && failed.retryIn).toBe(0);
    } finally {
      socket.destroy();
    }
  });

  it('fails over to nothing when verification refuses every peer: ConnectError with the codes', async () => {
    const { events, error } = await run(failover().replace(`${trusted.port}`, `${untrusted.port}`));
    expect(events.filter((event) => event.type === 'connected')).toEqual([]);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).errors.map((e) => e.code)).toEqual(
      expect.arrayContaining(['DEPTH_ZERO_SELF_SIGNED_CERT']),
    );
  });

  it.each([
    [
      'an unknown sockopt',
      { SSL_ca_fiel: 'ca.pem' },
      'unknown sockopt SSL_ca_fiel (did you mean SSL_ca_file?)',
    ],
    ['a TLS sockopt for a plain URI', { SSL_verify_mode: 0 }, 'sockopt SSL_verify_mode is for TLS'],
  ])('errors with a SockoptError before any attempt, synchronously: %s', (_what, sockopts, message) => {
    const target = 'SSL_verify_mode' in sockopts ? `tcp://127.0.0.1:${trusted.port}` : failover();
    const seen: unknown[] = [];
    connect$(target, sockopts as SockoptRecord).subscribe({
      next: (event) => seen.push(event),
      error: (error) => seen.push(error),
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(SockoptError);
    expect((seen[0] as SockoptError).message.startsWith(message)).toBe(true);
  });

  it('errors with a SockoptError before any attempt when a file cannot be read or the passphrase is wrong', async () => {
    const base = {
      SSL_ca_file: pki.ca.certFile,
      SSL_cert_file: pki.client.certFile,
      SSL_key_file: pki.client.keyFile,
    };
    for (const sockopts of [
      { ...base, SSL_passwd_cb: () => 'Wrong-Passphrase-123' },
      { ...base, SSL_passwd_cb: () => pki.clientPassphrase, SSL_ca_file: `${pki.dir}/missing.pem` },
    ]) {
      const { events, error } = await run(`ssl://127.0.0.1:${mutual.port}`, sockopts);
      expect(events).toEqual([]);
      expect(error).toBeInstanceOf(SockoptError);
      expect(inspect(error, { depth: 10 })).not.toContain('Wrong-Passphrase-123');
    }
    expect(mutual.connections).toHaveLength(0);
  });

  it('never shows a URI passcode or a key passphrase in events, errors or util.inspect', async () => {
    const passcode = 'Pa55code-S3cret';
    const sockopts = {
      SSL_ca_file: pki.ca.certFile,
      SSL_cert_file: pki.client.certFile,
      SSL_key_file: pki.client.keyFile,
      SSL_passwd_cb: async () => pki.clientPassphrase,
    };
    const texts: string[] = [];
    const show = (value: unknown): void => {
      // Default inspect: showHidden reveals non-enumerable properties by design (Peer.passcode is one).
      texts.push(inspect(value, { depth: 6 }));
      texts.push(
        value instanceof Error ? `${value.message}\n${value.stack ?? ''}` : (JSON.stringify(value) ?? ''),
      );
    };
    const connected = await run(
      failover(`guest:${passcode}@`).replace(`${trusted.port}`, `${mutual.port}`),
      sockopts,
    );
    const failedRun = await run(
      failover(`guest:${passcode}@`).replace(`${trusted.port}`, `${untrusted.port}`),
      {
        ...sockopts,
        passphrase: undefined,
      },
    );
    const transportRun = await run(
      `ssl://guest:${passcode}@127.0.0.1:1`,
      { ...sockopts, SSL_passwd_cb: undefined, passphrase: pki.clientPassphrase },
      {
        transport: (_peer, given) => {
          expect(given.passphrase).toBe(pki.clientPassphrase);
          show(given);
          return throwError(() => new Error('custom transport: no network here'));
        },
      },
    );
    expect(connected.events.map((event) => event.type)).toEqual([
      'attempt',
      'failed',
      'attempt',
      'connected',
    ]);
    expect(connected.events[1]?.peer.passcode).toBe(passcode);
    for (const event of [...connected.events, ...failedRun.events, ...transportRun.events]) {
      show(event.type === 'connected' ? { ...event, socket: undefined } : event);
      if (event.type === 'failed') show(event.error);
    }
    show(failedRun.error);
    show(transportRun.error);
    expect(failedRun.error).toBeInstanceOf(ConnectError);
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) {
      expect(text).not.toContain(passcode);
      expect(text).not.toContain(pki.clientPassphrase);
    }
  });

  it('a blackholed peer fails with ETIMEDOUT after the Timeout sockopt, leaving nothing open', async () => {
    const hole = await makeBlackhole();
    if (hole === undefined) {
      console.warn('blackhole attempt-timeout test NOT RUN: could not fill a loopback accept queue');
      return;
    }
    try {
      const baseline = activeResources();
      const { events, error } = await run(`ssl://127.0.0.1:${hole.port}`, { Timeout: 0.2 });
      const failed = events.find((event) => event.type === 'failed');
      expect(failed?.type === 'failed' && failed.error.code).toBe('ETIMEDOUT');
      expect(error).toBeInstanceOf(ConnectError);
      expect(await leakedSince(baseline)).toEqual([]);
    } finally {
      await hole.close();
    }
  });
});
