import { UriError } from '../../src/errors/uri-error';
import {
  FAILOVER_DEFAULTS,
  FAILOVER_OPTION_NAMES,
  IGNORED_FAILOVER_OPTIONS,
  parseFailoverOptions,
} from '../../src/uri/failover-options';
import { createUriSource } from '../../src/uri/uri-source';
import { SPEC_FAILOVER_DEFAULTS } from '../helpers/spec-defaults';

/** Parses `query` as the failover options after a `?`. */
const options = (query: string) => {
  const src = createUriSource(`?${query}`);
  return parseFailoverOptions(src, 1, src.raw.length);
};

describe('parseFailoverOptions', () => {
  it('fills every field with the defaults', () => {
    expect(options('')).toEqual({ options: FAILOVER_DEFAULTS, ignored: [] });
    expect(FAILOVER_DEFAULTS).toEqual(SPEC_FAILOVER_DEFAULTS);
    expect(Object.isFrozen(FAILOVER_DEFAULTS)).toBe(true);
  });

  it.each([
    ['randomize=false', { randomize: false }],
    ['RANDOMIZE=False', { randomize: false }],
    ['initialReconnectDelay=0', { initialReconnectDelay: 0 }],
    ['initialreconnectdelay=250', { initialReconnectDelay: 250 }],
    ['maxReconnectDelay=2147483647', { maxReconnectDelay: 2147483647 }],
    ['backOffMultiplier=1', { backOffMultiplier: 1 }],
    ['backOffMultiplier=0', { backOffMultiplier: 0 }],
    ['backOffMultiplier=1.25', { backOffMultiplier: 1.25 }],
    ['reconnectDelayExponent=3', { backOffMultiplier: 3 }],
    ['backOffMultiplier=3&reconnectDelayExponent=4', { backOffMultiplier: 4 }],
    ['reconnectDelayExponent=4&backOffMultiplier=3', { backOffMultiplier: 3 }],
    ['useExponentialBackOff=FALSE', { useExponentialBackOff: false }],
    ['maxReconnectAttempts=-1', { maxReconnectAttempts: -1 }],
    ['maxReconnectAttempts=0', { maxReconnectAttempts: 0 }],
    ['startupMaxReconnectAttempts=2', { startupMaxReconnectAttempts: 2 }],
    ['jitter=full', { jitter: 'full' }],
    ['jitter=equal&jitter=none', { jitter: 'none' }],
    ['connectionTimeout=0', { connectionTimeout: 0 }],
    ['nested.connectionTimeout=1500', { connectionTimeout: 1500 }],
    ['Nested.ConnectionTimeout=1&connectionTimeout=2', { connectionTimeout: 2 }],
    ['connectionTimeout=2&nested.connectionTimeout=1', { connectionTimeout: 1 }],
    ['maxReconnectAttempts=%2D1', { maxReconnectAttempts: -1 }],
    ['startupMaxReconnectAttempts=-1', { startupMaxReconnectAttempts: -1 }],
    ['randomize=%66alse', { randomize: false }],
    ['%72andomize=false', { randomize: false }],
    ['priorityBackup=true', { priorityBackup: true }],
    ['PRIORITYBACKUP=False', { priorityBackup: false }],
    ['connectionAttemptDelay=250', { connectionAttemptDelay: 250 }],
    ['connectionattemptdelay=0', { connectionAttemptDelay: 0 }],
    ['connectionAttemptDelay=2147483647', { connectionAttemptDelay: 2147483647 }],
    ['connectionAttemptDelay=5&connectionAttemptDelay=7', { connectionAttemptDelay: 7 }],
  ])('%j', (query, expected) => {
    expect(options(query)).toEqual({ options: { ...FAILOVER_DEFAULTS, ...expected }, ignored: [] });
  });

  it('accepts every ignored ActiveMQ option, any case, and any nested.* name, listing them as written', () => {
    const query = [
      ...IGNORED_FAILOVER_OPTIONS,
      'TIMEOUT',
      'nested.wireFormat.maxInactivityDuration',
      'NESTED.x',
    ]
      .map((name) => `${name}=whatever`)
      .join('&');
    const parsed = options(query);
    expect(parsed.options).toEqual(FAILOVER_DEFAULTS);
    expect(parsed.ignored).toEqual([
      ...IGNORED_FAILOVER_OPTIONS,
      'TIMEOUT',
      'nested.wireFormat.maxInactivityDuration',
      'NESTED.x',
    ]);
    expect(IGNORED_FAILOVER_OPTIONS).toHaveLength(11);
    expect(IGNORED_FAILOVER_OPTIONS).not.toContain('priorityBackup');
  });

  it('knows every effective and ignored name for suggestions', () => {
    expect(FAILOVER_OPTION_NAMES).toEqual(
      expect.arrayContaining([
        'randomize',
        'reconnectDelayExponent',
        'nested.connectionTimeout',
        'priorityURIs',
      ]),
    );
  });

  it.each([
    [
      'maxReconnectAttemps=1',
      1,
      'unknown failover option "maxReconnectAttemps" at position 1: did you mean maxReconnectAttempts?',
    ],
    ['randomize=true&useExponentialBackof=false', 16, 'did you mean useExponentialBackOff?'],
    ['priorityUri=x', 1, 'did you mean priorityURIs?'],
    ['foo=1', 1, 'expected one of randomize, initialReconnectDelay'],
    [
      'randomize=false&jitter=some',
      24,
      'invalid value "some" for jitter at position 24: expected none, full or equal',
    ],
    ['randomize', 10, 'expected "=" and a value after the failover option "randomize"'],
  ])('rejects %j at %i', (query, position, message) => {
    let error: unknown;
    try {
      options(query);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UriError);
    expect((error as UriError).position).toBe(position);
    expect((error as UriError).message).toContain(message);
  });

  const NUMERIC_OPTIONS = [
    'initialReconnectDelay',
    'maxReconnectDelay',
    'backOffMultiplier',
    'reconnectDelayExponent',
    'maxReconnectAttempts',
    'startupMaxReconnectAttempts',
    'connectionTimeout',
    'nested.connectionTimeout',
    'MAXRECONNECTATTEMPTS',
    'connectionAttemptDelay',
  ];
  // Signed forms, as written and percent-encoded; -1 is only valid for the attempt limits (tested above).
  const SIGNED = ['-0', '-00', '-0.0', '+0', '+5', '+1', '-5', '-01', '%2D0', '%2B5', '+%35', '%E2%88%921'];
  it.each(NUMERIC_OPTIONS.flatMap((name) => SIGNED.map((value) => [name, value])))(
    'rejects the signed %s=%s, naming the option and the value',
    (name, value) => {
      let error: unknown;
      try {
        options(`randomize=false&${name}=${value}`);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UriError);
      const valueAt = `?randomize=false&${name}=`.length;
      expect((error as UriError).position).toBe(valueAt);
      expect((error as UriError).message).toContain(
        `invalid value ${JSON.stringify(value)} for ${name.replace('MAXRECONNECTATTEMPTS', 'maxReconnectAttempts')} at position ${valueAt}: expected`,
      );
      expect((error as UriError).message).toContain('without a sign');
    },
  );

  it.each([
    'initialReconnectDelay',
    'maxReconnectDelay',
    'connectionTimeout',
    'nested.connectionTimeout',
    'connectionAttemptDelay',
  ])('rejects %s=-1 (a sign only where a negative value means something)', (name) => {
    expect(() => options(`${name}=-1`)).toThrow(UriError);
  });
});
