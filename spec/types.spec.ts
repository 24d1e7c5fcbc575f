// Type tests: compiled by `npm run typecheck` (and by ts-jest when this file runs). Each
// `@ts-expect-error` line must be an error, or the compile fails; the runtime assertions
// below check that the values the types describe are what the library gives.
import { filter, firstValueFrom } from 'rxjs';
import {
  connect,
  connect$,
  connection$,
  stompHandshake,
  type ConnectEvent,
  type ConnectionEvent,
  type Sockopts,
  type StompConnected,
} from '../src/index';
import { stompjsSocket } from '../src/stompjs';
import { startStompResponder } from '../src/testing';

// Sockopts: every name SPEC §6 knows, with its type, and Node's net/tls connect options.
const perl: Sockopts = {
  Timeout: 5,
  LocalAddr: '127.0.0.1:0',
  LocalPort: '0',
  Family: 'AF_INET6',
  SSL_ca_file: 'ca.pem',
  SSL_ca_path: '/etc/ssl/certs',
  SSL_cert_file: 'client.pem',
  SSL_key_file: 'client.key',
  SSL_passwd_cb: async () => 'secret',
  SSL_verify_mode: 0,
  SSL_hostname: '',
  SSL_verifycn_name: 'mq',
  SSL_verifycn_scheme: 'none',
  SSL_version: 'TLSv1_2',
  SSL_cipher_list: 'HIGH',
  SSL_fingerprint: ['sha256$AB'],
  Proto: 'tcp',
};
const node: Sockopts = {
  noDelay: true,
  keepAlive: true,
  keepAliveInitialDelay: 60_000,
  timeout: 30_000,
  rejectUnauthorized: true,
  minVersion: 'TLSv1.2',
  servername: 'mq',
  ca: ['-----BEGIN CERTIFICATE-----'],
  checkServerIdentity: () => undefined,
};

// Never called: these only have to compile (or, where marked, not).
export function compileOnly(): unknown {
  // @ts-expect-error a misspelt Perl name
  const typo: Sockopts = { Timeot: 5 };
  // @ts-expect-error a misspelt Perl TLS name
  connect$('ssl://mq', { SSL_ca_fiel: 'ca.pem' });
  // @ts-expect-error a Perl value of the wrong type
  connect('ssl://mq', { SSL_verifycn_scheme: 0 });
  // @ts-expect-error Node's rejectUnauthorized is a boolean
  connection$('ssl://mq', { rejectUnauthorized: 'no' });
  // @ts-expect-error the URI owns the host
  stompjsSocket('tcp://mq', { host: 'elsewhere' });
  // @ts-expect-error Family is 4 or 6
  connect$('tcp://mq', { Family: 5 });
  return [perl, node, typo];
}

// verify's value type flows into `verified`.
export function verifiedOfConnect$(): void {
  connect$('tcp://mq', {}, { verify: stompHandshake() }).subscribe((event) => {
    if (event.type === 'connected') {
      const connected: StompConnected = event.verified; // no cast
      void connected.heartbeatIncoming;
    }
  });
  connection$('tcp://mq', {}, { verify: stompHandshake() }).subscribe((event) => {
    if (event.type === 'connected') {
      const connected: StompConnected = event.verified;
      void connected.version;
    }
  });
  connect$('tcp://mq', {}, { verify: () => Promise.resolve(42) }).subscribe((event) => {
    if (event.type === 'connected') {
      const answer: number = event.verified;
      // @ts-expect-error verified is the number verify resolved with
      const wrong: string = event.verified;
      void [answer, wrong];
    }
  });
  void connect(
    'tcp://mq',
    {},
    {
      verify: stompHandshake(),
      onEvent: (event) => {
        if (event.type === 'connected') void event.verified.session;
      },
    },
  );
}

// Without verify, or with the types spelled without an argument, nothing changes.
export function unchanged(plain: ConnectEvent, cycle: ConnectionEvent): unknown {
  connect$('tcp://mq').subscribe((event) => {
    if (event.type === 'connected') {
      const maybe: unknown = event.verified;
      void maybe;
    }
  });
  const built: ConnectEvent = { type: 'connected', attempt: 1, peer: null!, socket: null! }; // no verified
  return [plain, cycle, built];
}

describe('the public types', () => {
  it('hold what the library gives: a StompConnected in verified, from stompHandshake', async () => {
    const responder = await startStompResponder();
    try {
      const connected = await firstValueFrom(
        connect$(responder.uri, {}, { verify: stompHandshake() }).pipe(
          filter((event) => event.type === 'connected'),
        ),
      );
      connected.socket.destroy();
      const verified: StompConnected = connected.verified;
      expect(verified).toMatchObject({ version: '1.2', heartbeatIncoming: 0, heartbeatOutgoing: 0 });
    } finally {
      await responder.close();
    }
  });
});
