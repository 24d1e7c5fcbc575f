import { isPriorityPeer, priorityPeers } from '../src/internal/priority-peers';
import { attemptSchedule } from '../src/schedule';
import { parseUri } from '../src/uri/parse-uri';
import { sequence } from './helpers/marbles';

const ABCD = 'failover:(tcp://a:1,tcp://b:2,tcp://c:3,tcp://d:4)';

/** The hosts of the first `n` attempts. */
function hosts(uri: string, n: number, random: () => number = () => 0): string[] {
  const result: string[] = [];
  for (const { peer } of attemptSchedule(parseUri(uri), random)) {
    result.push(peer.host);
    if (result.length === n) break;
  }
  return result;
}

describe('attemptSchedule: priority peers lead every pass', () => {
  it.each([
    // [query, random draws, first two passes]
    ['?randomize=false', [0], 'abcd abcd'],
    ['?randomize=false&priorityBackup=true', [0], 'abcd abcd'],
    ['?randomize=false&priorityURIs=tcp://c:3', [0], 'cabd cabd'],
    ['?randomize=false&priorityURIs=tcp://d:4,tcp://b:2', [0], 'dbac dbac'],
    ['?randomize=false&priorityBackup=true&priorityURIs=tcp://c:3', [0], 'cabd cabd'],
    // Fisher–Yates with 0 draws turns [x, y, z] into [y, z, x], [x, y, z, w] into [y, z, w, x].
    ['', [0], 'bcda bcda'],
    ['?priorityBackup=true', [0], 'acdb acdb'],
    ['?priorityURIs=tcp://c:3', [0], 'cbda cbda'],
    ['?priorityURIs=tcp://d:4,tcp://a:1', [0], 'dacb dacb'],
    ['?priorityURIs=tcp://a:1,tcp://b:2,tcp://c:3,tcp://d:4', [0], 'abcd abcd'],
    // 0.99 draws leave the order alone: only the non-priority peers are shuffled, pass by pass.
    ['?priorityBackup=true', [0, 0, 0.99, 0.99], 'acdb abcd'],
  ])('%s', (query, draws, expected) => {
    expect(
      hosts(`${ABCD}${query}`, 8, sequence(...draws))
        .join('')
        .replace(/(.{4})/, '$1 '),
    ).toBe(expected);
  });

  it('draws no random value for the priority peers (only the rest is shuffled)', () => {
    const random = jest.fn(() => 0);
    hosts(`${ABCD}?priorityURIs=tcp://a:1,tcp://b:2`, 4, random);
    expect(random).toHaveBeenCalledTimes(1); // a shuffle of [c, d]
  });

  it('keeps numbers, waits and the limit of the schedule', () => {
    const uri = `${ABCD}?randomize=false&priorityURIs=tcp://c:3&initialReconnectDelay=100&maxReconnectAttempts=4`;
    expect(
      [...attemptSchedule(parseUri(uri), Math.random)].map((s) => [s.attempt, s.peer.host, s.retryIn]),
    ).toEqual([
      [1, 'c', 100],
      [2, 'a', 200],
      [3, 'b', 400],
      [4, 'd', 800],
      [5, 'c', null],
    ]);
  });

  it('ignores priority without failover (no such options can be written there)', () => {
    expect(hosts('tcp://a:1', 1)).toEqual(['a']);
    expect(priorityPeers(parseUri('tcp://a:1'))).toEqual([]);
  });
});

describe('priorityPeers and isPriorityPeer', () => {
  it.each([
    ['', []],
    ['?priorityBackup=false', []],
    ['?priorityBackup=true', ['tcp://a:1']],
    ['?priorityURIs=tcp://b:2', ['tcp://b:2']],
    ['?priorityBackup=true&priorityURIs=tcp://d:4,tcp://b:2', ['tcp://d:4', 'tcp://b:2']],
  ])('%s → %j', (query, expected) => {
    const plan = parseUri(`${ABCD}${query}`);
    expect(priorityPeers(plan).map((peer) => peer.uri)).toEqual(expected);
    for (const peer of plan.peers) expect(isPriorityPeer(plan, peer)).toBe(expected.includes(peer.uri));
  });
});
