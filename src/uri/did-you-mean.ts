/**
 * The known name closest to `name` (case-insensitive Levenshtein distance),
 * or `undefined` when none is close enough to be a plausible typo: at most
 * 1 edit for names up to 4 characters, 2 up to 8, a third of the length
 * beyond. Names whose length differs by more than that are not compared, so
 * a 100 kB `name` costs no more than a short one.
 *
 * @example
 * ```ts
 * closestName('maxReconnectAttemps', ['randomize', 'maxReconnectAttempts']); // 'maxReconnectAttempts'
 * closestName('colour', ['randomize']);                                      // undefined
 * ```
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  const limit = wanted.length <= 4 ? 1 : wanted.length <= 8 ? 2 : Math.floor(wanted.length / 3);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    const lower = candidate.toLowerCase();
    if (Math.abs(lower.length - wanted.length) >= bestDistance) continue;
    const distance = levenshtein(wanted, lower);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Levenshtein edit distance (insertions, deletions, substitutions), two rows.
 *
 * @example
 * ```ts
 * levenshtein('kitten', 'sitting'); // 3
 * ```
 */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
