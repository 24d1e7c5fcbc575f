// The ways a bench opens one connection: raw node:net / node:tls, connect$, and
// stompit's ConnectFailover with a raw connect function (only its failover
// machinery is measured). Each resolves to the connected socket.
import { createRequire } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { connect$ } from './library.mjs';

const require = createRequire(import.meta.url);

/** Resolves with `socket` once it emits `event`, rejects (destroying it) on its first error. */
function once(socket, event) {
  return new Promise((resolve, reject) => {
    const onError = (error) => {
      socket.off(event, onReady);
      socket.destroy();
      reject(error);
    };
    const onReady = () => {
      socket.off('error', onError);
      resolve(socket);
    };
    socket.once(event, onReady);
    socket.once('error', onError);
  });
}

/** Raw `net.connect`. */
export function rawTcp(port, host = '127.0.0.1') {
  return once(net.connect({ host, port }), 'connect');
}

/** Raw `tls.connect`. */
export function rawTls(port, options, host = '127.0.0.1') {
  return once(tls.connect({ host, port, ...options }), 'secureConnect');
}

/** A raw loop over ports: the first that accepts wins, the next is tried at once after a failure. */
export function rawLoop(ports, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    let i = 0;
    const next = () => {
      const socket = net.connect({ host, port: ports[i] });
      const onError = (error) => {
        socket.off('connect', onConnect);
        socket.destroy();
        if (++i < ports.length) next();
        else reject(error);
      };
      const onConnect = () => {
        socket.off('error', onError);
        resolve(socket);
      };
      socket.once('connect', onConnect);
      socket.once('error', onError);
    };
    next();
  });
}

/** connect$: subscribes, resolves the socket of `connected`. */
export function viaConnect$(target, sockopts, options) {
  return new Promise((resolve, reject) => {
    connect$(target, sockopts, options).subscribe({
      next: (event) => {
        if (event.type === 'connected') resolve(event.socket);
      },
      error: reject,
    });
  });
}

/** stompit 1.0's connect function contract, implemented with raw `net.connect`. */
function stompitRawConnect(options, callback) {
  const socket = net.connect({ host: options.host, port: options.port });
  const onError = (error) => {
    socket.off('connect', onConnect);
    socket.destroy();
    callback(error);
  };
  const onConnect = () => {
    socket.off('error', onError);
    callback(null, socket);
  };
  socket.once('connect', onConnect);
  socket.once('error', onError);
  return { getTransportSocket: () => socket };
}

/** A stompit ConnectFailover over `ports` whose connect function is raw `net.connect`. */
export function stompitFailover(ports, options = {}, host = '127.0.0.1') {
  const { ConnectFailover } = require('stompit');
  const failover = new ConnectFailover(
    ports.map((port) => ({ host, port })),
    { ...options, connectFunction: stompitRawConnect },
  );
  return () =>
    new Promise((resolve, reject) => {
      failover.connect((error, socket) => (error ? reject(error) : resolve(socket)));
    });
}
