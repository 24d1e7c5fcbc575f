import { describeValue } from './internal/describe-value';
import { priorityPeers } from './internal/priority-peers';
import type { ConnectionPlan, FailoverOptions, Jitter, Peer } from './types';
import { MAX_DELAY_MS } from './uri/option-values';

/**
 * One attempt of a run, as the schedule plans it.
 *
 * @example
 * ```ts
 * const [first] = attemptSchedule(parseUri('tcp://a'), Math.random);
 * first; // { attempt: 1, peer, retryIn: null, delay: 0 }
 * ```
 */
export interface ScheduledAttempt {
  /** 1-based, counted across the whole run. */
  readonly attempt: number;
  readonly peer: Peer;
  /** ms to wait after this attempt fails, or `null` when its failure ends the run. */
  readonly retryIn: number | null;
  /**
   * The backoff delay in force at this attempt, before jitter (0 without
   * failover): `retryIn` is drawn from it, and the attempts after it go on
   * from {@link nextDelay} of it. The delay a run leaves, for a wait after it.
   */
  readonly delay: number;
}

/**
 * Where a run of the schedule starts: its attempt limit and its first delay.
 * `connection$` runs each cycle from the state the last one left.
 *
 * @example
 * ```ts
 * const start: ScheduleStart = { limit: plan.failover!.maxReconnectAttempts, delay: 40 };
 * attemptSchedule(plan, Math.random, start);
 * ```
 */
export interface ScheduleStart {
  /** -1 = none, N = at most N + 1 attempts; default {@link attemptLimit} of the plan's failover options. */
  readonly limit?: number;
  /** ms, the delay the first wait is drawn from; default `initialReconnectDelay`. */
  readonly delay?: number;
  /**
   * The peer the previous connection was on, when it dropped: it goes to the
   * end of every pass (after the shuffle), so the run tries the others first
   * — ActiveMQ's `failedConnectTransportURI` — and with it any other entry of
   * the same URI (a list naming a broker twice). A priority peer keeps its place
   * (priority peers lead every pass, in their order). Must be one of the
   * plan's peers (the same object); default none.
   */
  readonly dropped?: Peer;
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
 * The delay after one wait of `delay` ms (SPEC §4): any non-zero factor
 * (`backOffMultiplier`, 0 when `useExponentialBackOff` is false) multiplies,
 * then caps at `maxReconnectDelay` when that is > 0 (so factor 1 caps an
 * `initialReconnectDelay` above the cap, as in Perl and ActiveMQ); factor 0
 * does neither; a delay of 0 stays 0. Never above Node's timer limit.
 *
 * @example
 * ```ts
 * const failover = parseUri('failover:(tcp://a)?maxReconnectDelay=500').failover!;
 * nextDelay(failover, 400); // 500
 * ```
 */
export function nextDelay(failover: FailoverOptions, delay: number): number {
  const factor = failover.useExponentialBackOff ? failover.backOffMultiplier : 0;
  if (delay <= 0 || factor <= 0) return delay;
  let next = delay * factor;
  const cap = failover.maxReconnectDelay;
  if (cap > 0 && next > cap) next = cap;
  // Even uncapped (maxReconnectDelay=0), no wait may pass Node's timer limit:
  // a longer one fires after 1 ms, and the run would hammer the broker.
  return next > MAX_DELAY_MS ? MAX_DELAY_MS : next;
}

/** The start, read once (a getter cannot pass the check and then change), and checked. */
function checkedStart(plan: ConnectionPlan, start: unknown): ScheduleStart {
  if (typeof start !== 'object' || start === null) {
    throw new TypeError(
      `attemptSchedule: start must be an object ({ limit, delay, dropped }), got ${describeValue(start)}`,
    );
  }
  const { limit, delay, dropped } = start as ScheduleStart;
  if (dropped !== undefined && !plan.peers.includes(dropped)) {
    throw new TypeError(
      `attemptSchedule: start.dropped must be one of the plan's peers (the same object), got ${describeValue(dropped)} that is not one of them`,
    );
  }
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= -1)) {
    throw new TypeError(
      `attemptSchedule: start.limit must be -1 or a whole number >= 0, got ${String(limit)}`,
    );
  }
  if (delay !== undefined && !(typeof delay === 'number' && delay >= 0 && delay <= MAX_DELAY_MS)) {
    throw new TypeError(
      `attemptSchedule: start.delay must be a number of ms from 0 to ${MAX_DELAY_MS}, got ${String(delay)}`,
    );
  }
  return { limit, delay, dropped };
}

