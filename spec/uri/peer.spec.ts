import { inspect } from 'node:util';
import { parseUri } from '../../src/uri/parse-uri';
import { defaultPort, isTlsScheme, makePeer, makePlan, targetPlan } from '../../src/uri/peer';
import { uriError } from '../helpers/uri-error';

describe('makePeer', () => {
  const peer = makePeer({
    scheme: 'stomp+ssl',
    host: '::1',
    port: 61614,
    login: 'guest',
    passcode: 's3cr3t',
  });

  it('derives tls and a canonical uri with IPv6 in brackets', () => {
    expect({ ...peer }).toEqual({
      scheme: 'stomp+ssl',
      host: '::1',
      port: 61614,
      tls: true,
      uri: 'stomp+ssl://[::1]:61614',
    });
  });

  it('keeps login and passcode readable but out of sight', () => {
    expect(peer.login).toBe('guest');
    expect(peer.passcode).toBe('s3cr3t');
    expect(Object.keys(peer)).not.toContain('passcode');
    expect(JSON.stringify(peer)).not.toMatch(/guest|s3cr3t/);
    expect(inspect(peer)).not.toMatch(/guest|s3cr3t/);
    expect(inspect(peer, { showHidden: false, depth: 5 })).not.toContain('s3cr3t');
    expect({ ...peer }).not.toHaveProperty('passcode');
    expect(Object.assign({}, peer)).not.toHaveProperty('login');
    expect(`${JSON.stringify(parseUri('tcp://guest:s3cr3t@h'))}`).not.toMatch(/guest|s3cr3t/);
    expect(inspect(parseUri('tcp://guest:s3cr3t@h'), { depth: 10 })).not.toMatch(/guest|s3cr3t/);
  });

  it('is frozen, credentials included', () => {
    expect(Object.isFrozen(peer)).toBe(true);
    expect(() => Object.defineProperty(peer, 'passcode', { value: 'x' })).toThrow(TypeError);
    expect(peer.passcode).toBe('s3cr3t');
  });

  it('sets optional fields only when given', () => {
    const plain = makePeer({ scheme: 'tcp', host: 'h', port: 1 });
    expect(Object.getOwnPropertyNames(plain)).toEqual(['scheme', 'host', 'port', 'tls', 'uri']);
    const full = makePeer({
      scheme: 'tcp',
      host: 'h',
      port: 1,
      connectionTimeout: 0,
      tcpNoDelay: false,
      keepAlive: true,
    });
    expect({ ...full }).toEqual({
      scheme: 'tcp',
      host: 'h',
      port: 1,
      tls: false,
      uri: 'tcp://h:1',
      connectionTimeout: 0,
      tcpNoDelay: false,
      keepAlive: true,
    });
  });

  it.each([
    ['tcp', false, 61613],
    ['stomp', false, 61613],
    ['ssl', true, 61614],
    ['stomp+ssl', true, 61614],
  ] as const)('%s: tls %s, default port %i', (scheme, tls, port) => {
    expect(isTlsScheme(scheme)).toBe(tls);
    expect(defaultPort(scheme)).toBe(port);
  });
});

describe('makePlan', () => {
  it('freezes everything and lists each ignored spelling once', () => {
    const peer = makePeer({ scheme: 'tcp', host: 'h', port: 1 });
    const plan = makePlan([peer], null, ['a', 'B', 'a', 'b']);
    expect(plan.ignored).toEqual(['a', 'B', 'b']);
    expect(Object.isFrozen(plan) && Object.isFrozen(plan.peers) && Object.isFrozen(plan.ignored)).toBe(true);
  });
});

describe('targetPlan ({ host, port } target)', () => {
  it.each([
    // host, port, sockopts, uri
    ['broker', 61613, undefined, 'tcp://broker:61613'],
    ['broker', 61614, { SSL_ca_file: 'ca.pem' }, 'ssl://broker:61614'],
    ['broker', 1, { SSL_verify_mode: undefined }, 'ssl://broker:1'],
    ['broker', 1, { Timeout: 5, ssl_ca_file: 'x' }, 'tcp://broker:1'],
    ['broker', 1, { ca: 'pem' }, 'tcp://broker:1'],
    ['192.0.2.1', 65535, {}, 'tcp://192.0.2.1:65535'],
    ['::1', 61613, {}, 'tcp://[::1]:61613'],
    ['[::1]', 61613, {}, 'tcp://[::1]:61613'],
  ])('%j:%j with %j → %s', (host, port, sockopts, uri) => {
    const plan = targetPlan({ host, port }, sockopts);
    expect(plan.failover).toBeNull();
    expect(plan.ignored).toEqual([]);
    expect(plan.peers.map((peer) => peer.uri)).toEqual([uri]);
    expect(plan.peers[0]?.host).toBe(host.replace(/[[\]]/g, ''));
    expect(Object.isFrozen(plan.peers[0])).toBe(true);
  });

  it('accepts a port written as a string of digits (Perl scalars)', () => {
    expect(targetPlan({ host: 'h', port: '61613' as unknown as number }).peers[0]?.port).toBe(61613);
  });

  it.each([
    ['', 61613, 'expected a host name or address in the target'],
    ['bro ker', 61613, 'unexpected " " in the host'],
    ['broker.', 61613, undefined],
    ['-broker', 61613, 'unexpected "-" at the start'],
    ['1.2.3.999', 61613, 'invalid IPv4 address "1.2.3.999"'],
    ['0x7f000001', 61613, 'invalid IPv4 address "0x7f000001"'],
    ['127.1', 61613, 'invalid IPv4 address "127.1"'],
    ['0x7f.0x0.0x0.0x1', 61613, 'invalid IPv4 address "0x7f.0x0.0x0.0x1"'],
    ['::1::', 61613, 'invalid IPv6 address "::1::" in the target'],
    ['[broker]', 61613, 'invalid IPv6 address "[broker]"'],
    ['broker', 0, 'port "0" out of range'],
    ['broker', 65536, 'expected 1-65535'],
    ['broker', 1.5, 'port "1.5" out of range'],
    ['broker', NaN, 'out of range'],
    ['broker', '' as unknown as number, 'expected a port number in the target'],
    ['broker', '12x' as unknown as number, 'unexpected "x" in the port'],
    ['broker', undefined as unknown as number, 'expected a port number in the target'],
    [42 as unknown as string, 1, 'expected a host name or address in the target'],
  ])('rejects %j:%j', (host, port, fragment) => {
    if (fragment === undefined) {
      expect(targetPlan({ host, port }).peers).toHaveLength(1);
      return;
    }
    expect(uriError(() => targetPlan({ host, port })).message).toContain(fragment);
  });

  it('rejects a target that is not an object, as a UriError', () => {
    for (const target of [null, undefined, 'tcp://h']) {
      uriError(() => targetPlan(target as unknown as { host: string; port: number }));
    }
  });
});
