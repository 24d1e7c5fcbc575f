// Statistics for the bench suite: medians, percentiles, and A/B rounds run in alternating order.

/** The p-th percentile (0–100) of a list of numbers, by linear interpolation. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** The median of a list of numbers. */
export function median(values) {
  return percentile(values, 50);
}

/**
 * `{ value: median, min, max, spread }` of a list of numbers (one per round), rounded
 * to `digits` decimals; `spread` is max / min, how far the rounds agree (1 = exactly).
 */
export function summary(values, digits = 3) {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return {
    value: round(median(values), digits),
    min: round(min, digits),
    max: round(max, digits),
    spread: min > 0 ? round(max / min, 3) : null,
  };
}

/**
 * A figure without a value (`value`, `min`, `max` and `spread` null), with its other
 * fields: a build that lacks what a bench measures (`unavailable`), a bench that failed
 * (`error`), or a reference row whose samples came out empty.
 */
export function noValue({ what, ...fields }) {
  return { what, value: null, min: null, max: null, spread: null, ...fields };
}

/** Rounds to a number of decimals. */
export function round(value, digits = 3) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Element-wise ratios a[i] / b[i] (one per round). */
export function ratios(a, b) {
  return a.map((value, i) => value / b[i]);
}

/**
 * Runs the variants (name → async () => number) round after round, in an
 * order that alternates (A B C, then C B A, …), after `warmup` warm-up rounds
 * whose figures are dropped. Returns name → the figures of the measured rounds.
 */
export async function alternate(variants, { rounds = 5, warmup = 1, onRound } = {}) {
  const names = Object.keys(variants);
  const figures = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -warmup; round < rounds; round++) {
    const order = (round + warmup) % 2 === 0 ? names : [...names].reverse();
    const figuresOfRound = {};
    for (const name of order) figuresOfRound[name] = await variants[name](round < 0);
    if (round >= 0) for (const name of names) figures[name].push(figuresOfRound[name]);
    onRound?.(round, figuresOfRound);
  }
  return figures;
}