/**
 * The attempts of one run, lazily, as SPEC §4 states the seed's algorithm:
 * passes over the peers (shuffled at the start of each when `randomize`), a
 * delay that grows by `backOffMultiplier` after each wait up to
 * `maxReconnectDelay`, and at most `limit + 1` attempts. Priority peers
 * (SPEC §9) lead every pass, in their order, before the (shuffled) rest. Without failover: one
 * pass in order with no waits. Pure: the only input besides the plan is the
 * injected random source, and an unlimited run keeps only its current state.
 * `start` runs it from another limit or delay, with the peer a connection
 * dropped from last in every pass (a later cycle of `connection$`; a plan
 * without failover ignores it); a bad one is a TypeError, thrown at once.
 *
 * @example
 * ```ts
 * const plan = parseUri('failover:(tcp://a:1,tcp://b:2)?randomize=false&maxReconnectAttempts=2');
 * [...attemptSchedule(plan, Math.random)].map((s) => [s.peer.host, s.retryIn]);
 * // [['a', 10], ['b', 20], ['a', null]]
 * ```
 */
export function attemptSchedule(
  plan: ConnectionPlan,
  random: () => number,
  start: ScheduleStart = {},
): Generator<ScheduledAttempt, void, undefined> {
  return schedule(plan, random, checkedStart(plan, start));
}

// A plan without failover has one fixed schedule: its attempts are made once per plan.
const fixedSchedules = new WeakMap<ConnectionPlan, readonly ScheduledAttempt[]>();

/**
 * Internal: {@link attemptSchedule} from the plan's own start, as an
 * iterator; for a plan without failover the same attempts every time (made
 * once per plan, frozen), so a run of a simple URI does not build a generator.
 *
 * @example
 * ```ts
 * run$(plan, prepared, options, scheduleOf(plan, Math.random));
 * ```
 */
export function scheduleOf(plan: ConnectionPlan, random: () => number): Iterator<ScheduledAttempt> {
  if (plan.failover !== null) return schedule(plan, random, {});
  let attempts = fixedSchedules.get(plan);
  if (attempts === undefined) {
    attempts = Object.freeze([...schedule(plan, random, {})].map((attempt) => Object.freeze(attempt)));
    fixedSchedules.set(plan, attempts);
  }
  return attempts.values();
}

function* schedule(
  plan: ConnectionPlan,
  random: () => number,
  start: ScheduleStart,
): Generator<ScheduledAttempt, void, undefined> {
  const { peers, failover } = plan;
  if (peers.length === 0) return;
  if (failover === null) {
    for (let i = 0; i < peers.length; i++) {
      yield { attempt: i + 1, peer: peers[i] as Peer, retryIn: i + 1 < peers.length ? 0 : null, delay: 0 };
    }
    return;
  }
  const limit = start.limit ?? attemptLimit(failover);
  let delay = start.delay ?? failover.initialReconnectDelay;
  let attempt = 0;
  const first = priorityPeers(plan);
  // The peer a connection just dropped from goes last (ActiveMQ), unless it is a priority peer;
  // with it any other entry of the same URI (a list that names a broker twice).
  const droppedUri =
    start.dropped !== undefined && !first.includes(start.dropped) ? start.dropped.uri : undefined;
  const last =
    droppedUri === undefined ? [] : peers.filter((peer) => peer.uri === droppedUri && !first.includes(peer));
  // Most plans have neither: their passes are the (shuffled) peers themselves.
  const plain = first.length === 0 && last.length === 0;
  const rest = plain ? peers : peers.filter((peer) => !first.includes(peer) && !last.includes(peer));
  for (;;) {
    // Priority peers lead every pass, in their order; only the rest is shuffled.
    const shuffledRest = failover.randomize ? shuffled(rest, random) : rest;
    const order = plain ? shuffledRest : [...first, ...shuffledRest, ...last];
    for (const peer of order) {
      attempt += 1;
      if (limit >= 0 && attempt >= limit + 1) {
        yield { attempt, peer, retryIn: null, delay };
        return;
      }
      const retryIn = delay > 0 ? jitteredWait(delay, failover.jitter, random) : 0;
      const current = delay;
      delay = nextDelay(failover, delay);
      yield { attempt, peer, retryIn, delay: current };
    }
  }
}
