// A type test, compiled by `npm run typecheck` (it runs nothing): stompjsSocket matches the real
// IStompSocket of @stomp/stompjs structurally, and goes where stompjs and rx-stomp take a socket.
// Were a member missing or of another type, this file would not compile.
import { RxStomp, type RxStompConfig } from '@stomp/rx-stomp';
import { Client, StompSocketState, type IStompSocket, type StompConfig } from '@stomp/stompjs';
import { STOMPJS_SOCKET_STATE, stompjsSocket, type StompjsSocket } from '../../src/stompjs';

export function assignsToIStompSocket(): IStompSocket {
  const socket: IStompSocket = stompjsSocket('tcp://127.0.0.1:61613');
  return socket;
}

export function isAWebSocketFactory(): Client {
  const factory: () => IStompSocket = () => stompjsSocket('failover:(tcp://127.0.0.1:61613)', { Timeout: 5 });
  const config: StompConfig = { webSocketFactory: () => stompjsSocket('tcp://127.0.0.1:61613') };
  const client = new Client(config);
  client.webSocketFactory = factory;
  return client;
}

export function configuresRxStomp(): RxStomp {
  const config: RxStompConfig = {
    webSocketFactory: (): StompjsSocket =>
      stompjsSocket({ host: '127.0.0.1', port: 61613 }, {}, { onEvent: () => {} }),
  };
  const rxStomp = new RxStomp();
  rxStomp.configure(config);
  return rxStomp;
}

// The readyState numbers are stompjs's own enum members, one by one.
export const states: readonly [
  StompSocketState.CONNECTING,
  StompSocketState.OPEN,
  StompSocketState.CLOSING,
  StompSocketState.CLOSED,
] = [
  STOMPJS_SOCKET_STATE.CONNECTING,
  STOMPJS_SOCKET_STATE.OPEN,
  STOMPJS_SOCKET_STATE.CLOSING,
  STOMPJS_SOCKET_STATE.CLOSED,
];
