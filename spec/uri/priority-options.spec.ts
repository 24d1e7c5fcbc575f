import { parseUri } from '../../src/uri/parse-uri';
import { uriError } from '../helpers/uri-error';

const AB = 'failover:(tcp://a:1,tcp://b:2,ssl://[::1]:3)';

describe('parseUri: priorityBackup, priorityURIs and connectionAttemptDelay', () => {
  it.each([
    ['', false, [], 0],
    ['?priorityBackup=true', true, [], 0],
    ['?priorityURIs=tcp://b:2', false, ['tcp://b:2'], 0],
    ['?priorityURIs=tcp://b:2,tcp://a:1', false, ['tcp://b:2', 'tcp://a:1'], 0],
    ['?priorityURIs=TCP://B:2', false, ['tcp://b:2'], 0],
    ['?priorityURIs=tcp://b:2,', false, ['tcp://b:2'], 0],
    ['?priorityURIs=tcp://b:2,tcp://b:2', false, ['tcp://b:2'], 0],
    ['?priorityURIs=ssl://[::1]:3', false, ['ssl://[::1]:3'], 0],
    ['?priorityURIs=ssl://::1:3', false, ['ssl://[::1]:3'], 0],
    ['?priorityURIs=tcp://u:secret@a:1?connectionTimeout=5', false, ['tcp://a:1'], 0],
    ['?priorityURIs=tcp%3A%2F%2Fb%3A2%2Ctcp%3A%2F%2Fa%3A1', false, ['tcp://b:2', 'tcp://a:1'], 0],
    ['?priorityURIs=', false, [], 0],
    ['?priorityURIs=tcp://a:1&priorityURIs=tcp://b:2', false, ['tcp://b:2'], 0],
    ['?priorityBackup=true&priorityURIs=tcp://b:2&connectionAttemptDelay=250', true, ['tcp://b:2'], 250],
    ['?connectionAttemptDelay=0', false, [], 0],
  ])('%s', (query, priorityBackup, priorityURIs, connectionAttemptDelay) => {
    const plan = parseUri(`${AB}${query}`);
    expect(plan.failover).toMatchObject({ priorityBackup, priorityURIs, connectionAttemptDelay });
    expect(plan.ignored).toEqual([]);
    expect(Object.isFrozen(plan.failover?.priorityURIs)).toBe(true);
  });

  it('fills the new fields in plans without options too', () => {
    expect(parseUri('failover:tcp://a:1,tcp://b:2').failover).toMatchObject({
      priorityBackup: false,
      priorityURIs: [],
      connectionAttemptDelay: 0,
    });
  });

  it.each([
    // [query, message part, position (0-based, in the whole URI)]
    [
      '?priorityURIs=tcp://c:3',
      'priorityURIs entry "tcp://c:3" is not in the failover list at position 58: expected one of tcp://a:1, tcp://b:2, ssl://[::1]:3',
      58,
    ],
    ['?priorityURIs=tcp://a:1,tcp://a:9', 'priorityURIs entry "tcp://a:9" is not in the failover list', 68],
    ['?priorityURIs=ssl://a:1', 'priorityURIs entry "ssl://a:1" is not in the failover list', 58],
    ['?priorityURIs=a:1', 'invalid priorityURIs entry "a:1" at position 58: missing scheme', 58],
    ['?priorityURIs=tcp://a:1,,tcp://b:2', 'empty entry in priorityURIs', 68],
    ['?priorityURIs=,', 'empty entry in priorityURIs', 58],
    ['?priorityURIs=tcp://a:99999', 'invalid priorityURIs entry "tcp://a:99999"', 58],
    ['?priorityBackup=yes', 'invalid value "yes" for priorityBackup', 60],
    ['?connectionAttemptDelay=2147483648', 'invalid value "2147483648" for connectionAttemptDelay', 68],
    ['?connectionAttemptDelay=1.5', 'invalid value "1.5" for connectionAttemptDelay', 68],
    ['?connectionAttemptDelay=', 'invalid value "" for connectionAttemptDelay', 68],
    ['?connectionAttemptDelays=1', 'did you mean connectionAttemptDelay?', 45],
  ])('%s is a UriError naming the option or the entry', (query, message, position) => {
    const error = uriError(() => parseUri(`${AB}${query}`));
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
  });

  it('masks credentials in a priorityURIs entry that is refused', () => {
    const error = uriError(() => parseUri(`${AB}?priorityURIs=tcp://u:secret@c:3`));
    expect(error.message).toContain('is not in the failover list');
    expect(`${error.message} ${error.input}`).not.toContain('secret');
  });

  it('names a percent-encoded entry that is refused, in the decoded value', () => {
    const error = uriError(() => parseUri(`${AB}?priorityURIs=tcp%3A%2F%2Fc%3A3`));
    expect(error.message).toContain('priorityURIs entry "tcp://c:3" is not in the failover list');
    expect(error.message).toContain('(in priorityURIs at position 58)');
  });
});
