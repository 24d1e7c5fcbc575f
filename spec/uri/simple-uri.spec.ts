import { format, inspect } from 'node:util';
import { parseUri } from '../../src/uri/parse-uri';
import { uriError } from '../helpers/uri-error';

describe('parseUri: simple URIs', () => {
  it.each([
    // uri, scheme, host, port, tls, canonical uri
    ['tcp://broker:61613', 'tcp', 'broker', 61613, false, 'tcp://broker:61613'],
    ['tcp://broker', 'tcp', 'broker', 61613, false, 'tcp://broker:61613'],
    ['ssl://broker', 'ssl', 'broker', 61614, true, 'ssl://broker:61614'],
    ['stomp://broker', 'stomp', 'broker', 61613, false, 'stomp://broker:61613'],
    ['stomp+ssl://broker', 'stomp+ssl', 'broker', 61614, true, 'stomp+ssl://broker:61614'],
    ['ssl://broker:61613', 'ssl', 'broker', 61613, true, 'ssl://broker:61613'],
    ['TCP://Broker:1', 'tcp', 'Broker', 1, false, 'tcp://Broker:1'],
    ['Stomp+SSL://b:65535', 'stomp+ssl', 'b', 65535, true, 'stomp+ssl://b:65535'],
    ['tcp://broker:61613/', 'tcp', 'broker', 61613, false, 'tcp://broker:61613'],
    ['tcp://broker/', 'tcp', 'broker', 61613, false, 'tcp://broker:61613'],
    ['tcp://broker:00080', 'tcp', 'broker', 80, false, 'tcp://broker:80'],
    [
      'tcp://my_broker-1.example.com:1',
      'tcp',
      'my_broker-1.example.com',
      1,
      false,
      'tcp://my_broker-1.example.com:1',
    ],
    ['tcp://example.com.:1', 'tcp', 'example.com.', 1, false, 'tcp://example.com.:1'],
    ['tcp://192.0.2.1:1', 'tcp', '192.0.2.1', 1, false, 'tcp://192.0.2.1:1'],
    ['tcp://0.0.0.0', 'tcp', '0.0.0.0', 61613, false, 'tcp://0.0.0.0:61613'],
    ['tcp://1.2.3.4a:1', 'tcp', '1.2.3.4a', 1, false, 'tcp://1.2.3.4a:1'],
    ['tcp://[::1]', 'tcp', '::1', 61613, false, 'tcp://[::1]:61613'],
    ['ssl://[::1]:5', 'ssl', '::1', 5, true, 'ssl://[::1]:5'],
    ['tcp://[2001:db8::1]/', 'tcp', '2001:db8::1', 61613, false, 'tcp://[2001:db8::1]:61613'],
    ['tcp://[::ffff:192.0.2.1]:7', 'tcp', '::ffff:192.0.2.1', 7, false, 'tcp://[::ffff:192.0.2.1]:7'],
    ['tcp://::1:61613', 'tcp', '::1', 61613, false, 'tcp://[::1]:61613'],
    ['tcp://fe80::1:2:99', 'tcp', 'fe80::1:2', 99, false, 'tcp://[fe80::1:2]:99'],
    ['tcp://1:2:3:4:5:6:7:8:9', 'tcp', '1:2:3:4:5:6:7:8', 9, false, 'tcp://[1:2:3:4:5:6:7:8]:9'],
    ['  tcp://broker:1 \n', 'tcp', 'broker', 1, false, 'tcp://broker:1'],
  ])('%j → %s %s %i', (uri, scheme, host, port, tls, canonical) => {
    const plan = parseUri(uri);
    expect(plan.failover).toBeNull();
    expect(plan.ignored).toEqual([]);
    expect(plan.peers).toHaveLength(1);
    expect({ ...plan.peers[0] }).toEqual({ scheme, host, port, tls, uri: canonical });
  });

  it.each([
    // uri, login, passcode
    ['tcp://guest:secret@broker', 'guest', 'secret'],
    ['tcp://guest@broker:1', 'guest', undefined],
    ['tcp://guest:@broker', 'guest', ''],
    ['tcp://:secret@broker', undefined, 'secret'],
    ['tcp://@broker', undefined, undefined],
    ['tcp://a%40b:p%3Aw%2F%3F%25@broker', 'a@b', 'p:w/?%'],
    ['tcp://user:pa:ss@broker', 'user', 'pa:ss'],
    ['tcp://user:p@ss@broker', 'user', 'p@ss'],
    ['tcp://%C3%A9l%C3%A8ve:%E2%82%AC@[::1]:9', 'élève', '€'],
    ['tcp://user:a+b@broker', 'user', 'a+b'],
    ['tcp://ünï:cödé@broker', 'ünï', 'cödé'],
  ])('%j: login %j, passcode %j', (uri, login, passcode) => {
    const [peer] = parseUri(uri).peers;
    expect(peer?.login).toBe(login);
    expect(peer?.passcode).toBe(passcode);
    expect(peer?.uri).not.toContain('@');
  });

  it.each([
    // uri, peer options, ignored
    ['tcp://b?connectionTimeout=5000', { connectionTimeout: 5000 }, []],
    ['tcp://b/?CONNECTIONTIMEOUT=0', { connectionTimeout: 0 }, []],
    ['tcp://b?tcpNoDelay=TRUE&keepAlive=False', { tcpNoDelay: true, keepAlive: false }, []],
    ['tcp://b?tcpNoDelay=true&tcpnodelay=false', { tcpNoDelay: false }, []],
    ['tcp://b?connectionTimeout=%31%30', { connectionTimeout: 10 }, []],
    ['tcp://b?%6BeepAlive=true', { keepAlive: true }, []],
    ['tcp://b?', {}, []],
    ['tcp://b/?', {}, []],
    ['tcp://b?&&keepAlive=true&', { keepAlive: true }, []],
    [
      'tcp://b?soTimeout=1&wireFormat.maxInactivityDuration=0&soTimeout=2',
      {},
      ['soTimeout', 'wireFormat.maxInactivityDuration'],
    ],
    ['tcp://b?randomize=whatever&x=', {}, ['randomize', 'x']],
  ])('%j: options %j, ignored %j', (uri, options, ignored) => {
    const plan = parseUri(uri);
    const { scheme, host, port, tls, uri: canonical, ...rest } = { ...plan.peers[0] };
    expect([scheme, host, port, tls, canonical]).toEqual(['tcp', 'b', 61613, false, 'tcp://b:61613']);
    expect(rest).toEqual(options);
    expect(plan.ignored).toEqual(ignored);
  });

  it.each([
    // uri, position, message fragment
    ['', 0, 'empty URI'],
    ['   ', 3, 'empty URI'],
    ['broker', 6, 'expected "://" after "broker"'],
    ['://broker', 0, 'expected a URI scheme'],
    ['localhost:61613', 0, 'missing scheme in "localhost:61613"'],
    ['stmp://foo:123', 0, 'did you mean stomp?'],
    ['ssh://foo:123', 0, 'did you mean ssl?'],
    ['gopher://foo', 0, 'expected tcp, ssl, stomp, stomp+ssl, failover or file'],
    ['http://foo', 0, "http is ActiveMQ's broker-side HTTP connector"],
    ['failovr:(tcp://a)', 0, 'did you mean failover?'],
    ['tcp:broker', 4, 'expected "//" after "tcp:"'],
    ['tcp:/broker', 4, 'expected "//" after "tcp:"'],
    ['tcp://', 6, 'expected a host after "tcp://"'],
    ['tcp://:61613', 6, 'expected a host after "tcp://"'],
    ['tcp://host:', 11, 'expected a port number after "tcp://host:"'],
    ['tcp://host:x', 11, 'unexpected "x" in the port'],
    ['tcp://host:12a', 13, 'expected digits after "tcp://host:"'],
    ['tcp://host:-1', 11, 'unexpected "-" in the port'],
    ['tcp://host:0', 11, 'port "0" out of range'],
    ['tcp://host:65536', 11, 'expected 1-65535'],
    ['tcp://host:99999999999999999999', 11, 'out of range'],
    ['stomp://foo;123', 11, 'unexpected ";" in the host'],
    ['tcp://fo o:1', 8, 'unexpected space or control character'],
    ['tcp://foo\t:1', 9, 'unexpected space or control character'],
    ['tcp://foo:1:2', 6, 'invalid host "foo:1"'],
    ['tcp://::1:', 10, 'expected a port number after "tcp://::1:"'],
    ['tcp://1::2::3', 6, 'invalid host "1::2:"'],
    ['tcp://[::1', 10, 'expected "]"'],
    ['tcp://[::1]x', 11, 'expected ":" and a port after "tcp://[::1]"'],
    ['tcp://[::1]:', 12, 'expected a port number'],
    ['tcp://[]:1', 7, 'invalid IPv6 address ""'],
    ['tcp://[1::2::3]:1', 7, 'invalid IPv6 address "1::2::3"'],
    ['tcp://[fe80::1%25eth0]:1', 7, 'zone identifiers are not supported'],
    ['tcp://[broker]:1', 7, 'invalid IPv6 address "broker"'],
    ['tcp://1.2.3.256:1', 6, 'invalid IPv4 address "1.2.3.256"'],
    ['tcp://1.2.3:1', 6, 'invalid IPv4 address'],
    ['tcp://010.0.0.1:1', 6, 'without leading zeros'],
    ['tcp://123:1', 6, 'invalid IPv4 address "123"'],
    ['tcp://0x7f000001:61613', 6, 'invalid IPv4 address "0x7f000001"'],
    ['tcp://0x7f.0.0.1:61613', 6, 'invalid IPv4 address "0x7f.0.0.1"'],
    ['tcp://0x7f.0x0.0x0.0x1:61613', 6, 'invalid IPv4 address "0x7f.0x0.0x0.0x1"'],
    ['tcp://127.1:61613', 6, 'invalid IPv4 address "127.1"'],
    ['tcp://2130706433:61613', 6, 'invalid IPv4 address "2130706433"'],
    ['tcp://0177.0.0.1:61613', 6, 'invalid IPv4 address "0177.0.0.1"'],
    ['ssl://0X7F.1/', 6, 'invalid IPv4 address "0X7F.1"'],
    ['tcp://[::ffff:127.1]:1', 7, 'invalid IPv6 address "::ffff:127.1"'],
    ['tcp://[::ffff:0x7f.0.0.1]:1', 7, 'invalid IPv6 address "::ffff:0x7f.0.0.1"'],
    ['tcp://-broker:1', 6, 'unexpected "-" at the start of "-broker"'],
    ['tcp://broker-.com:1', 12, 'unexpected "-" at the end of "broker-"'],
    ['tcp://a..b:1', 8, 'empty label in the host name'],
    ['tcp://.a:1', 6, 'empty label'],
    [`tcp://${'a'.repeat(64)}.com`, 6, 'host name label too long'],
    [`tcp://${'a.'.repeat(127)}ab`, 259, 'host name too long'],
    ['tcp://broker:1/queue', 14, 'unexpected path "/queue"'],
    ['tcp://broker//', 12, 'unexpected path "//"'],
    ['tcp://broker#frag', 12, 'unexpected "#" in the host'],
    ['tcp://broker?tcpNoDelay', 23, 'expected "=" and a value after the option "tcpNoDelay"'],
    ['tcp://broker?=1', 13, 'expected the option name before "="'],
    [
      'tcp://broker?tcpNoDelay=yes',
      24,
      'invalid value "yes" for tcpNoDelay at position 24: expected true or false',
    ],
    ['tcp://broker?keepAlive=', 23, 'invalid value "" for keepAlive'],
    ['tcp://broker?connectionTimeout=-1', 31, 'invalid value "-1" for connectionTimeout'],
    ['tcp://broker?connectionTimeout=-0', 31, 'invalid value "-0" for connectionTimeout'],
    ['tcp://broker?connectionTimeout=-00', 31, 'written without a sign'],
    ['tcp://broker?ConnectionTimeout=+5', 31, 'invalid value "+5" for connectionTimeout'],
    ['tcp://broker?connectionTimeout=%2D0', 31, 'invalid value "%2D0" for connectionTimeout'],
    ['tcp://broker/?keepAlive=true&connectionTimeout=-0', 47, 'invalid value "-0" for connectionTimeout'],
    ['tcp://broker?connectionTimeout=1.5', 31, 'expected an integer from 0 to 2147483647'],
    ['tcp://broker?connectionTimeout=2147483648', 31, 'invalid value "2147483648"'],
    ['tcp://broker?connectionTimeout=1e3', 31, 'invalid value "1e3"'],
    ['tcp://broker?connectionTimeout=0x10', 31, 'invalid value "0x10"'],
    ['tcp://broker?connectionTimeout= 5', 31, 'unexpected space or control character'],
    ['tcp://a%zz@broker', 7, 'malformed percent-encoding in the login'],
    ['tcp://a%4@broker', 7, 'expected "%" followed by two hex digits'],
    ['tcp://broker?a%=1', 14, 'malformed percent-encoding in the option name'],
    ['tcp://broker?a=%', 15, 'malformed percent-encoding in the option value'],
  ])('%j → UriError at %i (%s)', (uri, position, fragment) => {
    const error = uriError(() => parseUri(uri));
    expect(error.code).toBe('ERR_STOMP_URI');
    expect(error.message).toContain(fragment);
    expect(error.position).toBe(position);
    expect(error.message).toContain(`at position ${position}`);
    expect(error.input).toBe(uri);
  });

  it('freezes the plan, its arrays and its peers', () => {
    const plan = parseUri('tcp://u:p@broker?soTimeout=1');
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.peers)).toBe(true);
    expect(Object.isFrozen(plan.ignored)).toBe(true);
    expect(Object.isFrozen(plan.peers[0])).toBe(true);
    expect(() => (plan.peers as unknown as unknown[]).push(1)).toThrow(TypeError);
  });
});

