import { closestName, levenshtein } from '../../src/uri/did-you-mean';
import { FAILOVER_OPTION_NAMES } from '../../src/uri/failover-options';

describe('levenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['same', 'same', 0],
  ])('%j → %j: %i', (a, b, distance) => {
    expect(levenshtein(a, b)).toBe(distance);
    expect(levenshtein(b, a)).toBe(distance);
  });
});

describe('closestName', () => {
  it.each([
    ['maxReconnectAttemps', 'maxReconnectAttempts'],
    ['MAXRECONNECTATTEMPTS_', 'maxReconnectAttempts'],
    ['randomise', 'randomize'],
    ['initialReconectDelay', 'initialReconnectDelay'],
    ['backoffmultiplyer', 'backOffMultiplier'],
    ['startupMaxReconnectAttempt', 'startupMaxReconnectAttempts'],
    ['jiter', 'jitter'],
    ['timout', 'timeout'],
    ['bakup', 'backup'],
  ])('%s → %s', (name, expected) => {
    expect(closestName(name, FAILOVER_OPTION_NAMES)).toBe(expected);
  });

  it.each(['colour', 'x', 'maxAttempts', 'somethingElseEntirely'])('%s → no suggestion', (name) => {
    expect(closestName(name, FAILOVER_OPTION_NAMES)).toBeUndefined();
  });

  it('skips names whose length rules them out, so a huge name is cheap', () => {
    expect(closestName('m'.repeat(100_000), FAILOVER_OPTION_NAMES)).toBeUndefined();
  });
});
