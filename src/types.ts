import type { Socket as NetSocket } from 'node:net';
import type { ObservableInput } from 'rxjs';
import type { AttemptError } from './errors/attempt-error';
import type { NodeSockopts, PerlSockopts } from './sockopts-type';

export type { NodeSockopts, NodeSockoptName, PerlSockopts } from './sockopts-type';

/**
 * The socket a run hands over: a `net.Socket`, or a `tls.TLSSocket` (which
 * extends it) for TLS peers.
 *
 * @example
 * ```ts
 * connect$('tcp://localhost').pipe(toSocket()).subscribe((socket: Socket) => socket.end());
 * ```
 */
export type Socket = NetSocket;

/**
 * The URI schemes a simple URI may use; `ssl` and `stomp+ssl` are TLS.
 *
 * @example
 * ```ts
 * const scheme: Scheme = parseUri('stomp+ssl://mq').peers[0]!.scheme; // 'stomp+ssl'
 * ```
 */
export type Scheme = 'tcp' | 'ssl' | 'stomp' | 'stomp+ssl';

/**
 * One broker to try.
 *
 * `login` and `passcode` read as properties, but they are getters over
 * private state, not properties of the peer: `util.inspect` (even with
 * `showHidden`, `getters` or `%o`), `JSON.stringify`, object spread and
 * `Object.getOwnPropertyDescriptors` never show them.
 *
 * @example
 * ```ts
 * const [peer] = parseUri('stomp+ssl://guest:guest@[::1]:61614').peers;
 * peer.uri;      // 'stomp+ssl://[::1]:61614'
 * peer.passcode; // 'guest' (a getter: no inspection shows it)
 * ```
 */
export interface Peer {
  readonly scheme: Scheme;
  /** Host name or address, IPv6 without brackets. */
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** Canonical `scheme://host:port`, IPv6 bracketed, never any credentials. */
  readonly uri: string;
  /** Attempt timeout in ms for this peer; 0 = none. */
  readonly connectionTimeout?: number;
  readonly tcpNoDelay?: boolean;
  readonly keepAlive?: boolean;
  /** The URI's login, percent-decoded (a getter over private state). */
  readonly login?: string;
  /** The URI's passcode, percent-decoded (a getter over private state: never shown). */
  readonly passcode?: string;
}

/**
 * How the delay between attempts is randomized (an extension to ActiveMQ).
 *
 * @example
 * ```ts
 * parseUri('failover:(tcp://a,tcp://b)?jitter=full').failover?.jitter; // 'full'
 * ```
 */
export type Jitter = 'none' | 'full' | 'equal';

/**
 * The failover options of a `failover:` URI, every field filled.
 *
 * @example
 * ```ts
 * const { maxReconnectAttempts } = parseUri('failover:(tcp://a)?maxReconnectAttempts=3').failover!; // 3
 * ```
 */
export interface FailoverOptions {
  readonly randomize: boolean;
  readonly initialReconnectDelay: number;
  readonly maxReconnectDelay: number;
  readonly backOffMultiplier: number;
  readonly useExponentialBackOff: boolean;
  readonly maxReconnectAttempts: number;
  readonly startupMaxReconnectAttempts: number;
  readonly jitter: Jitter;
  /** Failover-level attempt timeout (ms) for peers that set none. */
  readonly connectionTimeout?: number;
  /** ActiveMQ's: the first peer as written is a priority peer (SPEC §9). */
  readonly priorityBackup: boolean;
  /** The canonical `peer.uri` of each peer named by `priorityURIs`, in their order; `[]` = none. */
  readonly priorityURIs: readonly string[];
  /** ms after which an unfinished attempt no longer holds up the next one (SPEC §9); 0 = off. */
  readonly connectionAttemptDelay: number;
}

/**
 * What a URI resolves to: the peers in the order written and how to fail
 * over between them.
 *
 * @example
 * ```ts
 * const plan = parseUri('failover:(tcp://a:61613,tcp://b:61613)?randomize=false');
 * plan.peers.map((p) => p.uri); // ['tcp://a:61613', 'tcp://b:61613']
 * plan.failover?.randomize;      // false
 * ```
 */
export interface ConnectionPlan {
  readonly peers: readonly Peer[];
  /** `null`: not a failover URI (one pass over the peers, no waits). */
  readonly failover: FailoverOptions | null;
  /** Option names accepted without effect, as written. */
  readonly ignored: readonly string[];
}

/**
 * Socket options: Perl's IO::Socket / IO::Socket::SSL names (`Timeout`,
 * `SSL_ca_file`, …) and Node's own `net` / `tls` connect option names, each
 * with its type, so that a misspelt name (`{ Timeot: 5 }`) in an object
 * literal is a compile error. JavaScript callers get the same check at run
 * time (a `SockoptError`).
 *
 * @example
 * ```ts
 * const sockopts: Sockopts = { Timeout: 5, SSL_ca_file: '/etc/stomp/ca.pem', noDelay: true };
 * ```
 */