describe('parseUri: an unbracketed IPv6 address without a port', () => {
  it.each([
    // uri, position, message
    ['tcp://::1', 6, 'write tcp://[::1] or tcp://[::1]:61613'],
    ['tcp://fe80::1', 6, 'write tcp://[fe80::1] or tcp://[fe80::1]:61613'],
    ['failover:(tcp://::1)', 16, 'write tcp://[::1] or tcp://[::1]:61613'],
    ['failover:(tcp://a,ssl://fe80::1)', 24, 'write ssl://[fe80::1] or ssl://[fe80::1]:61614'],
    ['tcp://2001:db8::1', 6, 'write tcp://[2001:db8::1] or tcp://[2001:db8::1]:61613'],
    ['tcp://1:2:3:4:5:6:7:8', 6, 'write tcp://[1:2:3:4:5:6:7:8] or tcp://[1:2:3:4:5:6:7:8]:61613'],
    ['STOMP+SSL://guest@::1/', 18, 'write stomp+ssl://[::1] or stomp+ssl://[::1]:61614'],
    // A stray "@" after the host masks part of it: the address is not echoed.
    ['tcp://::1?x@y', 6, 'put the address in brackets, e.g. tcp://[::1] or tcp://[::1]:61613'],
  ])('%j → UriError at %i (%s)', (uri, position, detail) => {
    const error = uriError(() => parseUri(uri));
    expect(error.message).toBe(
      `an IPv6 address without brackets needs a port at position ${position}: ${detail}`,
    );
    expect(error.position).toBe(position);
  });
});

