import type { Observable } from 'rxjs';
import { stompHandshake, type StompConnected } from '../stomp/stomp-handshake';
import type { Peer, Socket } from '../types';
import { parseUri } from '../uri/parse-uri';
import type { CliOptions } from './args';
import { UsageError } from './usage-error';

/**
 * The environment variable read for the STOMP passcode when neither `--passcode` nor the URI gives one.
 *
 * @example
 * ```sh
 * STOMP_PASSCODE=secret stomp-connect --login app tcp://mq:61613
 * ```
 */
export const PASSCODE_ENV = 'STOMP_PASSCODE';

/**
 * The CLI's `verify` (unless `--no-stomp`): a {@link stompHandshake} with the command line's
 * `--login`, `--vhost` (the `host` header), `--heart-beat` and passcode. The passcode is
 * `--passcode`, else the peer's URI passcode, else `$STOMP_PASSCODE` (which
 * keeps it out of the process list); the login is `--login`, else the URI's.
 *
 * @example
 * ```ts
 * connect$(options.uri, options.sockopts, { verify: stompVerify(options, process.env) });
 * ```
 */
export function stompVerify(
  options: Pick<CliOptions, 'login' | 'passcode' | 'vhost' | 'heartBeat'>,
  env: Readonly<Record<string, string | undefined>> = {},
): (socket: Socket, peer: Peer) => Observable<StompConnected> {
  const fromEnv = env[PASSCODE_ENV] === '' ? undefined : env[PASSCODE_ENV];
  return (socket, peer) => {
    const passcode = options.passcode ?? peer.passcode ?? fromEnv;
    return stompHandshake({
      ...(options.login !== undefined && { login: options.login }),
      ...(passcode !== undefined && { passcode }),
      ...(options.vhost !== undefined && { host: options.vhost }),
      ...(options.heartBeat !== undefined && { heartBeat: options.heartBeat }),
    })(socket, peer);
  };
}

/**
 * Refuses, before any attempt, a `$STOMP_PASSCODE` that the run would read
 * (STOMP on, no `--passcode`, a peer of the URI without a passcode of its
 * own) and that a CONNECT header cannot carry (CR, LF or NUL: STOMP 1.2 does
 * not escape CONNECT headers): a {@link UsageError} naming the variable,
 * never showing its value, rather than a failure of every attempt.
 * `--login`, `--passcode` and `--vhost` are checked as they are parsed; a
 * URI's passcode by `parseUri`.
 *
 * @example
 * ```ts
 * checkPasscodeEnv({ stomp: true, uri: 'tcp://mq:61613' }, { STOMP_PASSCODE: 'a\nb' }); // throws UsageError
 * ```
 */
export function checkPasscodeEnv(
  options: Pick<CliOptions, 'stomp' | 'passcode' | 'uri'>,
  env: Readonly<Record<string, string | undefined>>,
): void {
  if (!options.stomp || options.passcode !== undefined) return;
  if (!/[\r\n\0]/.test(env[PASSCODE_ENV] ?? '')) return;
  if (!readsPasscodeEnv(options.uri)) return;
  throw new UsageError(
    `$${PASSCODE_ENV} holds a line break or NUL, which a STOMP CONNECT header cannot carry`,
  );
}

/** Whether a peer of `uri` goes without a passcode of its own (so `stompVerify` reads the variable). */
function readsPasscodeEnv(uri: string): boolean {
  try {
    return parseUri(uri).peers.some((peer) => peer.passcode === undefined);
  } catch {
    return false; // the run reports what is wrong with the URI
  }
}
