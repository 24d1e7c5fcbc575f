import { inspect } from 'node:util';
import { lastValueFrom } from 'rxjs';
import { StompError } from '../../src/errors/stomp-error';
import { stompHandshake } from '../../src/stomp/stomp-handshake';
import { failure, listenerCounts, loopbackHarness, loopbackPeer } from './harness';

const { responder, listener, socketTo } = loopbackHarness();

describe('stompHandshake: failures', () => {
  it("errors ERR_STOMP_ERROR_FRAME with the message header and the body's first line (RabbitMQ's vhost)", async () => {
    const broker = await responder({ vhost: '/' });
    const socket = await socketTo(broker.port);
    const error = await failure<StompError>(
      lastValueFrom(stompHandshake()(socket, loopbackPeer(broker.port))),
    );
    expect(error).toBeInstanceOf(StompError);
    expect(error.code).toBe('ERR_STOMP_ERROR_FRAME');
    expect(error.message).toBe("STOMP ERROR frame: Bad CONNECT: Virtual host '127.0.0.1' access denied");
    expect(error.frame?.headers).toMatchObject({ message: 'Bad CONNECT', 'content-type': 'text/plain' });
    expect(socket.destroyed).toBe(true);
    expect(listenerCounts(socket)).toMatchObject({ readable: 0, data: 0 });
  });

  it('never shows the login or passcode when the broker refuses them (RabbitMQ echoes the login)', async () => {
    const broker = await responder({ login: 'guest', passcode: 'guest' });
    const socket = await socketTo(broker.port);
    const peer = loopbackPeer(broker.port, { login: 'guest', passcode: 'Wr0ng-Pa55' });
    const error = await failure<StompError>(lastValueFrom(stompHandshake()(socket, peer)));
    expect(error.message).toBe("STOMP ERROR frame: Bad CONNECT: Access refused for user '***'");
    expect(error.frame?.body.toString()).toBe("Access refused for user '***'\n");
    expect(inspect(error, { depth: 5 })).not.toContain('Wr0ng-Pa55');
  });

  it('reads an ERROR body by its content-length (NULs included) and clips a long reason', async () => {
    const long = 'x'.repeat(300);
    const broker = await responder({
      answer: 'error',
      errorMessage: 'boom',
      errorBody: `\n\n${long}\0tail\nmore`,
    });
    const socket = await socketTo(broker.port);
    const error = await failure<StompError>(
      lastValueFrom(stompHandshake()(socket, loopbackPeer(broker.port))),
    );
    expect(error.message).toBe(`STOMP ERROR frame: boom: ${'x'.repeat(200)}...`);
    expect(error.frame?.body.toString()).toBe(`\n\n${long}\0tail\nmore`);
  });

  it('errors ERR_STOMP_CLOSED when the broker closes without answering', async () => {
    const broker = await responder({ answer: 'close' });
    const socket = await socketTo(broker.port);
    const error = await failure<StompError>(
      lastValueFrom(stompHandshake()(socket, loopbackPeer(broker.port))),
    );
    expect(error).toMatchObject({ code: 'ERR_STOMP_CLOSED', name: 'StompError' });
    expect(error.message).toBe('connection closed by the broker without answering to CONNECT');
    expect(socket.destroyed).toBe(true);
  });

  it('errors ERR_STOMP_CLOSED when the broker closes in the middle of its answer', async () => {
    const server = await listener((peer) => peer.once('data', () => peer.end('CONNECTED\nversion:1.2\n')));
    const socket = await socketTo(server.port);
    const error = await failure<StompError>(
      lastValueFrom(stompHandshake()(socket, loopbackPeer(server.port))),
    );
    expect(error.code).toBe('ERR_STOMP_CLOSED');
    expect(error.message).toMatch(/in the middle of its answer/);
  });

  it('errors ERR_STOMP_CLOSED at once on a socket already closed', async () => {
    const broker = await responder();
    const socket = await socketTo(broker.port);
    socket.destroy();
    const error = await failure<StompError>(
      lastValueFrom(stompHandshake()(socket, loopbackPeer(broker.port))),
    );
    expect(error.code).toBe('ERR_STOMP_CLOSED');
  });

  it('errors with the socket error itself (a reset)', async () => {
    const server = await listener((peer) => peer.once('data', () => peer.resetAndDestroy()));
    const socket = await socketTo(server.port);
    const error = await failure<StompError>(
      lastValueFrom(stompHandshake()(socket, loopbackPeer(server.port))),
    );
    expect(error).not.toBeInstanceOf(StompError);
    expect(error.code).toBe('ECONNRESET');
  });

  it.each([
    ['not STOMP', 'HTTP/1.1 400 Bad Request\r\n\r\n', /not a STOMP frame: "HTTP\/1.1 400 Bad Request"/],
    ['a frame other than CONNECTED or ERROR', 'MESSAGE\n\nx\0', /unexpected MESSAGE frame before CONNECTED/],
  ])('errors ERR_STOMP_PROTOCOL on %s', async (_name, answer, message) => {
    const server = await listener((peer) => peer.once('data', () => peer.write(answer)));
    const socket = await socketTo(server.port);
    const error = await failure<StompError>(
      lastValueFrom(stompHandshake()(socket, loopbackPeer(server.port))),
    );
    expect(error.code).toBe('ERR_STOMP_PROTOCOL');
    expect(error.message).toMatch(message);
    expect(error.frame).toBeUndefined();
    expect(socket.destroyed).toBe(true);
  });

  it('on unsubscribe removes its listeners and leaves the socket open', async () => {
    const broker = await responder({ answer: 'silent' });
    const socket = await socketTo(broker.port);
    const before = listenerCounts(socket);
    const subscription = stompHandshake()(socket, loopbackPeer(broker.port)).subscribe();
    expect(listenerCounts(socket)).not.toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(broker.frames).toHaveLength(1);
    subscription.unsubscribe();
    expect(listenerCounts(socket)).toEqual(before);
    expect(socket.destroyed).toBe(false);
    expect(socket.writable).toBe(true);
  });
});
