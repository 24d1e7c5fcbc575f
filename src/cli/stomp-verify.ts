import type { Observable } from 'rxjs';
import { stompHandshake, type StompConnected } from '../stomp/stomp-handshake';
import type { Peer, Socket } from '../types';
import type { CliOptions } from './args';

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
