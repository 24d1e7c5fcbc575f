import { parseUri } from '../../src/uri/parse-uri';
import { maskPasscodes } from '../../src/uri/mask-passcodes';
import { UriError } from '../../src/errors/uri-error';

describe('maskPasscodes: URIs inside the failover options', () => {
  it.each([
    ['failover:(tcp://h:1)?priorityURIs=tcp://u:pw@x:2', 'failover:(tcp://h:1)?priorityURIs=tcp://u:***@x:2'],
    [
      'failover:(tcp://u:pw@h:1)?priorityURIs=tcp://u:pw@x:2',
      'failover:(tcp://u:***@h:1)?priorityURIs=tcp://u:***@x:2',
    ],
    [
      'failover:(tcp://h:1,tcp://k:2)?randomize=false&priorityURIs=tcp://a:b@h:1,tcp://u:pw@x:2&jitter=full',
      'failover:(tcp://h:1,tcp://k:2)?randomize=false&priorityURIs=tcp://a:***@h:1,tcp://u:***@x:2&jitter=full',
    ],
    // A ")?" inside a passcode of the list does not end the list early.
    ['failover:(tcp://u:p)?w@h:1)?randomize=false', 'failover:(tcp://u:***@h:1)?randomize=false'],
  ])('%s → %s', (raw, masked) => {
    expect(maskPasscodes(raw).masked).toBe(masked);
  });

  it('a priorityURIs entry with credentials that is not in the list: the error shows the entry, masked', () => {
    let caught: unknown;
    try {
      parseUri('failover:(tcp://h:1)?priorityURIs=tcp://u:pw@x:2');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UriError);
    const error = caught as UriError;
    expect(error.input).toBe('failover:(tcp://h:1)?priorityURIs=tcp://u:***@x:2');
    expect(error.message).toContain('"tcp://u:***@x:2"');
    expect(`${error.message} ${error.input}`).not.toContain('pw');
  });
});
