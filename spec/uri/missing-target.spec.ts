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

describe('a { host, port } target with other keys is refused, not half-used', () => {
  const hint =
    'write a URI for more (ssl://host:port, stomp://login:passcode@host:port), or pass SSL_* sockopts for TLS';
  it.each<[string, object]>([
    [`not "tls": ${hint}`, { host: 'mq', port: 61614, tls: true }],
    [`not "login", "passcode": ${hint}`, { host: 'mq', port: 61613, login: 'app', passcode: 'hunter2' }],
    [`not "a", "b", "c" and 2 more: ${hint}`, { host: 'mq', port: 1, a: 1, b: 2, c: 3, d: 4, e: 5 }],
    [
      'not "scheme", "tls", "uri": a Peer from parseUri is connected to through its uri',
      parseUri('ssl://mq:61614').peers[0] ?? {},
    ],
  ])('the { host, port } target takes host and port only, %s', async (tail, target) => {
    const entries = [
      () => targetPlan(target as { host: string; port: number }),
      () => connect(target as Target),
      () => firstValueFrom(connect$(target as Target)),
    ];
    for (const entry of entries) {
      const error: unknown = await (async () => entry())().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UriError);
      expect((error as UriError).message).toBe(`the { host, port } target takes host and port only, ${tail}`);
      expect((error as UriError).message).not.toContain('hunter2');
    }
  });

  it('host and port alone, own or inherited getters included, are a target', () => {
    const withPrototype = Object.assign(Object.create({ extra: 'inherited, not own' }) as object, {
      host: 'mq',
      port: 61613,
    });
    expect(targetPlan(withPrototype as { host: string; port: number }).peers[0]?.uri).toBe('tcp://mq:61613');
  });

  it('a Proxy whose ownKeys trap throws is no target', () => {
    const proxy = new Proxy(
      { host: 'mq', port: 61613 },
      {
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    expect(uriError(() => targetPlan(proxy)).message).toBe(
      'expected a URI string or { host, port }, got an object whose keys cannot be read',
    );
  });

  it('names a long key by its start only: the message stays short', async () => {
    const key = `k${'x'.repeat(5000)}`;
    for (const error of [
      uriError(() => targetPlan({ host: 'mq', port: 1, [key]: 1 } as { host: string; port: number })),
      await connect({ host: 'mq', port: 1, [key]: 1 } as Target).catch((caught: unknown) => caught),
    ]) {
      expect(error).toBeInstanceOf(UriError);
      const { message } = error as UriError;
      expect(message).toContain(`not "k${'x'.repeat(39)}…": ${hint}`);
      expect(message.length).toBeLessThan(250);
    }
  });

  it.each<[string, () => object]>([
    [
      'a host getter',
      () => ({
        get host(): string {
          throw new Error('hunter2');
        },
        port: 61613,
      }),
    ],
    [
      'a port getter',
      () => ({
        host: 'mq',
        get port(): number {
          throw new Error('hunter2');
        },
      }),
    ],
    [
      'an inherited getter',
      () =>
        Object.create({
          get host(): string {
            throw new Error('hunter2');
          },
          port: 1,
        }) as object,
    ],
  ])('%s that throws is a UriError saying so (not the thrown value)', async (_name, make) => {
    const entries = [
      () => targetPlan(make() as { host: string; port: number }),
      () => connect(make() as Target),
      () => firstValueFrom(connect$(make() as Target)),
    ];
    for (const entry of entries) {
      const error: unknown = await (async () => entry())().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UriError);
      expect((error as UriError).message).toBe(
        'expected a URI string or { host, port }, got an object whose host or port cannot be read',
      );
      expect(String((error as UriError).cause)).not.toContain('hunter2');
    }
  });
});
