import { inspect } from 'node:util';
import { parseCliArgs } from '../../src/cli/args';
import { parseSockoptArg } from '../../src/cli/sockopt-arg';
import { UsageError } from '../../src/cli/usage-error';

const URI = 'tcp://127.0.0.1:61613';

describe('parseSockoptArg', () => {
  it.each([
    ['Timeout=5', 'Timeout', 5],
    ['Timeout=2.5', 'Timeout', 2.5],
    ['LocalPort=-1', 'LocalPort', -1],
    ['SSL_verify_mode=0', 'SSL_verify_mode', 0],
    ['keepAlive=true', 'keepAlive', true],
    ['noDelay=FALSE', 'noDelay', false],
    ['SSL_hostname=', 'SSL_hostname', ''],
    ['SSL_ca_file=/etc/ssl/ca.pem', 'SSL_ca_file', '/etc/ssl/ca.pem'],
    ['LocalAddr=127.0.0.1:5000', 'LocalAddr', '127.0.0.1:5000'],
    ['SSL_fingerprint=sha256$AB:CD', 'SSL_fingerprint', 'sha256$AB:CD'],
    ['SSL_version=SSLv23:!TLSv1', 'SSL_version', 'SSLv23:!TLSv1'],
    ['passphrase="1234"', 'passphrase', '1234'],
    ['passphrase=123456', 'passphrase', '123456'],
    ['passphrase=-1.5', 'passphrase', '-1.5'],
    ['passphrase=TRUE', 'passphrase', 'TRUE'],
    ['passphrase=', 'passphrase', ''],
    ['servername="true"', 'servername', 'true'],
    ['x=a=b', 'x', 'a=b'],
  ])('%s → %s = %p', (arg, name, value) => {
    expect(parseSockoptArg(arg)).toEqual([name, value]);
  });

  it.each([
    ['Timeout', "--sockopt expects NAME=VALUE, got 'Timeout'"],
    ['=5', '--sockopt expects NAME=VALUE (NAME: letters, digits and _)'],
    ['pass word=x', '--sockopt expects NAME=VALUE (NAME: letters, digits and _)'],
    ['passphrase:hunter2', '--sockopt expects NAME=VALUE (NAME: letters, digits and _)'],
  ])('%p is a usage error: %s', (arg, message) => {
    expect(() => parseSockoptArg(arg)).toThrow(new UsageError(message));
  });

  it('never echoes what may be a secret', () => {
    expect(() => parseSockoptArg('passphrase:hunter2')).toThrow(
      expect.not.objectContaining({ message: expect.stringContaining('hunter2') }),
    );
  });
});

