import {
  attemptLimit,
  attemptSchedule,
  jitteredWait,
  scheduleOf,
  nextDelay,
  shuffled,
  type ScheduledAttempt,
  type ScheduleStart,
} from '../src/schedule';
import type { ConnectionPlan, FailoverOptions, Peer } from '../src/types';
import { sequence } from './helpers/marbles';
import { SPEC_FAILOVER_DEFAULTS } from './helpers/spec-defaults';

function peer(host: string): Peer {
  return { scheme: 'tcp', host, port: 61613, tls: false, uri: `tcp://${host}:61613` };
}

function plan(hosts: string[], failover: Partial<FailoverOptions> | null): ConnectionPlan {
  return {
    peers: hosts.map(peer),
    failover: failover === null ? null : { ...SPEC_FAILOVER_DEFAULTS, ...failover },
    ignored: [],
  };
}

/** The first `n` attempts as `host:wait` (`host:end` for the last). */
function firstAttempts(schedule: Iterator<ScheduledAttempt>, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const next = schedule.next();
    if (next.done) break;
    expect(next.value.attempt).toBe(i + 1);
    out.push(`${next.value.peer.host}:${next.value.retryIn ?? 'end'}`);
  }
  return out;
}

describe('attemptSchedule', () => {
  it.each<[string, string[], Partial<FailoverOptions> | null, number, string[]]>([
    [
      'the seed case: 5 attempts, waits 100 200 400 500, none after the last',
      ['p1', 'p2', 'p3'],
      { randomize: false, initialReconnectDelay: 100, maxReconnectDelay: 500, maxReconnectAttempts: 4 },
      99,
      ['p1:100', 'p2:200', 'p3:400', 'p1:500', 'p2:end'],
    ],
    [
      'defaults: 10 ms doubling, unlimited',
      ['a'],
      { randomize: false },
      6,
      ['a:10', 'a:20', 'a:40', 'a:80', 'a:160', 'a:320'],
    ],
    [
      'the default cap is 30 s',
      ['a'],
      { randomize: false, initialReconnectDelay: 10000 },
      5,
      ['a:10000', 'a:20000', 'a:30000', 'a:30000', 'a:30000'],
    ],
    [
      'maxReconnectDelay=0 never caps',
      ['a'],
      { randomize: false, initialReconnectDelay: 10000, maxReconnectDelay: 0 },
      4,
      ['a:10000', 'a:20000', 'a:40000', 'a:80000'],
    ],
    [
      'the first delay is not capped (the seed caps only after multiplying)',
      ['a'],
      { randomize: false, initialReconnectDelay: 900, maxReconnectDelay: 500 },
      3,
      ['a:900', 'a:500', 'a:500'],
    ],
    [
      'initialReconnectDelay=0 never waits',
      ['a', 'b'],
      { randomize: false, initialReconnectDelay: 0 },
      5,
      ['a:0', 'b:0', 'a:0', 'b:0', 'a:0'],
    ],
    [
      'useExponentialBackOff=false: a constant delay',
      ['a'],
      { randomize: false, useExponentialBackOff: false },
      4,
      ['a:10', 'a:10', 'a:10', 'a:10'],
    ],
    [
      'backOffMultiplier=1: a constant delay',
      ['a'],
      { randomize: false, backOffMultiplier: 1 },
      3,
      ['a:10', 'a:10', 'a:10'],
    ],
    [
      'backOffMultiplier=1 caps an initial delay above the cap after the first wait (Perl, ActiveMQ)',
      ['a', 'b'],
      { randomize: false, initialReconnectDelay: 5000, maxReconnectDelay: 1000, backOffMultiplier: 1 },
      4,
      ['a:5000', 'b:1000', 'a:1000', 'b:1000'],
    ],
    [
      'reconnectDelayExponent=1 with no cap (maxReconnectDelay=0): constant',
      ['a'],
      { randomize: false, initialReconnectDelay: 5000, maxReconnectDelay: 0, backOffMultiplier: 1 },
      3,
      ['a:5000', 'a:5000', 'a:5000'],
    ],
    [
      'useExponentialBackOff=false (factor 0): neither multiplied nor capped, as in Perl',
      ['a'],
      {
        randomize: false,
        initialReconnectDelay: 5000,
        maxReconnectDelay: 1000,
        useExponentialBackOff: false,
      },
      3,
      ['a:5000', 'a:5000', 'a:5000'],
    ],
    [
      'backOffMultiplier=0: neither multiplied nor capped, as in Perl',
      ['a'],
      { randomize: false, initialReconnectDelay: 5000, maxReconnectDelay: 1000, backOffMultiplier: 0 },
      3,
      ['a:5000', 'a:5000', 'a:5000'],
    ],
    [
      'backOffMultiplier=1.5 above the cap: capped after the first wait',
      ['a'],
      { randomize: false, initialReconnectDelay: 5000, maxReconnectDelay: 1000, backOffMultiplier: 1.5 },
      3,
      ['a:5000', 'a:1000', 'a:1000'],
    ],
    [
      'backOffMultiplier=0: a constant delay',
      ['a'],
      { randomize: false, backOffMultiplier: 0 },
      3,
      ['a:10', 'a:10', 'a:10'],
    ],
    [
      'backOffMultiplier=1.5 rounds the wait down',
      ['a'],
      { randomize: false, initialReconnectDelay: 15, backOffMultiplier: 1.5 },
      4,
      ['a:15', 'a:22', 'a:33', 'a:50'],
    ],
    [
      'maxReconnectAttempts=0: one attempt',
      ['a', 'b'],
      { randomize: false, maxReconnectAttempts: 0 },
      9,
      ['a:end'],
    ],
    [
      'maxReconnectAttempts=2: three attempts',
      ['a', 'b'],
      { randomize: false, maxReconnectAttempts: 2 },
      9,
      ['a:10', 'b:20', 'a:end'],
    ],
    [
      'startupMaxReconnectAttempts replaces maxReconnectAttempts',
      ['a'],
      { randomize: false, maxReconnectAttempts: 5, startupMaxReconnectAttempts: 1 },
      9,
      ['a:10', 'a:end'],
    ],
    [
      'startupMaxReconnectAttempts=-1 leaves maxReconnectAttempts in force',
      ['a'],
      { randomize: false, maxReconnectAttempts: 1, startupMaxReconnectAttempts: -1 },
      9,
      ['a:10', 'a:end'],
    ],
    ['no failover: one pass in order, no waits', ['a', 'b', 'c'], null, 9, ['a:0', 'b:0', 'c:end']],
    ['no failover, one peer: one attempt', ['a'], null, 9, ['a:end']],
  ])('%s', (_name, hosts, failover, n, expected) => {
    expect(
      firstAttempts(
        attemptSchedule(plan(hosts, failover), () => 0.5),
        n,
      ),
    ).toEqual(expected);
  });

  it('shuffles the peers at the start of every pass', () => {
    // Fisher–Yates over [a, b, c], one pass each: (0, 0) → [b, c, a]; (0.99, 0.99) → [a, b, c]; (0.4, 0.99) → [a, c, b]
    const random = sequence(0, 0, 0.99, 0.99, 0.4, 0.99);
    const schedule = attemptSchedule(plan(['a', 'b', 'c'], { initialReconnectDelay: 0 }), random);
    expect(firstAttempts(schedule, 9).map((s) => s.split(':')[0])).toEqual([
      'b',
      'c',
      'a',
      'a',
      'b',
      'c',
      'a',
      'c',
      'b',
    ]);
  });

  it('randomize=false never calls the random source when there is no jitter', () => {
    const random = jest.fn(() => 0.5);
    firstAttempts(attemptSchedule(plan(['a', 'b'], { randomize: false }), random), 10);
    expect(random).not.toHaveBeenCalled();
  });

  it('draws jitter after the pass shuffle, in attempt order', () => {
    const calls: string[] = [];
    let n = 0;
    const random = () => {
      calls.push(`r${++n}`);
      return 0.5;
    };
    const schedule = attemptSchedule(plan(['a', 'b'], { jitter: 'full' }), random);
    schedule.next(); // shuffle (1 draw for 2 peers) + jitter of attempt 1
    expect(calls).toEqual(['r1', 'r2']);
    schedule.next(); // jitter of attempt 2
    schedule.next(); // next pass: shuffle + jitter
    expect(calls).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('is lazy, and an unlimited run keeps going (attempt numbers count across passes)', () => {
    const schedule = attemptSchedule(plan(['a', 'b', 'c'], {}), Math.random);
    let last: ScheduledAttempt | undefined;
    for (let i = 0; i < 100_000; i++) last = schedule.next().value as ScheduledAttempt;
    expect(last?.attempt).toBe(100_000);
    expect(last?.retryIn).toBe(30000);
  });

  it('an empty peer list yields nothing', () => {
    expect([...attemptSchedule(plan([], {}), Math.random)]).toEqual([]);
  });
});

describe('jitteredWait', () => {
  it.each<[number, 'none' | 'full' | 'equal', number, number]>([
    [100, 'none', 0.7, 100],
    [100.9, 'none', 0.7, 100],
    [100, 'full', 0, 0],
    [100, 'full', 0.5, 50],
    [100, 'full', 0.999, 99],
    [100, 'equal', 0, 50],
    [100, 'equal', 0.5, 75],
    [101, 'equal', 0.999, 100],
    [100, 'full', 1, 0], // a random source outside [0, 1) is treated as 0
    [100, 'full', -3, 0],
    [100, 'equal', Number.NaN, 50],
  ])('delay %d, jitter %s, random %d → %d', (delay, jitter, r, expected) => {
    expect(jitteredWait(delay, jitter, () => r)).toBe(expected);
  });

  it('stays within its bounds for any random value', () => {
    for (let i = 0; i <= 1000; i++) {
      const r = i / 1001;
      const full = jitteredWait(1000, 'full', () => r);
      const equal = jitteredWait(1000, 'equal', () => r);
      expect(full).toBeGreaterThanOrEqual(0);
      expect(full).toBeLessThan(1000);
      expect(equal).toBeGreaterThanOrEqual(500);
      expect(equal).toBeLessThan(1000);
      expect(Number.isInteger(full) && Number.isInteger(equal)).toBe(true);
    }
  });
});

describe('shuffled and attemptLimit', () => {
  it('shuffled returns a permutation and leaves its input alone', () => {
    const input = Object.freeze(['a', 'b', 'c', 'd']);
    const out = shuffled(input, sequence(0.1, 0.7, 0.3));
    expect([...out].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(input).toEqual(['a', 'b', 'c', 'd']);
  });

  it('every permutation of three is reachable', () => {
    const seen = new Set<string>();
    for (const r1 of [0, 0.4, 0.7])
      for (const r2 of [0, 0.6]) seen.add(shuffled(['a', 'b', 'c'], sequence(r1, r2)).join(''));
    expect(seen.size).toBe(6);
  });

  it.each([
    [-1, -1, -1],
    [3, -1, 3],
    [3, 0, 0],
    [-1, 2, 2],
  ])('maxReconnectAttempts %d, startupMaxReconnectAttempts %d → limit %d', (max, startup, expected) => {
    expect(
      attemptLimit({
        ...SPEC_FAILOVER_DEFAULTS,
        maxReconnectAttempts: max,
        startupMaxReconnectAttempts: startup,
      }),
    ).toBe(expected);
  });
});

describe('nextDelay', () => {
  it.each<[string, Partial<FailoverOptions>, number, number]>([
    ['doubles by default: 10 → 20', {}, 10, 20],
    ['caps at maxReconnectDelay: 400 → 500', { maxReconnectDelay: 500 }, 400, 500],
    ['a delay at the cap stays there: 30000 → 30000', {}, 30000, 30000],
    ['maxReconnectDelay=0 never caps: 40000 → 80000', { maxReconnectDelay: 0 }, 40000, 80000],
    [
      'factor 1 caps a delay above the cap: 5000 → 1000',
      { backOffMultiplier: 1, maxReconnectDelay: 1000 },
      5000,
      1000,
    ],
    ['factor 1.5: 15 → 22.5', { backOffMultiplier: 1.5 }, 15, 22.5],
    [
      'factor 0 neither multiplies nor caps: 5000 → 5000',
      { backOffMultiplier: 0, maxReconnectDelay: 1000 },
      5000,
      5000,
    ],
    [
      'useExponentialBackOff=false neither multiplies nor caps: 5000 → 5000',
      { useExponentialBackOff: false, maxReconnectDelay: 1000 },
      5000,
      5000,
    ],
    ['a delay of 0 stays 0: 0 → 0', {}, 0, 0],
    [
      'never past the timer limit, even uncapped: 2000000000 → 2147483647',
      { maxReconnectDelay: 0 },
      2_000_000_000,
      2_147_483_647,
    ],
  ])('%s', (_name, failover, delay, expected) => {
    expect(nextDelay({ ...SPEC_FAILOVER_DEFAULTS, ...failover }, delay)).toBe(expected);
  });
});

describe('attemptSchedule from a start (a later cycle of connection$)', () => {
  /** The first `n` attempts as `host:wait/delay`. */
  function withDelays(schedule: Iterator<ScheduledAttempt>, n: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const next = schedule.next();
      if (next.done) break;
      out.push(`${next.value.peer.host}:${next.value.retryIn ?? 'end'}/${next.value.delay}`);
    }
    return out;
  }

  it.each<[string, string[], Partial<FailoverOptions> | null, ScheduleStart, number, string[]]>([
    [
      'no start: the delay in force at each attempt',
      ['a'],
      {},
      {},
      4,
      ['a:10/10', 'a:20/20', 'a:40/40', 'a:80/80'],
    ],
    [
      'from a delay: the waits go on from it',
      ['a'],
      {},
      { delay: 80 },
      3,
      ['a:80/80', 'a:160/160', 'a:320/320'],
    ],
    [
      'a start delay is capped only after its wait',
      ['a'],
      { maxReconnectDelay: 100 },
      { delay: 400 },
      3,
      ['a:400/400', 'a:100/100', 'a:100/100'],
    ],
    ['from a delay of 0: no waits', ['a'], {}, { delay: 0 }, 2, ['a:0/0', 'a:0/0']],
    [
      'a start limit replaces startupMaxReconnectAttempts (later cycles use maxReconnectAttempts)',
      ['a', 'b'],
      { startupMaxReconnectAttempts: 1, maxReconnectAttempts: 4 },
      { limit: 4 },
      9,
      ['a:10/10', 'b:20/20', 'a:40/40', 'b:80/80', 'a:end/160'],
    ],
    ['start limit 0: one attempt', ['a', 'b'], {}, { limit: 0, delay: 40 }, 9, ['a:end/40']],
    [
      'start limit -1: unlimited',
      ['a'],
      { maxReconnectAttempts: 0 },
      { limit: -1 },
      3,
      ['a:10/10', 'a:20/20', 'a:40/40'],
    ],
    [
      'jitter applies to a start delay',
      ['a'],
      { jitter: 'full' },
      { delay: 100 },
      2,
      ['a:50/100', 'a:100/200'],
    ],
    [
      'without failover a start changes nothing',
      ['a', 'b'],
      null,
      { limit: 5, delay: 400 },
      9,
      ['a:0/0', 'b:end/0'],
    ],
  ])('%s', (_name, hosts, failover, start, n, expected) => {
    expect(
      withDelays(
        attemptSchedule(
          plan(hosts, failover === null ? null : { randomize: false, ...failover }),
          () => 0.5,
          start,
        ),
        n,
      ),
    ).toEqual(expected);
  });

  it.each<[ScheduleStart, RegExp]>([
    [{ limit: -2 }, /start\.limit must be -1 or a whole number >= 0, got -2/],
    [{ limit: 1.5 }, /start\.limit .* got 1\.5/],
    [{ limit: Number.NaN }, /start\.limit .* got NaN/],
    [{ delay: -1 }, /start\.delay must be a number of ms from 0 to 2147483647, got -1/],
    [{ delay: Number.NaN }, /start\.delay .* got NaN/],
    [{ delay: 2_147_483_648 }, /start\.delay .* got 2147483648/],
    [{ delay: '10' as unknown as number }, /start\.delay .* got 10/],
  ])('a bad start %p is a TypeError at the call', (start, message) => {
    expect(() => attemptSchedule(plan(['a'], {}), Math.random, start)).toThrow(TypeError);
    expect(() => attemptSchedule(plan(['a'], {}), Math.random, start)).toThrow(message);
  });
});

describe('attemptSchedule from a start: the peer a connection dropped from goes last (ActiveMQ)', () => {
  /** The hosts of the first `n` attempts when `droppedHost` is the start's `dropped`. */
  function order(
    hosts: string[],
    failover: Partial<FailoverOptions> | null,
    droppedHost: string,
    n: number,
    random: () => number = () => 0.5,
  ): string[] {
    const p = plan(hosts, failover);
    const dropped = p.peers.find((candidate) => candidate.host === droppedHost);
    const out: string[] = [];
    for (const next of attemptSchedule(p, random, { limit: n - 1, dropped })) out.push(next.peer.host);
    return out;
  }

  it.each<[string, string[], Partial<FailoverOptions> | null, string, number, string[]]>([
    ['two peers: the other one first', ['a', 'b'], { randomize: false }, 'a', 4, ['b', 'a', 'b', 'a']],
    ['the last one dropped: order unchanged', ['a', 'b'], { randomize: false }, 'b', 4, ['a', 'b', 'a', 'b']],
    [
      'last in every pass, the rest in their order',
      ['a', 'b', 'c', 'd'],
      { randomize: false },
      'b',
      8,
      ['a', 'c', 'd', 'b', 'a', 'c', 'd', 'b'],
    ],
    ['one peer: tried again, as before', ['a'], { randomize: false }, 'a', 3, ['a', 'a', 'a']],
    [
      'priorityBackup: a dropped priority peer keeps its place',
      ['a', 'b', 'c'],
      { randomize: false, priorityBackup: true },
      'a',
      6,
      ['a', 'b', 'c', 'a', 'b', 'c'],
    ],
    [
      'priorityBackup: a dropped other peer goes after the rest',
      ['a', 'b', 'c'],
      { randomize: false, priorityBackup: true },
      'b',
      6,
      ['a', 'c', 'b', 'a', 'c', 'b'],
    ],
    [
      'priorityURIs: priority peers lead in their order, the dropped one last',
      ['a', 'b', 'c', 'd'],
      { randomize: false, priorityURIs: ['tcp://c:61613', 'tcp://a:61613'] },
      'b',
      4,
      ['c', 'a', 'd', 'b'],
    ],
    ['without failover: the written order', ['a', 'b', 'c'], null, 'a', 3, ['a', 'b', 'c']],
    [
      'a broker named twice: every entry of its URI goes last',
      ['a', 'b', 'a', 'c'],
      { randomize: false },
      'a',
      8,
      ['b', 'c', 'a', 'a', 'b', 'c', 'a', 'a'],
    ],
  ])('%s', (_name, hosts, failover, droppedHost, n, expected) => {
    expect(order(hosts, failover, droppedHost, n)).toEqual(expected);
  });

  it('randomize: the others are shuffled, the dropped one is always last of its pass', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const hosts = ['a', 'b', 'c', 'd', 'e'];
    const firsts = new Set<string>();
    for (let run = 0; run < 200; run++) {
      const seen = order(hosts, {}, 'c', 15, random);
      for (let pass = 0; pass < 3; pass++) {
        const passHosts = seen.slice(pass * 5, pass * 5 + 5);
        expect(passHosts[4]).toBe('c');
        expect([...passHosts].sort()).toEqual(hosts);
      }
      firsts.add(seen[0] as string);
    }
    // Still shuffled: every other peer leads some pass.
    expect([...firsts].sort()).toEqual(['a', 'b', 'd', 'e']);
  });

  it('start is read once: a getter cannot pass the check and then change what the schedule uses', () => {
    const p = plan(['a', 'b'], { randomize: false });
    let reads = 0;
    let limitReads = 0;
    const start = {
      get dropped(): Peer {
        reads += 1;
        return reads === 1 ? (p.peers[0] as Peer) : ('not a peer' as unknown as Peer);
      },
      get limit(): number {
        limitReads += 1;
        return limitReads === 1 ? 3 : -1; // -1 (unlimited) if read again
      },
    };
    const schedule = attemptSchedule(p, Math.random, start);
    const hosts: string[] = [];
    for (let next = schedule.next(); next.done !== true && hosts.length < 10; next = schedule.next()) {
      hosts.push(next.value.peer.host);
    }
    expect(hosts).toEqual(['b', 'a', 'b', 'a']);
    expect([reads, limitReads]).toEqual([1, 1]);
  });

  it.each<[unknown, RegExp]>([
    [null, /start must be an object \(\{ limit, delay, dropped \}\), got null/],
    ['limit=3', /start must be an object .* got a string/],
    [7, /start must be an object .* got the number 7/],
  ])('a start that is not an object (%p) is a TypeError naming what it got', (start, message) => {
    const p = plan(['a'], {});
    expect(() => attemptSchedule(p, Math.random, start as ScheduleStart)).toThrow(TypeError);
    expect(() => attemptSchedule(p, Math.random, start as ScheduleStart)).toThrow(message);
  });

  it("the dropped peer must be one of the plan's own peers: a TypeError at the call", () => {
    const p = plan(['a', 'b'], {});
    const stranger = peer('a');
    expect(() => attemptSchedule(p, Math.random, { dropped: stranger })).toThrow(TypeError);
    expect(() => attemptSchedule(p, Math.random, { dropped: stranger })).toThrow(
      "attemptSchedule: start.dropped must be one of the plan's peers (the same object), got an object that is not one of them",
    );
    expect(() => attemptSchedule(p, Math.random, { dropped: 'tcp://a:61613' as unknown as Peer })).toThrow(
      /start\.dropped .* got a string that is not one of them/,
    );
  });
});

describe('scheduleOf: the schedule a connect$ run follows', () => {
  const take = (schedule: Iterator<ScheduledAttempt>, n: number): ScheduledAttempt[] => {
    const out: ScheduledAttempt[] = [];
    for (let next = schedule.next(); next.done !== true && out.length < n; next = schedule.next())
      out.push(next.value);
    return out;
  };

  it('without failover: the same frozen attempts for every run of a plan, as attemptSchedule gives them', () => {
    const p = plan(['a', 'b', 'c'], null);
    const first = take(scheduleOf(p, Math.random), 10);
    expect(first).toEqual(take(attemptSchedule(p, Math.random), 10));
    const second = take(scheduleOf(p, Math.random), 10);
    expect(second).toHaveLength(3);
    second.forEach((attempt, i) => expect(attempt).toBe(first[i]));
    expect(first.every((attempt) => Object.isFrozen(attempt))).toBe(true);
    // Another plan has its own.
    expect(take(scheduleOf(plan(['a'], null), Math.random), 10).map((a) => a.peer.host)).toEqual(['a']);
  });

  it('with failover: a fresh schedule per run, drawing from the random source given', () => {
    const p = plan(['a', 'b', 'c'], { jitter: 'full', maxReconnectAttempts: 5 });
    const seq = (): (() => number) => sequence(0.1, 0.9, 0.5, 0.3, 0.7, 0.2, 0.6, 0.4, 0.8, 0.05);
    const ours = take(scheduleOf(p, seq()), 20);
    expect(ours).toEqual(take(attemptSchedule(p, seq()), 20));
    expect(ours).toHaveLength(6);
  });
});
