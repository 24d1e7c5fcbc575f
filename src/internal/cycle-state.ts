import { jitteredWait, nextDelay, type ScheduleStart } from '../schedule';
import type { ConnectionPlan, FailoverOptions, Peer } from '../types';
import { FAILOVER_DEFAULTS } from '../uri/failover-options';

/**
 * The default `stableAfter` of `connection$` (ms).
 *
 * @example
 * ```ts
 * const stable = (connectedFor: number): boolean => connectedFor >= DEFAULT_STABLE_AFTER;
 * ```
 */
export const DEFAULT_STABLE_AFTER = 30000;

/**
 * The options the waits between cycles follow: the plan's failover options,
 * or, for a plan without failover (whose cycles never wait inside), the
 * defaults (10 ms doubling up to 30 s), so reconnecting is never a tight loop.
 *
 * @example
 * ```ts
 * cycleBackoff(parseUri('tcp://a:1')).initialReconnectDelay; // 10
 * ```
 */
export function cycleBackoff(plan: ConnectionPlan): FailoverOptions {
  return plan.failover ?? FAILOVER_DEFAULTS;
}

/**
 * Where cycle `connection` of a plan starts its schedule (SPEC §8, ActiveMQ):
 * cycle 1 under the plan's own limit (`startupMaxReconnectAttempts` when >= 0,
 * else `maxReconnectAttempts`), every later one under `maxReconnectAttempts`;
 * each from the delay the previous cycle left, with the peer the last
 * connection dropped from tried last in every pass (ActiveMQ's
 * `failedConnectTransportURI`: the others are more likely up). A plan without
 * failover: one pass in order, nothing to start from.
 *
 * @example
 * ```ts
 * const plan = parseUri('failover:(tcp://a:1,tcp://b:2)?startupMaxReconnectAttempts=1&maxReconnectAttempts=4');
 * cycleStart(plan, 1, 10);                 // { delay: 10 } (limit 1)
 * cycleStart(plan, 2, 40, plan.peers[0]);  // { limit: 4, delay: 40, dropped: a:1 } (b first)
 * ```
 */
export function cycleStart(
  plan: ConnectionPlan,
  connection: number,
  delay: number,
  dropped?: Peer,
): ScheduleStart {
  const { failover } = plan;
  if (failover === null) return {};
  return connection === 1 ? { delay } : { limit: failover.maxReconnectAttempts, delay, dropped };
}

/**
 * The wait before the next cycle after a connection that lasted
 * `connectedFor` ms, and the delay the next cycle starts from. The wait is
 * the current delay (jittered as configured), or `initialReconnectDelay`'s
 * when the connection lasted at least `stableAfter` ms; the delay then takes
 * one backoff step, so a peer that accepts and drops at once is retried at
 * growing intervals up to `maxReconnectDelay`. Pure.
 *
 * @example
 * ```ts
 * const backoff = parseUri('failover:(tcp://a:1)').failover!;
 * afterDrop(backoff, 40, 5, 30000, Math.random);    // { wait: 40, delay: 80 }  (flapping: the backoff goes on)
 * afterDrop(backoff, 40, 60000, 30000, Math.random); // { wait: 10, delay: 20 } (stable: reset)
 * ```
 */
export function afterDrop(
  backoff: FailoverOptions,
  delay: number,
  connectedFor: number,
  stableAfter: number,
  random: () => number,
): { readonly wait: number; readonly delay: number } {
  const current = connectedFor >= stableAfter ? backoff.initialReconnectDelay : delay;
  const wait = current > 0 ? jitteredWait(current, backoff.jitter, random) : 0;
  return { wait, delay: nextDelay(backoff, current) };
}