describe('parseUri: passcodes never show', () => {
  it.each([
    ['tcp://guest:s3cr3t@broker:x', 'tcp://guest:***@broker:x', 23],
    ['tcp://guest:%ffs3cr3t@broker', 'tcp://guest:***@broker', 12],
    ['tcp://guest:s3cr3t@', 'tcp://guest:***@', 16],
    ['tcp://guest:s3cr3t@host/path', 'tcp://guest:***@host/path', 20],
    // A passcode that breaks the parse (a raw "/", "?", "," or space in it) is still hidden.
    ['tcp://guest:s3/cr3t@host:1', 'tcp://guest:***@host:1', 12],
    ['tcp://guest:s3?cr3t@host:1', 'tcp://guest:***@host:1', 12],
    ['tcp://guest:s3 cr3t@host:1', 'tcp://guest:***@host:1', 12],
    ['failover:(tcp://guest:s3,cr3t@host:1)', 'failover:(tcp://guest:***@host:1)', 22],
    ['failover:(tcp://a,tcp://guest:s3cr3t@b:0)', 'failover:(tcp://a,tcp://guest:***@b:0)', 36],
    ['failover:(tcp://guest:s3cr3t@a)?nope=1', 'failover:(tcp://guest:***@a)?nope=1', 29],
    ['tcp://guest:%zzs3cr3t@host', 'tcp://guest:***@host', 12],
    // An unencoded "://" in a passcode does not start another URI.
    ['stomp://guest:s3://cr3t@mq', 'stomp://guest:***@mq', 8],
    ['tcp://guest:s3://cr3t@host:0', 'tcp://guest:***@host:0', 6],
    ['tcp://guest:s3,x://cr3t@host', 'tcp://guest:***@host', 6],
    ['failover:(tcp://guest:s3://cr3t@a,tcp://b)', 'failover:(tcp://guest:***@a,tcp://b)', 16],
    ['failover:(tcp://a, tcp://guest:s3://cr3t@b:0)', 'failover:(tcp://a, tcp://guest:***@b:0)', 25],
    ['failover:tcp://guest:s3://cr3t@a:0,tcp://b', 'failover:tcp://guest:***@a:0,tcp://b', 15],
    ['failover:(tcp://guest:s3 x://cr3t@a)', 'failover:(tcp://guest:***@a)', 22],
    // Whatever the URI's shape: a "/" too few, no "//", no scheme at all.
    ['tcp:/app:s3cr3t@mq1:61613', 'tcp:/app:***@mq1:61613', 4],
    ['tcp:app:s3cr3t@mq1:61613', 'tcp:***@mq1:61613', 4],
    ['stomp:u:s3cr3t@h', 'stomp:***@h', 6],
    ['stomp:s3cr3t@h', 'stomp:***@h', 6],
    ['app:s3cr3t@mq1:61613', 'app:***@mq1:61613', 0],
    [' app:s3cr3t@mq1:61613 ', ' app:***@mq1:61613 ', 1],
    ['failover:(tcp:/app:s3cr3t@a:1,tcp://b:2)', 'failover:(tcp:/app:***@a:1,tcp://b:2)', 14],
    ['failover:(tcp://a:1,tcp:/app:s3cr3t@b:2)', 'failover:(tcp://a:1,tcp:/app:***@b:2)', 24],
    ['failover:(tcp://a:1,app:s3cr3t@b:2)', 'failover:(tcp://a:1,app:***@b:2)', 20],
    ['failover:app:s3cr3t@b:2', 'failover:app:***@b:2', 9],
    // Passcodes holding "@", ":", "/", ",", "%40" in such shapes.
    ['app:s3@cr3t@mq1:61613', 'app:***@mq1:61613', 0],
    ['tcp:/app:s3:cr3t@mq1', 'tcp:/app:***@mq1', 4],
    ['tcp:/app:s3/cr3t@mq1', 'tcp:/app:***@mq1', 4],
    ['failover:(tcp:/app:s3,cr3t@a:1,tcp://b:2)', 'failover:(tcp:/app:***@a:1,tcp://b:2)', 14],
    ['failover:(tcp://app:s3,cr3t@a:1,tcp://b:0)', 'failover:(tcp://app:***@a:1,tcp://b:0)', 20],
    ['app:s3%40cr3t@mq1', 'app:***@mq1', 0],
  ])('%j → input %j, position %i', (uri, input, position) => {
    const error = uriError(() => parseUri(uri));
    expect(error.input).toBe(input);
    expect(error.position).toBe(position);
    const shown = [
      error.message,
      error.input,
      JSON.stringify(error),
      inspect(error, { showHidden: true, depth: 5 }),
      format('%o', error),
    ];
    for (const secret of ['s3cr3t', 's3', 'cr3t']) {
      for (const text of shown) expect(text).not.toContain(secret);
    }
  });
});

