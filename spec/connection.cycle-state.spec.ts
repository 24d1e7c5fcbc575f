import { afterDrop, cycleBackoff, cycleStart, DEFAULT_STABLE_AFTER } from '../src/internal/cycle-state';
import type { FailoverOptions } from '../src/types';
import { parseUri } from '../src/uri/parse-uri';
import { SPEC_FAILOVER_DEFAULTS } from './helpers/spec-defaults';

describe('cycleStart: the limit and delay each cycle starts from', () => {
  const plan = parseUri('failover:(tcp://a:1)?startupMaxReconnectAttempts=1&maxReconnectAttempts=4');
  it.each<[string, number, number, object]>([
    ['cycle 1: the plan’s own limit (startup), the delay given', 1, 10, { delay: 10 }],
    ['cycle 2: maxReconnectAttempts', 2, 40, { limit: 4, delay: 40 }],
    ['cycle 9: maxReconnectAttempts', 9, 30000, { limit: 4, delay: 30000 }],
  ])('%s', (_name, connection, delay, expected) => {
    expect(cycleStart(plan, connection, delay)).toEqual(expected);
  });

  it('a later cycle carries the peer the connection dropped from (tried last); cycle 1 never does', () => {
    const two = parseUri('failover:(tcp://a:1,tcp://b:2)?maxReconnectAttempts=4');
    const [a] = two.peers;
    expect(cycleStart(two, 2, 40, a)).toEqual({ limit: 4, delay: 40, dropped: a });
    expect(cycleStart(two, 2, 40, a).dropped).toBe(a);
    expect(cycleStart(two, 2, 40)).toEqual({ limit: 4, delay: 40 });
    expect(cycleStart(two, 1, 10, a)).toEqual({ delay: 10 });
    expect(cycleStart(parseUri('tcp://a:1'), 2, 40, a)).toEqual({});
  });

  it('a plan without failover: one pass, nothing to start from', () => {
    expect(cycleStart(parseUri('tcp://a:1'), 3, 40)).toEqual({});
  });
});

describe('cycleBackoff', () => {
  it("the plan's failover options, or the SPEC's defaults for a plan without failover", () => {
    const plan = parseUri('failover:(tcp://a:1)?initialReconnectDelay=7');
    expect(cycleBackoff(plan)).toBe(plan.failover);
    expect(cycleBackoff(parseUri('tcp://a:1'))).toEqual(SPEC_FAILOVER_DEFAULTS);
    expect(DEFAULT_STABLE_AFTER).toBe(30000);
  });
});

describe('afterDrop: the wait before the next cycle and the delay it starts from', () => {
  it.each<[string, Partial<FailoverOptions>, number, number, number, { wait: number; delay: number }]>([
    // options, delay in force, connectedFor, stableAfter → wait, next delay
    ['short: the current delay, then one step', {}, 40, 5, 30000, { wait: 40, delay: 80 }],
    ['stable: reset to initialReconnectDelay', {}, 40, 30000, 30000, { wait: 10, delay: 20 }],
    ['one ms short of stable', {}, 40, 29999, 30000, { wait: 40, delay: 80 }],
    ['stableAfter 0: always reset', {}, 640, 0, 0, { wait: 10, delay: 20 }],
    ['capped', { maxReconnectDelay: 100 }, 80, 5, 30000, { wait: 80, delay: 100 }],
    ['jitter full at 0.5', { jitter: 'full' }, 100, 5, 30000, { wait: 50, delay: 200 }],
    ['jitter equal at 0.5', { jitter: 'equal' }, 100, 5, 30000, { wait: 75, delay: 200 }],
    ['initialReconnectDelay 0: no wait', { initialReconnectDelay: 0 }, 0, 5, 30000, { wait: 0, delay: 0 }],
    ['constant (factor 0)', { backOffMultiplier: 0 }, 10, 5, 30000, { wait: 10, delay: 10 }],
  ])('%s', (_name, options, delay, connectedFor, stableAfter, expected) => {
    const backoff = { ...SPEC_FAILOVER_DEFAULTS, ...options };
    expect(afterDrop(backoff, delay, connectedFor, stableAfter, () => 0.5)).toEqual(expected);
  });
});
