import type { ConnectionPlan, FailoverOptions, Jitter, Peer } from './types';
import { MAX_DELAY_MS } from './uri/option-values';

/**
 * One attempt of a run, as the schedule plans it.
 *
 * @example
 * ```ts
 * const [first] = attemptSchedule(parseUri('tcp://a'), Math.random);
 * first; // { attempt: 1, peer, retryIn: null }
 * ```
 */
export interface ScheduledAttempt {
  /** 1-based, counted across the whole run. */
  readonly attempt: number;
  readonly peer: Peer;
  /** ms to wait after this attempt fails, or `null` when its failure ends the run. */
  readonly retryIn: number | null;
}

/**
 * The wait before the next attempt for a given delay, in whole ms (rounded
 * down): `none` = the delay, `full` = random·delay, `equal` = delay/2 +
 * random·delay/2.
 *
 * @example
 * ```ts
 * jitteredWait(400, 'equal', () => 0.5); // 300
 * ```
 */
export function jitteredWait(delay: number, jitter: Jitter, random: () => number): number {
  switch (jitter) {
    case 'none':
      return Math.floor(delay);
    case 'full':
      return Math.floor(unit(random) * delay);
    case 'equal':
      return Math.floor(delay / 2 + (unit(random) * delay) / 2);
  }
}

/** A random source clamped to [0, 1), so a faulty one cannot push a wait out of its bounds. */
function unit(random: () => number): number {
  const value = random();
  return value >= 0 && value < 1 ? value : 0;
}

/**
 * The peers in a random order (Fisher–Yates), as a new array.
 *
 * @example
 * ```ts
 * shuffled(['a', 'b', 'c'], () => 0); // ['b', 'c', 'a']
 * ```
 */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = items.slice();
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(unit(random) * (i + 1));
    const item = result[i] as T;
    result[i] = result[j] as T;
    result[j] = item;
  }
  return result;
}

/**
 * The attempt limit: `startupMaxReconnectAttempts` when >= 0, else `maxReconnectAttempts`; -1 = none.
 *
 * @example
 * ```ts
 * attemptLimit(parseUri('failover:(tcp://a)?maxReconnectAttempts=3').failover!); // 3
 * ```
 */
export function attemptLimit(failover: FailoverOptions): number {
  return failover.startupMaxReconnectAttempts >= 0
    ? failover.startupMaxReconnectAttempts
    : failover.maxReconnectAttempts;
}

/**
 * The attempts of one run, lazily, as SPEC §4 states the seed's algorithm:
 * passes over the peers (shuffled at the start of each when `randomize`), a
 * delay that grows by `backOffMultiplier` after each wait up to
 * `maxReconnectDelay`, and at most `limit + 1` attempts. Without failover: one
 * pass in order with no waits. Pure: the only input besides the plan is the
 * injected random source, and an unlimited run keeps only its current state.
 *
 * @example
 * ```ts
 * const plan = parseUri('failover:(tcp://a:1,tcp://b:2)?randomize=false&maxReconnectAttempts=2');
 * [...attemptSchedule(plan, Math.random)].map((s) => [s.peer.host, s.retryIn]);
 * // [['a', 10], ['b', 20], ['a', null]]
 * ```
 */
export function* attemptSchedule(
  plan: ConnectionPlan,
  random: () => number,
): Generator<ScheduledAttempt, void, undefined> {
  const { peers, failover } = plan;
  if (peers.length === 0) return;
  if (failover === null) {
    for (let i = 0; i < peers.length; i++) {
      yield { attempt: i + 1, peer: peers[i] as Peer, retryIn: i + 1 < peers.length ? 0 : null };
    }
    return;
  }
  const factor = failover.useExponentialBackOff ? failover.backOffMultiplier : 0;
  const limit = attemptLimit(failover);
  const cap = failover.maxReconnectDelay;
  let delay = failover.initialReconnectDelay;
  let attempt = 0;
  for (;;) {
    const order = failover.randomize ? shuffled(peers, random) : peers;
    for (const peer of order) {
      attempt += 1;
      if (limit >= 0 && attempt >= limit + 1) {
        yield { attempt, peer, retryIn: null };
        return;
      }
      const retryIn = delay > 0 ? jitteredWait(delay, failover.jitter, random) : 0;
      // Any non-zero factor multiplies, then caps (Perl, ActiveMQ): factor 1 therefore caps an
      // initialReconnectDelay above maxReconnectDelay after the first wait; factor 0 does neither.
      if (delay > 0 && factor > 0) {
        delay *= factor;
        if (cap > 0 && delay > cap) delay = cap;
        // Even uncapped (maxReconnectDelay=0), no wait may pass Node's timer limit:
        // a longer one fires after 1 ms, and the run would hammer the broker.
        if (delay > MAX_DELAY_MS) delay = MAX_DELAY_MS;
      }
      yield { attempt, peer, retryIn };
    }
  }
}
