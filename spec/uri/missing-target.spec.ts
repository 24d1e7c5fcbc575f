import { firstValueFrom } from 'rxjs';
import { connect, connect$, parseUri, UriError } from '../../src/index';
import { targetPlan } from '../../src/uri/peer';
import { uriError } from '../helpers/uri-error';

type Target = Parameters<typeof connect$>[0];

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
  it.each([
    [undefined, 'expected a URI string or { host, port }, got undefined'],
    [null, 'expected a URI string or { host, port }, got null'],
    [42, 'expected a URI string or { host, port }, got a number'],
    [Number.NaN, 'expected a URI string or { host, port }, got a number'],
    [true, 'expected a URI string or { host, port }, got a boolean'],
    [10n, 'expected a URI string or { host, port }, got a bigint'],
    [Symbol('uri'), 'expected a URI string or { host, port }, got a symbol'],
    [() => 'tcp://mq', 'expected a URI string or { host, port }, got a function'],
    [['tcp://mq:61613'], 'expected a URI string or { host, port }, got an array'],
    [
      new URL('tcp://mq:61613'),
      'expected a URI string or { host, port }, got a URL object: pass String(url)',
    ],
  ])('%p: one message from parseUri, connect$ and connect: %s', async (value, message) => {
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

  it('still checks the host of an object target', async () => {
    const error: unknown = await connect({} as Target).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UriError);
    expect((error as UriError).message).toContain('expected a host name or address in the target');
  });
});
