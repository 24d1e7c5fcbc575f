// The public API of stomp-connection: an explicit barrel (SPEC §1).
export { AttemptError } from './errors/attempt-error';
export { ConnectError } from './errors/connect-error';
export { SockoptError } from './errors/sockopt-error';
export { UriError } from './errors/uri-error';
export type {
  ConnectEvent,
  ConnectionPlan,
  ConnectOptions,
  FailoverOptions,
  Jitter,
  Peer,
  Scheme,
  Socket,
  Sockopts,
  Transport,
} from './types';
