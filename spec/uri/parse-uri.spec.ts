import { UriError } from '../../src/errors/uri-error';
import { parseUri } from '../../src/uri/parse-uri';

describe('parseUri: dispatch and contract', () => {
  it.each([
    ['tcp://a', null, ['tcp://a:61613']],
    [' \t tcp://a \r\n', null, ['tcp://a:61613']],
    ['failover:tcp://a', 'failover', ['tcp://a:61613']],
    ['\nFailOver:(tcp://a)\n', 'failover', ['tcp://a:61613']],
  ])('%j → %s plan of %j', (uri, kind, uris) => {
    const plan = parseUri(uri);
    expect(plan.failover === null ? null : 'failover').toBe(kind);
    expect(plan.peers.map((peer) => peer.uri)).toEqual(uris);
  });

  it('rejects a value that is not a string, as a UriError', () => {
    for (const value of [undefined, null, 42, {}, Symbol('x')]) {
      let error: unknown;
      try {
        parseUri(value as unknown as string);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UriError);
      expect((error as UriError).message).toMatch(
        /^expected a URI string( or \{ host, port \})?, got (undefined|null|the number 42|an object .*|a symbol)$/,
      );
      expect((error as UriError).position).toBeUndefined();
      expect((error as UriError).input).toBe('');
    }
  });

  it('gives a UriError a name, a code and the masked input', () => {
    let error: unknown;
    try {
      parseUri('tcp://guest:s3cr3t@host:');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'UriError',
      code: 'ERR_STOMP_URI',
      input: 'tcp://guest:***@host:',
      position: 21,
      message: 'expected a port number after "tcp://guest:***@host:" at position 21',
    });
  });

  it('works as the README examples say', () => {
    const plan = parseUri('failover:(tcp://a:61613,ssl://b)?randomize=false&maxReconnectAttempts=3');
    expect(plan.peers.map((p) => p.uri)).toEqual(['tcp://a:61613', 'ssl://b:61614']);
    expect(plan.failover?.maxReconnectAttempts).toBe(3);
    expect(parseUri('stomp://guest:pw@broker').peers[0]?.passcode).toBe('pw');
    expect(parseUri('stomp+ssl://guest:guest@[::1]:61614').peers[0]?.uri).toBe('stomp+ssl://[::1]:61614');
  });
});
