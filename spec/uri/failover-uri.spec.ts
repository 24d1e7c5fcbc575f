import { FAILOVER_DEFAULTS } from '../../src/uri/failover-options';
import { parseUri } from '../../src/uri/parse-uri';
import { SPEC_FAILOVER_DEFAULTS } from '../helpers/spec-defaults';
import { uriError } from '../helpers/uri-error';

describe('Net::STOMP::Client 2.5 t/ URI list', () => {
  it.each([
    ['', false],
    ['stomp://foo-bar.com:123', true],
    ['tcp://foo:123', true],
    ['ssl://foo:123', true],
    ['stomp://foo:123', true],
    ['stomp+ssl://foo:123', true],
    ['stmp://foo:123', false],
    ['stomp://foo;123', false],
    ['failover:tcp://foo:123,ssl://bar:123', true],
    ['failover:(tcp://foo:123,ssl://bar:123)', true],
    ['failover://(tcp://foo:123,ssl://bar:123)', true],
    [
      'failover://(tcp://appint:61613,tcp://appext:61613)?randomize=false&maxReconnectAttempts=3&initialReconnectDelay=3000',
      true,
    ],
  ])('%j is %s', (uri, ok) => {
    if (ok) expect(parseUri(uri).peers.length).toBeGreaterThan(0);
    else uriError(() => parseUri(uri));
  });

  it('reads the options of the last one', () => {
    const plan = parseUri(
      'failover://(tcp://appint:61613,tcp://appext:61613)?randomize=false&maxReconnectAttempts=3&initialReconnectDelay=3000',
    );
    expect(plan.peers.map((peer) => peer.uri)).toEqual(['tcp://appint:61613', 'tcp://appext:61613']);
    expect(plan.failover).toEqual({
      ...SPEC_FAILOVER_DEFAULTS,
      randomize: false,
      maxReconnectAttempts: 3,
      initialReconnectDelay: 3000,
    });
  });
});

