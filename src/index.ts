// The public API of stomp-connection: an explicit barrel (SPEC §1). The other entry points:
// `stomp-connection/stompjs` (src/stompjs) and `stomp-connection/testing` (src/testing).
export { connect$, type ConnectTarget } from './connect';
export { connect, type ConnectPromiseOptions } from './connect-promise';
export { toSocket } from './to-socket';
export { connection$ } from './connection';
export { heartBeats$, type HeartBeatIntervals } from './heart-beats';
export { parseUri } from './uri/parse-uri';
export { attemptSchedule, nextDelay, type ScheduledAttempt, type ScheduleStart } from './schedule';
export { stompHandshake, type StompConnected, type StompHandshakeOptions } from './stomp/stomp-handshake';
export { AbortError } from './errors/abort-error';
export { AttemptError } from './errors/attempt-error';
export { ConnectError } from './errors/connect-error';
export { SockoptError } from './errors/sockopt-error';
export { StompError, type StompErrorCode } from './errors/stomp-error';
export { UriError } from './errors/uri-error';
export type {
  ConnectEvent,
  ConnectionEvent,
  ConnectionOptions,
  ConnectionPlan,
  ConnectOptions,
  FailoverOptions,
  Jitter,
  NodeSockoptName,
  NodeSockopts,
  Peer,
  PerlSockopts,
  Scheme,
  Socket,
  Sockopts,
  Transport,
  Verified,
} from './types';
