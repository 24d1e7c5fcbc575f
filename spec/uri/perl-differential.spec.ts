import { FAILOVER_DEFAULTS } from '../../src/uri/failover-options';
import { parseUri } from '../../src/uri/parse-uri';
import type { FailoverOptions } from '../../src/types';
import { uriError } from '../helpers/uri-error';

/**
 * Where a failover option value is read differently from Perl's
 * Net::STOMP::Client::Connection (SPEC §2 deviations, §3). Each row says what
 * Perl does with it and what we do; rows marked `same` read alike.
 *
 * Perl's option patterns need a digit right after `=`, so a signed value
 * never matches: Perl ignores it and keeps its default. Reading `-0` as 0
 * would be worse than Perl (for `maxReconnectAttempts`, "retry forever"
 * would become "try once"), and ignoring it silently hides a mistake, so a
 * sign is refused wherever it means nothing.
 */
describe('failover option values: differences from Perl', () => {
  const BASE = 'failover:(tcp://a:1,tcp://b:2)?randomize=false&';

  it.each([
    // option=value, Perl's reading, ours
    ['maxReconnectAttempts=-0', 'ignored: retries forever (default)', 'UriError'],
    ['maxReconnectAttempts=-00', 'ignored: retries forever (default)', 'UriError'],
    ['startupMaxReconnectAttempts=-0', 'no such option in Perl', 'UriError'],
    ['initialReconnectDelay=-0', 'ignored: waits 10 ms first (default)', 'UriError'],
    ['initialReconnectDelay=-00', 'ignored: waits 10 ms first (default)', 'UriError'],
    ['initialReconnectDelay=-5', 'ignored: waits 10 ms first (default)', 'UriError'],
    ['maxReconnectDelay=-00', 'ignored: caps at 30000 ms (default)', 'UriError'],
    ['maxReconnectDelay=-0', 'ignored: caps at 30000 ms (default)', 'UriError'],
    ['backOffMultiplier=-0', 'ignored: multiplies by 2 (default)', 'UriError'],
    ['backOffMultiplier=-0.0', 'ignored: multiplies by 2 (default)', 'UriError'],
    ['maxReconnectAttempts=-1', 'ignored: retries forever (default)', { maxReconnectAttempts: -1 }],
    ['maxReconnectAttempts=0', 'same: one attempt', { maxReconnectAttempts: 0 }],
    ['initialReconnectDelay=0', 'same: never waits', { initialReconnectDelay: 0 }],
    ['maxReconnectDelay=0', 'same: no cap', { maxReconnectDelay: 0 }],
    ['backOffMultiplier=0', 'same: constant delay', { backOffMultiplier: 0 }],
  ] as Array<[string, string, 'UriError' | Partial<FailoverOptions>]>)(
    '%s — Perl: %s; we: %j',
    (option, _perl, ours) => {
      const uri = `${BASE}${option}`;
      if (ours === 'UriError') {
        const error = uriError(() => parseUri(uri));
        const [name = '', value = ''] = option.split('=');
        expect(error.message).toContain(`invalid value ${JSON.stringify(value)} for ${name}`);
        expect(error.position).toBe(uri.length - value.length);
        return;
      }
      const failover = parseUri(uri).failover;
      expect(failover).toEqual({ ...FAILOVER_DEFAULTS, randomize: false, ...ours });
      for (const value of Object.values(failover ?? {})) expect(Object.is(value, -0)).toBe(false);
    },
  );
});