describe('parseUri: credentials a STOMP CONNECT frame cannot carry', () => {
  it.each([
    // uri, input, position, part
    ['tcp://user:pa%0Ass@h', 'tcp://user:***@h', 11, 'passcode'],
    ['tcp://user:pa%0dss@h', 'tcp://user:***@h', 11, 'passcode'],
    ['tcp://user:pa%00ss@h', 'tcp://user:***@h', 11, 'passcode'],
    ['tcp://user:%0D%0A@h:1', 'tcp://user:***@h:1', 11, 'passcode'],
    ['tcp://user:%0A@h', 'tcp://user:***@h', 11, 'passcode'],
    ['tcp://us%0Aer:pw@h', 'tcp://***:***@h', 6, 'login'],
    ['tcp://us%0Aer@h', 'tcp://***@h', 6, 'login'],
    ['tcp://x%0Apasscode%3Aguess@h', 'tcp://***@h', 6, 'login'],
    ['tcp://%00:pw@h', 'tcp://***:***@h', 6, 'login'],
    ['ssl://us%0Der:p%0Aw@[::1]:61614', 'ssl://***:***@[::1]:61614', 6, 'login'],
    ['failover:(tcp://a:1,tcp://us%0Aer@b:2)', 'failover:(tcp://a:1,tcp://***@b:2)', 26, 'login'],
    [
      'failover:(tcp://a:1,tcp://u:p%0Aw@b:2)?randomize=false',
      'failover:(tcp://a:1,tcp://u:***@b:2)?randomize=false',
      28,
      'passcode',
    ],
  ])('%j → a masked UriError (%j at %i, the %s)', (uri, input, position, part) => {
    const error = uriError(() => parseUri(uri));
    expect(error.message).toBe(
      `the ${part} holds a line break or NUL (decoded from %0A, %0D or %00) at position ${position}: a STOMP CONNECT header cannot carry it`,
    );
    expect(error.input).toBe(input);
    expect(error.position).toBe(position);
    for (const text of [
      error.message,
      error.input,
      JSON.stringify(error),
      inspect(error, { showHidden: true }),
    ]) {
      expect(text).not.toMatch(/us%0Aer|us%0Der|pa%0|%0D%0A|guess|p%0Aw/i);
    }
  });

  it.each([
    // Other control characters and line separators travel in a CONNECT header as they are.
    ['tcp://u:a%01b@h', 'a\u0001b'],
    ['tcp://u:a%7Fb@h', 'a\u007fb'],
    ['tcp://u:a%E2%80%A8b@h', 'a\u2028b'],
    ['tcp://u:a%09b@h', 'a\tb'],
  ])('%j keeps the passcode %j', (uri, passcode) => {
    expect(parseUri(uri).peers[0]?.passcode).toBe(passcode);
  });
});
