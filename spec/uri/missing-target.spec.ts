import { firstValueFrom } from 'rxjs';
import { connect, connect$, parseUri, UriError } from '../../src/index';
import { targetPlan } from '../../src/uri/peer';
import { uriError } from '../helpers/uri-error';

type Target = Parameters<typeof connect$>[0];

/** A revoked Proxy: every operation on it throws. */
function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** The error each entry point gives for `value` as its target. */
async function errorsFor(value: unknown): Promise<unknown[]> {
  const caught = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (error) {
      return error;
    }
    return undefined;
  };
  return [
    caught(() => parseUri(value as string)),
    caught(() => targetPlan(value as { host: string; port: number })),
    await connect(value as Target).catch((error: unknown) => error),
    await firstValueFrom(connect$(value as Target)).catch((error: unknown) => error),
  ];
}

describe('a target that is neither a URI string nor { host, port }', () => {
  it.each<[string, () => unknown]>([
    ['expected a URI string or { host, port }, got undefined', () => undefined],
    ['expected a URI string or { host, port }, got null', () => null],
    ['expected a URI string or { host, port }, got the number 42', () => 42],
    ['expected a URI string or { host, port }, got the number NaN', () => Number.NaN],
    ['expected a URI string or { host, port }, got a boolean', () => true],
    ['expected a URI string or { host, port }, got a bigint', () => 10n],
    ['expected a URI string or { host, port }, got a Map', () => new Map()],
    ['expected a URI string or { host, port }, got a Date', () => new Date(0)],
    ['expected a URI string or { host, port }, got an unreadable object', () => revoked()],
    ['expected a URI string or { host, port }, got a symbol', () => Symbol('uri')],
    ['expected a URI string or { host, port }, got a function', () => () => 'tcp://mq'],
    ['expected a URI string or { host, port }, got an array', () => ['tcp://mq:61613']],
    ['expected a URI string or { host, port }, got a URL: pass String(url)', () => new URL('tcp://mq:61613')],
  ])('%s: one message from parseUri, connect$ and connect', async (message, make) => {
    const value = make();
    const errors = await errorsFor(value);
    for (const error of errors) {
      expect(error).toBeInstanceOf(UriError);
      expect((error as UriError).message).toBe(message);
      expect((error as UriError).input).toBe('');
      expect((error as UriError).position).toBeUndefined();
    }
  });

  it('names an object given to parseUri (where { host, port } does not apply)', () => {
    expect(uriError(() => parseUri({ host: 'mq', port: 61613 } as unknown as string)).message).toBe(
      'expected a URI string, got an object ({ host, port } is a target for connect$ and connect)',
    );
  });

  it('takes a class instance with host and port as a target', () => {
    class Broker {
      constructor(
        readonly host: string,
        readonly port: number,
      ) {}
    }
    expect(targetPlan(new Broker('mq', 61613)).peers[0]?.uri).toBe('tcp://mq:61613');
  });

  it('still checks the host of an object target', async () => {
    const error: unknown = await connect({} as Target).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UriError);
    expect((error as UriError).message).toContain('expected a host name or address in the target');
  });
});