export type Sockopts = PerlSockopts & NodeSockopts;

/**
 * Sockopts as the library reads them inside: any name, checked at run time.
 *
 * @example
 * ```ts
 * const given: SockoptRecord = { Timeout: 5 };
 * ```
 */
export type SockoptRecord = Readonly<Record<string, unknown>>;

/**
 * One event of a connection run.
 *
 * @example
 * ```ts
 * connect$(uri).subscribe((event: ConnectEvent) => {
 *   if (event.type === 'failed') console.warn(event.error.message, 'retry in', event.retryIn);
 * });
 * ```
 */
export type ConnectEvent<V = unknown> =
  | { readonly type: 'attempt'; readonly attempt: number; readonly peer: Peer }
  | {
      readonly type: 'failed';
      readonly attempt: number;
      readonly peer: Peer;
      readonly error: AttemptError;
      /** ms before the next attempt, or `null` when this failure ends the run. */
      readonly retryIn: number | null;
    }
  | ({
      readonly type: 'connected';
      readonly attempt: number;
      readonly peer: Peer;
      readonly socket: Socket;
    } & Verified<V>);

/**
 * The `verified` field of a `connected` event: the first value
 * `options.verify` emitted, typed as `verify` gives it (`StompConnected` for
 * `stompHandshake`); optional and `unknown` when the type is not known.
 *
 * @example
 * ```ts
 * const field: Verified<StompConnected> = { verified: connected };
 * ```
 */
export type Verified<V> = unknown extends V
  ? { readonly verified?: unknown }
  : { /** The first value `options.verify` emitted. */ readonly verified: V };

/**
 * How one attempt opens a socket to one peer.
 *
 * @example
 * ```ts
 * // Through a SOCKS proxy, or any other way of opening a socket:
 * const transport: Transport = (peer) => socksConnect$(peer.host, peer.port);
 * connect$(uri, {}, { transport });
 * ```
 */
export type Transport = (peer: Peer, sockopts: Sockopts) => ObservableInput<Socket>;

/**
 * Options of {@link connect$} beyond the URI and the socket options.
 *
 * @example
 * ```ts
 * connect$(uri, {}, { verify: stompHandshake({ host: '/' }), random: seededRandom });
 * ```
 */
export interface ConnectOptions<V = unknown> {
  /** How a peer is connected; default: `node:net` / `node:tls`. */
  readonly transport?: Transport;
  /** Random source in [0, 1) for shuffling and jitter; default `Math.random`. */
  readonly random?: () => number;
  /** Makes an attempt count only once this emits (e.g. {@link stompHandshake}). */
  readonly verify?: (socket: Socket, peer: Peer) => ObservableInput<V>;
}

/**
 * Options of `connection$`: those of {@link ConnectOptions}, plus how the
 * backoff is reset and whether heart-beats are kept.
 *
 * @example
 * ```ts
 * connection$(uri, {}, { verify: stompHandshake({ heartBeat: [10000, 10000] }), stableAfter: 60_000 });
 * ```
 */
export interface ConnectionOptions<V = unknown> extends ConnectOptions<V> {
  /** ms a connection must last for its drop to reset the backoff to `initialReconnectDelay`; default 30000. */
  readonly stableAfter?: number;
  /** Keep the STOMP heart-beats that `verify`'s `StompConnected` negotiated; default true. */
  readonly heartBeats?: boolean;
}

/**
 * One event of `connection$`: a {@link ConnectEvent} of the current cycle
 * (numbered by `connection`), or the end of a connection.
 *
 * @example
 * ```ts
 * connection$(uri).subscribe((event: ConnectionEvent) => {
 *   if (event.type === 'disconnected') console.warn(`connection ${event.connection} lost (${event.reason})`);
 * });
 * ```
 */
export type ConnectionEvent<V = unknown> =
  | (ConnectEvent<V> & {
      /** The cycle: 1 for the first connection, 2 after the first drop, … */
      readonly connection: number;
      /** Set on a priority peer's background probe (SPEC §9). */
      readonly probe?: true;
    })
  | {
      readonly type: 'disconnected';
      readonly connection: number;
      readonly peer: Peer;
      /** The socket's error, the heart-beat's `StompError`, or `null` for a plain close. */
      readonly error: Error | null;
      readonly reason: 'closed' | 'heart-beat' | 'priority';
      /** ms from `connected` to the close, on the scheduler's clock. */
      readonly connectedFor: number;
    };
