// stompit's Client over a socket from connect(): stompit sends its own CONNECT (no stompHandshake).
import { Client as StompitClient } from 'stompit';
import { connect } from '../../src/connect-promise';
import { refusedPort } from '../helpers/loopback';
import { activeResources, leakedSince } from '../helpers/resources';
import { startMiniBroker } from './mini-broker';

/** Sends `body` to `destination` through a stompit Client and resolves with what its subscription reads. */
function roundTrip(client: StompitClient, destination: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    client.once('error', reject);
    client.subscribe({ destination, ack: 'auto' }, (error, message) => {
      if (error) return reject(error);
      message.readString('utf-8', (readError, text) => (readError ? reject(readError) : resolve(text ?? '')));
    });
    const frame = client.send({ destination, 'content-type': 'text/plain' });
    frame.write(body);
    frame.end();
  });
}

it('sends and subscribes through a socket from connect(), after a failover', async () => {
  const baseline = activeResources();
  const mq = await startMiniBroker();
  const refused = await refusedPort();
  const socket = await connect(
    `failover:(tcp://127.0.0.1:${refused},${mq.uri})?randomize=false&initialReconnectDelay=0`,
  );
  try {
    const client = new StompitClient(socket);
    await new Promise<void>((resolve, reject) =>
      client.connect({ host: '/', login: 'app', passcode: 'secret' }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    expect(await roundTrip(client, '/queue/stompit', 'héllo from stompit ✓')).toBe('héllo from stompit ✓');
    await new Promise<void>((resolve, reject) =>
      client.disconnect((error) => (error ? reject(error) : resolve())),
    );
    expect(mq.frames.map((frame) => frame.command)).toEqual(['CONNECT', 'SUBSCRIBE', 'SEND', 'DISCONNECT']);
    expect(mq.frames[0]?.headers).toMatchObject({ host: '/', login: 'app' });
  } finally {
    socket.destroy();
    await mq.close();
  }
  expect(await leakedSince(baseline)).toEqual([]);
});
