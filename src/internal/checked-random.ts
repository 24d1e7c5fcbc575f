import { describeValue } from './describe-value';
import { threwText } from './error-message';

/**
 * The user's `random` option, checked at every call: a value outside [0, 1)
 * (NaN, Infinity, 1, a negative number, anything not a number) or a throw is
 * a `TypeError` naming `options.random` (the thrown value is its `cause`).
 * Inside a run this ends the run with that error, rather than silently
 * shuffling or waiting with a made-up value.
 *
 * @example
 * ```ts
 * checkedRandom(() => NaN)(); // throws TypeError: options.random must return a number in [0, 1), returned the number NaN
 * ```
 */
export function checkedRandom(random: () => number): () => number {
  return () => {
    let value: unknown;
    try {
      value = random();
    } catch (error) {
      throw new TypeError(threwText('options.random', error), { cause: error });
    }
    if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
      throw new TypeError(`options.random must return a number in [0, 1), returned ${describeValue(value)}`);
    }
    return value;
  };
}
