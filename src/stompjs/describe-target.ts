import type { ConnectTarget } from '../connect';
import type { ConnectionPlan, SockoptRecord } from '../types';
import { maskPasscodes } from '../uri/mask-passcodes';
import { parseUri } from '../uri/parse-uri';
import { targetPlan } from '../uri/peer';

const FILE_URI = /^\s*file:/i;

function describePlan(plan: ConnectionPlan): string {
  const uris = plan.peers.map((peer) => peer.uri).join(',');
  return plan.failover === null ? uris : `failover:(${uris})`;
}

/**
 * A description of a connection target for a socket's `url`, with no
 * credentials: the peers' canonical URIs (which never carry a login or
 * passcode), `failover:(…)` around them for a failover URI. A `file:` URI is
 * shown as written (its file is read by the run, not here); a target that
 * does not parse is shown with its passcodes masked, as `UriError.input` is.
 *
 * @example
 * ```ts
 * describeTarget('failover:(tcp://guest:pw@a,ssl://b)?randomize=false'); // 'failover:(tcp://a:61613,ssl://b:61614)'
 * describeTarget({ host: 'mq', port: 61613 });                           // 'tcp://mq:61613'
 * ```
 */
export function describeTarget(target: ConnectTarget, sockopts?: SockoptRecord): string {
  try {
    if (typeof target === 'string') {
      return FILE_URI.test(target) ? target.trim() : describePlan(parseUri(target));
    }
    return describePlan(targetPlan(target, sockopts));
  } catch {
    // The run reports the fault itself (onerror); the description need only be safe to show.
    return typeof target === 'string' ? maskPasscodes(target).masked : '(invalid target)';
  }
}
