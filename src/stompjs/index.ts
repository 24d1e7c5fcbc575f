// The entry point `stomp-connection/stompjs` (SPEC §10, §11): a socket for @stomp/stompjs and
// @stomp/rx-stomp over our connections. It needs neither at run time: their `IStompSocket` is
// matched structurally.
export { stompjsSocket } from './stompjs-socket';
export {
  STOMPJS_SOCKET_STATE,
  type StompjsCloseEvent,
  type StompjsErrorEvent,
  type StompjsMessageEvent,
  type StompjsOpenEvent,
  type StompjsReadyState,
  type StompjsSocket,
  type StompjsSocketOptions,
} from './stompjs-socket-types';
export type { ConnectEvent, ConnectOptions, Peer, Sockopts } from '../types';
