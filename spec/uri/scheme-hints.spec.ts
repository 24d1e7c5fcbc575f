import type { Scheme } from '../../src/types';
import { levenshtein } from '../../src/uri/did-you-mean';
import { parseUri } from '../../src/uri/parse-uri';
import { SCHEMES } from '../../src/uri/simple-uri';
import { uriError } from '../helpers/uri-error';

const TLS = new Set(['ssl', 'stomp+ssl']);

/** The scheme a "did you mean" in `message` proposes, if any. */
const suggestion = (message: string): string | undefined => /did you mean ([a-z+]+)\?/.exec(message)?.[1];

describe('parseUri: unknown schemes', () => {
  it.each([
    // ActiveMQ's broker-side connectors: what a client writes instead.
    [
      'stomp+nio',
      "stomp+nio is ActiveMQ's broker-side connector; a client writes tcp:// (or stomp://) to that port",
    ],
    [
      'stomp+nio+ssl',
      "stomp+nio+ssl is ActiveMQ's broker-side connector; a client writes ssl:// (or stomp+ssl://) to that port",
    ],
    [
      'auto',
      "auto is ActiveMQ's broker-side connector (it detects STOMP); a client writes tcp:// (or stomp://) to that port",
    ],
    [
      'auto+nio',
      "auto+nio is ActiveMQ's broker-side connector (it detects STOMP); a client writes tcp:// (or stomp://) to that port",
    ],
    [
      'auto+ssl',
      "auto+ssl is ActiveMQ's broker-side connector (it detects STOMP); a client writes ssl:// (or stomp+ssl://) to that port",
    ],
    [
      'auto+nio+ssl',
      "auto+nio+ssl is ActiveMQ's broker-side connector (it detects STOMP); a client writes ssl:// (or stomp+ssl://) to that port",
    ],
    [
      'nio',
      "nio is ActiveMQ's broker-side OpenWire connector; a STOMP client writes tcp:// (or stomp://) to the port of the broker's stomp connector (61613 by default)",
    ],
    [
      'nio+ssl',
      "nio+ssl is ActiveMQ's broker-side OpenWire connector; a STOMP client writes ssl:// (or stomp+ssl://) to the port of the broker's stomp+ssl connector (61614 by default)",
    ],
    [
      'openwire',
      "openwire is ActiveMQ's broker-side OpenWire connector; a STOMP client writes tcp:// (or stomp://) to the port of the broker's stomp connector (61613 by default)",
    ],
    ['udp', "udp is ActiveMQ's broker-side OpenWire connector; a STOMP client writes tcp://"],
    ['vm', "vm is ActiveMQ's in-JVM connector; a STOMP client writes tcp:// (or stomp://)"],
    [
      'amqp',
      "amqp is ActiveMQ's broker-side AMQP connector; a STOMP client writes tcp:// (or stomp://) to the port of the broker's stomp connector (61613 by default)",
    ],
    ['amqp+nio', "amqp+nio is ActiveMQ's broker-side AMQP connector; a STOMP client writes tcp://"],
    [
      'amqp+ssl',
      "amqp+ssl is ActiveMQ's broker-side AMQP connector; a STOMP client writes ssl:// (or stomp+ssl://)",
    ],
    ['amqp+nio+ssl', 'a STOMP client writes ssl:// (or stomp+ssl://)'],
    ['amqps', 'a STOMP client writes ssl:// (or stomp+ssl://)'],
    ['mqtt', "mqtt is ActiveMQ's broker-side MQTT connector; a STOMP client writes tcp://"],
    ['mqtt+nio', 'a STOMP client writes tcp://'],
    ['mqtt+ssl', "mqtt+ssl is ActiveMQ's broker-side MQTT connector; a STOMP client writes ssl://"],
    ['mqtt+nio+ssl', 'a STOMP client writes ssl://'],
    ['mqtts', 'a STOMP client writes ssl://'],
    [
      'ws',
      "ws is ActiveMQ's broker-side WebSocket connector; a STOMP client writes tcp:// (or stomp://) to the port of the broker's stomp connector (61613 by default)",
    ],
    [
      'wss',
      "wss is ActiveMQ's broker-side WebSocket connector; a STOMP client writes ssl:// (or stomp+ssl://)",
    ],
    ['http', "http is ActiveMQ's broker-side HTTP connector; a STOMP client writes tcp://"],
    ['https', "https is ActiveMQ's broker-side HTTP connector; a STOMP client writes ssl://"],
    // TLS spellings of other clients.
    ['stomps', 'for STOMP over TLS a client writes ssl:// (or stomp+ssl://)'],
    ['stomp+tls', 'for STOMP over TLS a client writes ssl:// (or stomp+ssl://)'],
    ['tls', 'for STOMP over TLS a client writes ssl:// (or stomp+ssl://)'],
    ['tcps', 'for STOMP over TLS a client writes ssl:// (or stomp+ssl://)'],
    ['tcp+ssl', 'for STOMP over TLS a client writes ssl:// (or stomp+ssl://)'],
    // ActiveMQ's other list forms.
    ['static', 'a client lists its brokers as failover:(tcp://a:61613,tcp://b:61613)'],
    ['masterslave', 'a client lists its brokers as failover:(tcp://a:61613,tcp://b:61613)'],
    ['fanout', 'a client lists its brokers as failover:(tcp://a:61613,tcp://b:61613)'],
    ['discovery', 'a client lists its brokers as failover:(tcp://a:61613,tcp://b:61613)'],
    ['multicast', 'a client lists its brokers as failover:(tcp://a:61613,tcp://b:61613)'],
  ])('%s://mq:61613 gets a hint: %s', (scheme, hint) => {
    for (const [uri, position] of [
      [`${scheme}://mq:61613`, 0],
      [`${scheme.toUpperCase()}://mq:61613/?x=1`, 0],
      [`failover:(tcp://a:1,${scheme}://mq:61613)`, 20],
    ] as const) {
      const error = uriError(() => parseUri(uri));
      expect(error.message).toContain(`unknown scheme "${uri.slice(position, position + scheme.length)}"`);
      expect(error.message).toContain(hint);
      expect(error.message).not.toContain('did you mean');
      expect(error.position).toBe(position);
    }
  });

  it('tells a plain-text connector to use a plain scheme and a TLS one a TLS scheme', () => {
    for (const scheme of [
      'stomp+nio',
      'nio',
      'auto',
      'auto+nio',
      'amqp',
      'mqtt',
      'ws',
      'http',
      'udp',
      'vm',
    ]) {
      const message = uriError(() => parseUri(`${scheme}://mq`)).message;
      expect(message).toContain('tcp://');
      expect(message).not.toMatch(/ssl:\/\//);
    }
    for (const scheme of [
      'stomp+nio+ssl',
      'nio+ssl',
      'auto+ssl',
      'amqp+ssl',
      'mqtt+ssl',
      'wss',
      'https',
      'stomps',
    ]) {
      const message = uriError(() => parseUri(`${scheme}://mq`)).message;
      expect(message).toContain('ssl://');
      expect(message).not.toMatch(/tcp:\/\/|stomp:\/\//);
    }
  });

  it.each([
    // written, suggestion (undefined: none)
    ['stmp', 'stomp'],
    ['stomq', 'stomp'],
    ['tcpp', 'tcp'],
    ['sttomp', 'stomp'],
    ['ssh', 'ssl'],
    ['sll', 'ssl'],
    ['stmp+ssl', 'stomp+ssl'],
    ['stomp+sll', 'stomp+ssl'],
    ['stomp+ss', 'stomp+ssl'],
    ['stompssl', 'stomp+ssl'],
    ['stomp-ssl', 'stomp+ssl'],
    ['stomp+ssl+nio', 'stomp+ssl'],
    ['stomp+tcp', undefined],
    ['stomp+nia', undefined],
    ['stomp+nioo', undefined],
    ['stomp+io', undefined],
    ['tcp+nio', undefined],
    ['tcpssl', undefined],
    ['stomptls', undefined],
    ['stomp+s', undefined],
    ['ssl+stomp', undefined],
  ])('%s://mq → did you mean %s? (never across plain and TLS)', (scheme, expected) => {
    const message = uriError(() => parseUri(`${scheme}://mq`)).message;
    expect(message).toContain(`unknown scheme "${scheme}"`);
    expect(suggestion(message)).toBe(expected);
  });

  it('never suggests across plain and TLS, for any one-letter change of a scheme or connector name', () => {
    const plain = ['tcp', 'stomp', 'stomp+nio', 'nio', 'auto', 'auto+nio'];
    const tls = ['ssl', 'stomp+ssl', 'stomp+nio+ssl', 'nio+ssl', 'auto+ssl'];
    const nearest = (written: string, names: string[]): number =>
      Math.min(...names.map((name) => levenshtein(written, name)));
    let suggested = 0;
    for (const name of [...plain, ...tls]) {
      for (const written of oneEditVariants(name)) {
        if (written === '' || SCHEMES.includes(written as Scheme)) continue;
        const proposed = suggestion(uriError(() => parseUri(`${written}://mq`)).message);
        if (proposed === undefined) continue;
        suggested += 1;
        const proposedTls = TLS.has(proposed);
        // A spelling that says TLS is never sent to plain text.
        if (/ssl|tls/.test(written)) expect([written, proposedTls]).toEqual([written, true]);
        // One edit away from a plain name only: never sent to TLS.
        if (plain.includes(name) && !/ssl|tls/.test(written))
          expect([written, proposedTls]).toEqual([written, false]);
        // And a name of the other kind is never as close as the one proposed.
        const other = proposedTls ? ['tcp', 'stomp'] : ['ssl', 'stomp+ssl'];
        expect(levenshtein(written, proposed)).toBeLessThan(nearest(written, other));
      }
    }
    expect(suggested).toBeGreaterThan(100);
  });
});

/** Every string one insertion, substitution or deletion away from `name`. */
function oneEditVariants(name: string): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz+';
  const variants: string[] = [];
  for (let i = 0; i <= name.length; i++) {
    variants.push(name.slice(0, i) + name.slice(i + 1));
    for (const letter of letters) {
      variants.push(name.slice(0, i) + letter + name.slice(i));
      variants.push(name.slice(0, i) + letter + name.slice(i + 1));
    }
  }
  return variants;
}

describe('parseUri: a URI without its scheme', () => {
  it.each([
    // uri, position, message
    [
      'localhost:61613',
      0,
      'missing scheme in "localhost:61613" at position 0: write tcp://localhost:61613 (or ssl:// for TLS)',
    ],
    [
      'mq1:61613',
      0,
      'missing scheme in "mq1:61613" at position 0: write tcp://mq1:61613 (or ssl:// for TLS)',
    ],
    ['127.0.0.1:61613', 0, 'write tcp://127.0.0.1:61613'],
    ['[::1]:61613', 0, 'missing scheme in "[::1]:61613" at position 0: write tcp://[::1]:61613'],
    ['broker.example.com:61613/', 0, 'write tcp://broker.example.com:61613/'],
    ['mq:61613?tcpNoDelay=true', 0, 'write tcp://mq:61613?tcpNoDelay=true'],
    ['  localhost:61613  ', 2, 'write tcp://localhost:61613 '],
    [
      'app:S3cret@mq1:61613',
      0,
      'missing scheme in "app:***@mq1:61613" at position 0: write tcp://app:***@mq1:61613',
    ],
    ['guest@mq1', 0, 'missing scheme in "guest@mq1" at position 0: write tcp://guest@mq1'],
    [
      'failover:(tcp://127.0.0.1:1,bob:pw@127.0.0.1:2)',
      28,
      'missing scheme in "bob:***@127.0.0.1:2" at position 28: write tcp://bob:***@127.0.0.1:2',
    ],
    ['failover:(tcp://a:1, localhost:61613 )', 21, 'missing scheme in "localhost:61613" at position 21'],
    ['failover:localhost:61613,tcp://b', 9, 'write tcp://localhost:61613'],
  ])('%j → %s', (uri, position, message) => {
    const error = uriError(() => parseUri(uri));
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
    expect(error.message).not.toMatch(/S3cret|:pw@/);
  });

  it.each([
    // A known scheme with a mistyped "//": what to write, credentials masked.
    [
      'tcp:/app:S3cret@mq1:61613',
      4,
      'expected "//" after "tcp:" at position 4: write tcp://app:***@mq1:61613',
    ],
    ['stomp:u:s@h', 6, 'expected "//" after "stomp:" at position 6: write stomp://***@h'],
    ['ssl:mq:61614', 4, 'write ssl://mq:61614'],
    ['tcp:///mq', 6, 'expected a host after "tcp://"'],
    ['failover:(tcp://a:1,tcp:/b:2)', 24, 'write tcp://b:2'],
  ])('%j → %s', (uri, position, message) => {
    const error = uriError(() => parseUri(uri));
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
    expect(error.message).not.toMatch(/S3cret|:s@/);
  });

  it.each([
    // Not a URI without a scheme: no "write tcp://" hint, the plain message.
    ['mailto:x', 'unknown scheme "mailto"'],
    ['localhost', 'expected "://" after "localhost"'],
    ['c:/brokers.txt', 'unknown scheme "c"'],
  ])('%j → %s', (uri, message) => {
    const error = uriError(() => parseUri(uri));
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('write tcp://');
  });

  it('keeps a long URI without a scheme out of the hint', () => {
    const host = `${'a'.repeat(60)}.${'b'.repeat(60)}.example`;
    const error = uriError(() => parseUri(`${host}:61613`));
    expect(error.message).toContain('missing scheme');
    expect(error.message).toContain('write tcp:// before the host');
    expect(error.message.length).toBeLessThan(200);
  });
});
