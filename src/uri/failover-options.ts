import type { FailoverOptions } from '../types';
import { closestName } from './did-you-mean';
import {
  attemptsValue,
  booleanValue,
  delayValue,
  jitterValue,
  multiplierValue,
  type ValueType,
} from './option-values';
import { parseQuery, readValue, type QueryEntry } from './query';
import type { UriSource } from './uri-source';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The failover options of a URI without any `?options`.
 *
 * @example
 * ```ts
 * parseUri('failover:tcp://a,tcp://b').failover; // equal to FAILOVER_DEFAULTS
 * ```
 */
export const FAILOVER_DEFAULTS: FailoverOptions = Object.freeze({
  randomize: true,
  initialReconnectDelay: 10,
  maxReconnectDelay: 30000,
  backOffMultiplier: 2,
  useExponentialBackOff: true,
  maxReconnectAttempts: -1,
  startupMaxReconnectAttempts: -1,
  jitter: 'none',
  priorityBackup: false,
  priorityURIs: Object.freeze([]),
  connectionAttemptDelay: 0,
});

interface OptionSpec {
  /** The name as documented, for messages and suggestions. */
  readonly name: string;
  readonly field: keyof FailoverOptions;
  readonly type: ValueType<FailoverOptions[keyof FailoverOptions]>;
}

const OPTIONS: readonly OptionSpec[] = [
  { name: 'randomize', field: 'randomize', type: booleanValue },
  { name: 'initialReconnectDelay', field: 'initialReconnectDelay', type: delayValue },
  { name: 'maxReconnectDelay', field: 'maxReconnectDelay', type: delayValue },
  { name: 'backOffMultiplier', field: 'backOffMultiplier', type: multiplierValue },
  // ActiveMQ's real name for the multiplier.
  { name: 'reconnectDelayExponent', field: 'backOffMultiplier', type: multiplierValue },
  { name: 'useExponentialBackOff', field: 'useExponentialBackOff', type: booleanValue },
  { name: 'maxReconnectAttempts', field: 'maxReconnectAttempts', type: attemptsValue },
  { name: 'startupMaxReconnectAttempts', field: 'startupMaxReconnectAttempts', type: attemptsValue },
  { name: 'jitter', field: 'jitter', type: jitterValue },
  { name: 'connectionTimeout', field: 'connectionTimeout', type: delayValue },
  { name: 'nested.connectionTimeout', field: 'connectionTimeout', type: delayValue },
  { name: 'priorityBackup', field: 'priorityBackup', type: booleanValue },
  { name: 'connectionAttemptDelay', field: 'connectionAttemptDelay', type: delayValue },
];

/** Read apart: its URIs can only be checked against the failover list, which is parsed after the options. */
const PRIORITY_URIS = 'priorityURIs';

/**
 * ActiveMQ failover options with no meaning for connection establishment:
 * accepted and listed in `plan.ignored` (as is any other `nested.*` name).
 *
 * @example
 * ```ts
 * parseUri('failover:(tcp://a)?timeout=3000&nested.soTimeout=1').ignored; // ['timeout', 'nested.soTimeout']
 * ```
 */
export const IGNORED_FAILOVER_OPTIONS: readonly string[] = [
  'timeout',
  'backup',
  'backupPoolSize',
  'trackMessages',
  'trackTransactionProducers',
  'maxCacheSize',
  'updateURIsSupported',
  'reconnectSupported',
  'rebalanceUpdateURIs',
  'updateURIsURL',
  'warnAfterReconnectAttempts',
];

/**
 * Every failover option name understood, effective or ignored (the
 * candidates of "did you mean").
 *
 * @example
 * ```ts
 * closestName('randomise', FAILOVER_OPTION_NAMES); // 'randomize'
 * ```
 */
export const FAILOVER_OPTION_NAMES: readonly string[] = [
  ...OPTIONS.map((option) => option.name),
  PRIORITY_URIS,
  ...IGNORED_FAILOVER_OPTIONS,
];

const byName = new Map(OPTIONS.map((option) => [option.name.toLowerCase(), option]));
const ignoredNames = new Set(IGNORED_FAILOVER_OPTIONS.map((name) => name.toLowerCase()));

/**
 * Failover options read from a query, and the names accepted without effect.
 *
 * @example
 * ```ts
 * const { options, ignored } = parseFailoverOptions(src, from, to);
 * ```
 */
export interface ParsedFailoverOptions {
  readonly options: FailoverOptions;
  readonly ignored: readonly string[];
  /** The last `priorityURIs` entry, if any: `resolvePriorityUris` reads it once the peers are known. */
  readonly priorityURIs?: QueryEntry;
}

/**
 * Reads the failover options in `src.raw[from, to)` (the text after `?`):
 * names case-insensitive, the last of duplicates winning (an alias counts as
 * its target), every field of the result filled (`priorityURIs` is left to
 * `resolvePriorityUris`). An unknown name, or a value
 * of the wrong form or out of range, is a UriError.
 *
 * @example
 * ```ts
 * const src = createUriSource('failover:(tcp://a)?randomize=false');
 * parseFailoverOptions(src, 20, src.raw.length).options.randomize; // false
 * ```
 */
export function parseFailoverOptions(src: UriSource, from: number, to: number): ParsedFailoverOptions {
  const options: Mutable<FailoverOptions> = { ...FAILOVER_DEFAULTS };
  const ignored: string[] = [];
  let priorityURIs: QueryEntry | undefined;
  for (const entry of parseQuery(src, from, to, 'failover option')) {
    const lower = entry.name.toLowerCase();
    const spec = byName.get(lower);
    if (lower === PRIORITY_URIS.toLowerCase()) {
      priorityURIs = entry;
    } else if (spec !== undefined) {
      setField(options, spec.field, readValue(src, entry, spec.name, spec.type));
    } else if (ignoredNames.has(lower) || lower.startsWith('nested.')) {
      ignored.push(src.raw.slice(entry.nameFrom, entry.nameTo));
    } else {
      const suggestion = closestName(entry.name, FAILOVER_OPTION_NAMES);
      src.fail(
        entry.nameFrom,
        `unknown failover option ${src.quote(entry.nameFrom, entry.nameTo)}`,
        suggestion === undefined
          ? `expected one of ${OPTIONS.map((option) => option.name).join(', ')}`
          : `did you mean ${suggestion}?`,
      );
    }
  }
  return priorityURIs === undefined ? { options, ignored } : { options, ignored, priorityURIs };
}

function setField<K extends keyof FailoverOptions>(
  options: Mutable<FailoverOptions>,
  field: K,
  value: FailoverOptions[keyof FailoverOptions],
): void {
  // The table pairs each field with the value type that reads it.
  options[field] = value as FailoverOptions[K];
}
