import { closestName, levenshtein } from './did-you-mean';

/**
 * What to tell someone who wrote a scheme this library does not speak: a
 * hint for ActiveMQ's broker-side connector schemes (copied from an
 * `activemq.xml` `transportConnector`), for other clients' TLS spellings and
 * for ActiveMQ's other list forms, else a "did you mean" that never crosses
 * between plain text and TLS.
 */

const PLAIN = 'tcp:// (or stomp://)';
const TLS = 'ssl:// (or stomp+ssl://)';
const STOMP_PORT = "to the port of the broker's stomp connector (61613 by default)";
const STOMP_TLS_PORT = "to the port of the broker's stomp+ssl connector (61614 by default)";
const FAILOVER_LIST = 'a client lists its brokers as failover:(tcp://a:61613,tcp://b:61613)';

/** `name is ActiveMQ's broker-side WHAT connector; a STOMP client writes …` (plain and TLS forms). */
const otherProtocol = (what: string, tls: boolean): string =>
  `is ActiveMQ's broker-side ${what} connector; a STOMP client writes ${tls ? `${TLS} ${STOMP_TLS_PORT}` : `${PLAIN} ${STOMP_PORT}`}`;

const HINTS = new Map<string, string>([
  // Connectors that speak STOMP: the same port takes a client's tcp:// or ssl://.
  ['stomp+nio', `is ActiveMQ's broker-side connector; a client writes ${PLAIN} to that port`],
  ['stomp+nio+ssl', `is ActiveMQ's broker-side connector; a client writes ${TLS} to that port`],
  ['auto', `is ActiveMQ's broker-side connector (it detects STOMP); a client writes ${PLAIN} to that port`],
  [
    'auto+nio',
    `is ActiveMQ's broker-side connector (it detects STOMP); a client writes ${PLAIN} to that port`,
  ],
  ['auto+ssl', `is ActiveMQ's broker-side connector (it detects STOMP); a client writes ${TLS} to that port`],
  [
    'auto+nio+ssl',
    `is ActiveMQ's broker-side connector (it detects STOMP); a client writes ${TLS} to that port`,
  ],
  // Connectors of other protocols: a STOMP client needs another port.
  ['nio', otherProtocol('OpenWire', false)],
  ['nio+ssl', otherProtocol('OpenWire', true)],
  ['openwire', otherProtocol('OpenWire', false)],
  ['udp', otherProtocol('OpenWire', false)],
  ['vm', `is ActiveMQ's in-JVM connector; a STOMP client writes ${PLAIN} ${STOMP_PORT}`],
  ['amqp', otherProtocol('AMQP', false)],
  ['amqp+nio', otherProtocol('AMQP', false)],
  ['amqp+ssl', otherProtocol('AMQP', true)],
  ['amqp+nio+ssl', otherProtocol('AMQP', true)],
  ['amqps', otherProtocol('AMQP', true)],
  ['mqtt', otherProtocol('MQTT', false)],
  ['mqtt+nio', otherProtocol('MQTT', false)],
  ['mqtt+ssl', otherProtocol('MQTT', true)],
  ['mqtt+nio+ssl', otherProtocol('MQTT', true)],
  ['mqtts', otherProtocol('MQTT', true)],
  ['ws', otherProtocol('WebSocket', false)],
  ['wss', otherProtocol('WebSocket', true)],
  ['http', otherProtocol('HTTP', false)],
  ['https', otherProtocol('HTTP', true)],
  // Other clients' names for STOMP over TLS.
  ...['stomps', 'stomp+tls', 'tls', 'tcps', 'tcp+ssl', 'tcp+tls'].map((name): [string, string] => [
    name,
    `is not a scheme here: for STOMP over TLS a client writes ${TLS}`,
  ]),
  // ActiveMQ's other ways to name several brokers.
  ...['static', 'masterslave', 'fanout', 'discovery', 'multicast'].map((name): [string, string] => [
    name,
    `is an ActiveMQ broker list or discovery form; ${FAILOVER_LIST}`,
  ]),
]);

const TLS_WORDS = ['ssl', 'tls'];

/**
 * Whether a scheme name, as written, asks for TLS: it holds `ssl` or `tls`,
 * or one of its parts (split at `+`, `-`, `.`) is one edit away from them
 * (`stomp+sll`, `ssh`).
 *
 * @example
 * ```ts
 * looksTls('stomp+sll'); // true
 * looksTls('stomp+nio'); // false
 * ```
 */
export function looksTls(scheme: string): boolean {
  if (TLS_WORDS.some((word) => scheme.includes(word))) return true;
  return scheme
    .split(/[+.-]/)
    .some((part) => part.length <= 4 && TLS_WORDS.some((word) => levenshtein(part, word) <= 1));
}

/**
 * The detail of an "unknown scheme" message: the hint for a scheme this
 * library knows of but does not speak, else the names expected, with the
 * closest one when it is a plausible typo. The suggestion stays on the side
 * (plain text or TLS) the written name asks for, and is given only when no
 * scheme of the other side is as close: `stomp+nio` is never told
 * `stomp+ssl`, nor `stomp+s` told `stomp`. `kinds` are the other URI kinds
 * valid where the name stands (`failover`, `file`), on neither side.
 *
 * @example
 * ```ts
 * unknownSchemeDetail('stmp', SCHEMES, isTlsScheme, []);      // 'expected tcp, ssl, stomp or stomp+ssl (did you mean stomp?)'
 * unknownSchemeDetail('stomp+nio', SCHEMES, isTlsScheme, []); // "stomp+nio is ActiveMQ's broker-side connector; ..."
 * ```
 */
export function unknownSchemeDetail<S extends string>(
  scheme: string,
  schemes: readonly S[],
  isTls: (scheme: S) => boolean,
  kinds: readonly string[],
): string {
  const lower = scheme.toLowerCase();
  const hint = HINTS.get(lower);
  if (hint !== undefined) return `${lower} ${hint}`;
  const known = [...schemes, ...kinds];
  const expected = `expected ${known.slice(0, -1).join(', ')} or ${known[known.length - 1] ?? ''}`;
  const wantsTls = looksTls(lower);
  const same = [...schemes.filter((name) => isTls(name) === wantsTls), ...kinds];
  const other = schemes.filter((name) => isTls(name) !== wantsTls);
  const suggestion = closestName(lower, same);
  if (suggestion === undefined) return expected;
  const distance = levenshtein(lower, suggestion);
  if (other.some((name) => levenshtein(lower, name) <= distance)) return expected;
  return `${expected} (did you mean ${suggestion}?)`;
}