describe('parseUri: failover URIs', () => {
  it.each([
    // uri, peer uris, failover options beyond the defaults, ignored
    ['failover:tcp://a:1', ['tcp://a:1'], {}, []],
    ['FAILOVER:tcp://a:1,ssl://b', ['tcp://a:1', 'ssl://b:61614'], {}, []],
    ['failover:tcp://a:1,', ['tcp://a:1'], {}, []],
    ['failover: tcp://a:1 ,\ttcp://b:2 ', ['tcp://a:1', 'tcp://b:2'], {}, []],
    ['failover:(tcp://a:1)', ['tcp://a:1'], {}, []],
    ['failover:(tcp://a:1,)', ['tcp://a:1'], {}, []],
    ['failover:( tcp://a:1 , tcp://b:2 , )', ['tcp://a:1', 'tcp://b:2'], {}, []],
    ['failover:(\n  tcp://a:1,\n  tcp://b:2\n)', ['tcp://a:1', 'tcp://b:2'], {}, []],
    ['Failover://(tcp://a:1)', ['tcp://a:1'], {}, []],
    ['failover:(tcp://a:1)?', ['tcp://a:1'], {}, []],
    ['failover:(stomp+ssl://a,stomp://b)', ['stomp+ssl://a:61614', 'stomp://b:61613'], {}, []],
    ['failover:(tcp://[::1]:1,tcp://::1:2)', ['tcp://[::1]:1', 'tcp://[::1]:2'], {}, []],
    ['failover:(tcp://a:1,tcp://a:1)', ['tcp://a:1', 'tcp://a:1'], {}, []],
    [
      'failover:(tcp://a?soTimeout=1,tcp://b?soTimeout=2&x=1)',
      ['tcp://a:61613', 'tcp://b:61613'],
      {},
      ['soTimeout', 'x'],
    ],
    ['failover:(tcp://a)?randomize=false&Randomize=TRUE', ['tcp://a:61613'], { randomize: true }, []],
    [
      'failover:(tcp://a)?initialReconnectDelay=0&maxReconnectDelay=0&useExponentialBackOff=false',
      ['tcp://a:61613'],
      { initialReconnectDelay: 0, maxReconnectDelay: 0, useExponentialBackOff: false },
      [],
    ],
    [
      'failover:(tcp://a)?jitter=Equal&maxReconnectAttempts=0&startupMaxReconnectAttempts=5',
      ['tcp://a:61613'],
      { jitter: 'equal', maxReconnectAttempts: 0, startupMaxReconnectAttempts: 5 },
      [],
    ],
    [
      'failover:(tcp://a)?timeout=3000&nested.wireFormat.x=1',
      ['tcp://a:61613'],
      {},
      ['timeout', 'nested.wireFormat.x'],
    ],
    ['failover:(tcp://a)?connectionTimeout=500', ['tcp://a:61613'], { connectionTimeout: 500 }, []],
  ])('%j', (uri, uris, options, ignored) => {
    const plan = parseUri(uri);
    expect(plan.peers.map((peer) => peer.uri)).toEqual(uris);
    expect(plan.failover).toEqual({ ...SPEC_FAILOVER_DEFAULTS, ...options });
    expect(plan.ignored).toEqual(ignored);
  });

  it('keeps the per-peer options and credentials of the inner URIs', () => {
    const plan = parseUri(
      'failover:(tcp://u:p%2Cw@a?connectionTimeout=5,ssl://b?tcpNoDelay=true)?connectionTimeout=9',
    );
    const [a, b] = plan.peers;
    expect(a?.connectionTimeout).toBe(5);
    expect([a?.login, a?.passcode]).toEqual(['u', 'p,w']);
    expect(b?.tcpNoDelay).toBe(true);
    expect(b?.connectionTimeout).toBeUndefined();
    expect(plan.failover?.connectionTimeout).toBe(9);
  });

  it('freezes the failover options and fills every field', () => {
    const { failover } = parseUri('failover:tcp://a');
    expect(Object.isFrozen(failover)).toBe(true);
    expect(failover).toEqual(SPEC_FAILOVER_DEFAULTS);
    expect(FAILOVER_DEFAULTS).toEqual(SPEC_FAILOVER_DEFAULTS);
    expect(failover && 'connectionTimeout' in failover).toBe(false);
  });

  it.each([
    // uri, position, message fragment
    ['failover:', 9, 'empty failover list'],
    ['failover:()', 10, 'empty failover list'],
    ['failover:( , )', 11, 'empty item in the failover list'],
    ['failover:(tcp://a,,tcp://b)', 18, 'empty item in the failover list'],
    ['failover:,tcp://a', 9, 'empty item'],
    ['failover:(', 10, 'expected ")" to end the failover list'],
    ['failover:(tcp://a:1,tcp://b:2', 29, 'unbalanced parentheses: the "(" at position 9 is never closed'],
    ['failover:(tcp://a))', 18, 'unbalanced parentheses'],
    ['failover:tcp://a)', 16, 'unbalanced parentheses'],
    ['failover:((tcp://a))', 10, 'nested parentheses are not allowed'],
    ['failover:(tcp://a,(tcp://b))', 18, 'nested parentheses'],
    ['failover:(failover:(tcp://a))', 19, 'nested parentheses'],
    ['failover:(failover:tcp://a)', 10, 'a failover: URI cannot be nested in a failover list'],
    ['failover:(file:/etc/uris)', 10, 'a file: URI cannot be nested'],
    ['failover:tcp://a,(tcp://b)', 17, 'unexpected "("'],
    ['failover: (tcp://a)', 10, 'a list in parentheses starts right after "failover:"'],
    ['failover:tcp://a,tcp://b?randomize=false', 24, 'failover options need parentheses'],
    ['failover:tcp://a?randomize=false', 16, 'write failover:(tcp://a:61613,tcp://b:61613)?options'],
    ['failover://tcp://a', 11, 'expected "(" after "failover://"'],
    ['failover:(tcp://a)x', 18, 'expected "?" and failover options, or the end, after "failover:(tcp://a)"'],
    ['failover:(tcp://a) ?randomize=false', 18, 'expected "?"'],
    ['failover:(tcp://a,stmp://b)', 18, 'unknown scheme "stmp"'],
    ['failover:(tcp://a,tcp://b:0)', 26, 'port "0" out of range'],
    ['failover:(tcp://a)?randomize', 28, 'expected "=" and a value after the failover option "randomize"'],
    ['failover:(tcp://a)?=1', 19, 'expected the failover option name before "="'],
    ['failover:(tcp://a)?maxReconnectAttemps=3', 19, 'did you mean maxReconnectAttempts?'],
    ['failover:(tcp://a)?Randomise=false', 19, 'did you mean randomize?'],
    ['failover:(tcp://a)?xyzzy=1', 19, 'unknown failover option "xyzzy"'],
    ['failover:(tcp://a)?tcpNoDelay=true', 19, 'unknown failover option "tcpNoDelay"'],
    ['failover:(tcp://a)?randomize=false&randomize=no', 45, 'invalid value "no" for randomize'],
    ['failover:(tcp://a)?randomize=1', 29, 'expected true or false'],
    ['failover:(tcp://a)?maxReconnectAttempts=-2', 40, 'expected -1 (unlimited) or an integer >= 0'],
    ['failover:(tcp://a)?maxReconnectAttempts=+3', 40, 'invalid value "+3" for maxReconnectAttempts'],
    [
      'failover:(tcp://a)?startupMaxReconnectAttempts=x',
      47,
      'invalid value "x" for startupMaxReconnectAttempts',
    ],
    ['failover:(tcp://a)?initialReconnectDelay=-1', 41, 'expected an integer from 0 to 2147483647'],
    ['failover:(tcp://a)?maxReconnectDelay=10.5', 37, 'invalid value "10.5" for maxReconnectDelay'],
    ['failover:(tcp://a)?backOffMultiplier=0.5', 37, 'expected 0 or a decimal number >= 1'],
    ['failover:(tcp://a)?backOffMultiplier=-2', 37, 'invalid value "-2" for backOffMultiplier'],
    ['failover:(tcp://a)?reconnectDelayExponent=2.', 42, 'invalid value "2." for reconnectDelayExponent'],
    ['failover:(tcp://a)?useExponentialBackOff=off', 41, 'invalid value "off" for useExponentialBackOff'],
    ['failover:(tcp://a)?jitter=half', 26, 'expected none, full or equal'],
    ['failover:(tcp://a)?connectionTimeout=-5', 37, 'invalid value "-5" for connectionTimeout'],
    ['failover:(tcp://a)?nested.connectionTimeout=x', 44, 'invalid value "x" for nested.connectionTimeout'],
    ['failover:(tcp://a)?randomize=%', 29, 'malformed percent-encoding in the failover option value'],
  ])('%j → UriError at %i (%s)', (uri, position, fragment) => {
    const error = uriError(() => parseUri(uri));
    expect(error.message).toContain(fragment);
    expect(error.position).toBe(position);
    expect(error.input).toBe(uri);
  });
});
