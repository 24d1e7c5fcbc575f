import type { TLSSocket } from 'node:tls';
import { firstValueFrom, type Observable, switchMap } from 'rxjs';
import { connectPeer$ } from '../../src/transport/connect-peer';
import { checkSockopts, prepareSockopts$ } from '../../src/transport/sockopts';
import type { Peer, Socket, Sockopts } from '../../src/types';
import { makePlan } from './peers';

/** What the default transport does for one peer in a one-peer plan: prepare, then connect. */
export function peerSocket$(peer: Peer, sockopts: Sockopts = {}): Observable<Socket> {
  return prepareSockopts$(checkSockopts(sockopts, makePlan(peer))).pipe(
    switchMap((prepared) => connectPeer$(peer, prepared)),
  );
}

/** Sockets the tests opened, destroyed by `destroyOpened()` in `afterEach`. */
const opened: Socket[] = [];

/** Connects to the peer; the socket is destroyed after the test. */
export async function connectTo(peer: Peer, sockopts: Sockopts = {}): Promise<TLSSocket> {
  const socket = await firstValueFrom(peerSocket$(peer, sockopts));
  opened.push(socket);
  return socket as TLSSocket;
}

/** The error connecting to the peer ends with (fails the test if it connects). */
export async function failureOf(peer: Peer, sockopts: Sockopts = {}): Promise<NodeJS.ErrnoException> {
  try {
    const socket = await connectTo(peer, sockopts);
    throw new Error(`connected to ${peer.uri} (authorized: ${String((socket as TLSSocket).authorized)})`);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('connected to ')) throw error;
    return error as NodeJS.ErrnoException;
  }
}

export function destroyOpened(): void {
  for (const socket of opened.splice(0)) socket.destroy();
}

/** Polls (bounded) until `condition` holds. */
export async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