describe('parseCliArgs', () => {
  it('a bare URI: connect with defaults', () => {
    expect(parseCliArgs([URI])).toEqual({
      mode: 'connect',
      uri: URI,
      sockopts: {},
      stomp: true, // STOMP verification is the default
      json: false,
      quiet: false,
    });
  });

  it('every option at once', () => {
    const options = parseCliArgs([
      '-o',
      'Timeout=5',
      '--sockopt',
      'SSL_verify_mode=0',
      '--ca',
      'ca.pem',
      '--cert',
      'client.pem',
      '--key',
      'client.key',
      '--stomp',
      '--login',
      'guest',
      '--passcode',
      'hunter2',
      '--vhost',
      '/',
      '--json',
      '-q',
      'ssl://mq:61614',
    ]);
    expect(options).toEqual({
      mode: 'connect',
      uri: 'ssl://mq:61614',
      sockopts: {
        Timeout: 5,
        SSL_verify_mode: 0,
        SSL_ca_file: 'ca.pem',
        SSL_cert_file: 'client.pem',
        SSL_key_file: 'client.key',
      },
      stomp: true,
      login: 'guest',
      vhost: '/',
      json: true,
      quiet: true,
    });
    expect(options.passcode).toBe('hunter2');
  });

  it('keeps the passcode out of inspect, JSON and spread, and freezes the result', () => {
    const options = parseCliArgs(['--stomp', '--passcode', 'hunter2', URI]);
    expect(options.passcode).toBe('hunter2');
    expect(inspect(options, { depth: 5 })).not.toContain('hunter2');
    expect(JSON.stringify(options)).not.toContain('hunter2');
    expect({ ...options }).not.toHaveProperty('passcode');
    expect(Object.isFrozen(options)).toBe(true);
    expect(Object.isFrozen(options.sockopts)).toBe(true);
  });

  it.each([
    ['0', 0],
    ['250', 0.25],
    ['1500', 1.5],
    ['30000', 30],
    ['2147483647', 2147483.647],
  ])('--timeout %s → Timeout %p (seconds)', (ms, seconds) => {
    expect(parseCliArgs(['--timeout', ms, URI]).sockopts).toEqual({ Timeout: seconds });
  });

  it('a number-looking passphrase stays a string; other sockopts are still parsed', () => {
    expect(parseCliArgs(['-o', 'passphrase=123456', '-o', 'SSL_verify_mode=0', URI]).sockopts).toEqual({
      passphrase: '123456',
      SSL_verify_mode: 0,
    });
  });

  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '__defineSetter__'])(
    '-o %s=1 is a sockopt of its own, as given (no prototype is ever set)',
    (name) => {
      const { sockopts } = parseCliArgs(['-o', `${name}=1`, '-o', 'Timeout=2', URI]);
      expect(Object.keys(sockopts)).toEqual([name, 'Timeout']);
      expect(Object.getOwnPropertyDescriptor(sockopts, name)).toMatchObject({ value: 1, enumerable: true });
      expect(Object.getPrototypeOf(sockopts)).toBe(Object.prototype);
      expect(() => parseCliArgs(['-o', `${name}=1`, '-o', `${name}=2`, URI])).toThrow(
        new UsageError(`sockopt ${name} given twice (--sockopt)`),
      );
    },
  );

  it('checks every option even with --help', () => {
    expect(() => parseCliArgs(['--help', '--bogus'])).toThrow(new UsageError('unknown option --bogus'));
  });

  it.each<[string[], 'help' | 'version' | 'demo']>([
    [['--help'], 'help'],
    [['-h', URI], 'help'],
    [['--version'], 'version'],
    [['-V', '--stomp'], 'version'],
    [['--help', '--version'], 'help'],
    [['--demo'], 'demo'],
    [['--demo', '--json', '--quiet'], 'demo'],
  ])('%p → mode %s', (argv, mode) => {
    expect(parseCliArgs(argv).mode).toBe(mode);
  });

  it.each<[string[], string]>([
    [[], 'missing <uri> (see stomp-connect --help)'],
    [['--stomp'], 'missing <uri> (see stomp-connect --help)'],
    [['tcp://a', 'tcp://b'], 'expected one <uri>, got 2 (a failover URI lists several peers)'],
    [['--bogus', URI], 'unknown option --bogus'],
    [['-x', URI], 'unknown option -x'],
    [[URI, '--timeout'], 'option --timeout needs a value'],
    [['--json=yes', URI], 'option --json takes no value'],
    [['--timeout', '1.5', URI], "--timeout expects whole milliseconds (0 = none), got '1.5'"],
    [
      ['--timeout', '-1', URI],
      'option --timeout needs a value (one that starts with - is written --timeout=-…)',
    ],
    [['--timeout=-1', URI], "--timeout expects whole milliseconds (0 = none), got '-1'"],
    [['--timeout', 'soon', URI], "--timeout expects whole milliseconds (0 = none), got 'soon'"],
    [
      ['--timeout', '2147483648', URI],
      "--timeout is at most 2147483647 ms (about 24.8 days, Node's timer limit), got '2147483648'",
    ],
    [
      ['--timeout', '9007199254740993', URI],
      "--timeout is at most 2147483647 ms (about 24.8 days, Node's timer limit), got '9007199254740993'",
    ],
    [['--sockopt', 'Timeout', URI], "--sockopt expects NAME=VALUE, got 'Timeout'"],
    [['-o', 'Timeout=1', '-o', 'Timeout=2', URI], 'sockopt Timeout given twice (--sockopt)'],
    [['-o', 'Timeout=1', '--timeout', '500', URI], 'sockopt Timeout given twice (--timeout)'],
    [['-o', 'SSL_ca_file=a.pem', '--ca', 'b.pem', URI], 'sockopt SSL_ca_file given twice (--ca)'],
    [['--no-stomp', '--login', 'guest', URI], '--login cannot be used with --no-stomp'],
    [['--no-stomp', '--passcode', 'x', URI], '--passcode cannot be used with --no-stomp'],
    [['--no-stomp', '--vhost', '/', URI], '--vhost cannot be used with --no-stomp'],
    [['--no-stomp', '--heart-beat', '0,0', URI], '--heart-beat cannot be used with --no-stomp'],
    [['--stomp', '--no-stomp', URI], '--stomp and --no-stomp contradict each other'],
    [['--no-stomp=1', URI], 'option --no-stomp takes no value'],
    [['--demo', URI], '--demo takes no URI'],
    [['--demo', '--stomp'], '--demo cannot be combined with --stomp'],
    [['--demo', '-o', 'Timeout=1'], '--demo cannot be combined with --sockopt'],
  ])('%p is a usage error: %s', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(new UsageError(message));
  });

  it('usage errors carry a code and never show the passcode', () => {
    let caught: unknown;
    try {
      parseCliArgs(['--no-stomp', '--passcode', 'hunter2', URI]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect(caught).toMatchObject({ code: 'ERR_STOMP_USAGE', name: 'UsageError' });
    expect((caught as Error).message).not.toContain('hunter2');
  });

  it.each([
    [[URI], true],
    [['--stomp', URI], true], // older command lines: accepted, changes nothing
    [['--no-stomp', URI], false],
    [['--stay', '--no-stomp', URI], false],
  ])('%p verifies with STOMP: %p', (argv, stomp) => {
    expect(parseCliArgs(argv).stomp).toBe(stomp);
  });

  it.each([
    ['--login', 'a\r\nb'],
    ['--login', 'a\nb'],
    ['--vhost', '/\nx:y'],
    ['--passcode', 'hun\rter2'],
    ['--passcode', 'hunter2\0'],
  ])('%s holding CR, LF or NUL is bad usage before any attempt, its value never shown', (option, value) => {
    let caught: unknown;
    try {
      parseCliArgs([option, value, URI]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toBe(
      `${option} holds a line break or NUL, which a STOMP CONNECT header cannot carry`,
    );
  });

  it('a URI that starts with "-" goes after --', () => {
    expect(parseCliArgs(['--', '-odd']).uri).toBe('-odd');
  });
});
