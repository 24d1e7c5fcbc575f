import { runInNewContext } from 'node:vm';
import * as api from '../src/index';

describe('the package root', () => {
  it.each(['connect$', 'connect', 'toSocket', 'parseUri', 'stompHandshake'])(
    'exports the function %s',
    (name) => {
      expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    },
  );

  it.each([
    ['UriError', 'ERR_STOMP_URI'],
    ['SockoptError', 'ERR_STOMP_SOCKOPT'],
    ['ConnectError', 'ERR_STOMP_CONNECT'],
    ['AbortError', 'ABORT_ERR'],
  ])('exports %s, an Error subclass whose code is %s', (name, code) => {
    const ErrorClass = (api as unknown as Record<string, new (...args: never[]) => Error>)[name];
    expect(ErrorClass?.prototype).toBeInstanceOf(Error);
    const instance =
      name === 'UriError'
        ? new api.UriError('x', { input: 'y' })
        : name === 'SockoptError'
          ? new api.SockoptError('x')
          : name === 'ConnectError'
            ? new api.ConnectError([], 0)
            : new api.AbortError();
    expect(instance).toBeInstanceOf(ErrorClass);
    expect((instance as Error & { code: string }).code).toBe(code);
    expect(instance.name).toBe(name);
  });

  it('AttemptError takes its code from the cause, ETIMEDOUT-style codes included, else ERR_STOMP_ATTEMPT', () => {
    const peer = api.parseUri('ssl://[::1]:61614').peers[0];
    if (peer === undefined) throw new Error('no peer');
    const coded = new api.AttemptError(
      peer,
      3,
      Object.assign(new Error('connect ECONNREFUSED ::1:61614'), { code: 'ECONNREFUSED' }),
    );
    expect(coded).toMatchObject({ code: 'ECONNREFUSED', attempt: 3, peer, name: 'AttemptError' });
    expect(coded.message).toBe('cannot SSL connect to [::1]:61614: connect ECONNREFUSED ::1:61614');
    expect(new api.AttemptError(peer, 1, new Error('odd')).code).toBe('ERR_STOMP_ATTEMPT');
    expect(new api.AttemptError(peer, 1, 'a string').message).toBe(
      'cannot SSL connect to [::1]:61614: a string',
    );
    // An error from another realm (a vm context, or Node's own errors under jest) reads the same.
    const foreign = runInNewContext(
      'Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" })',
    ) as unknown;
    expect(foreign instanceof Error).toBe(false);
    expect(new api.AttemptError(peer, 2, foreign)).toMatchObject({
      message: 'cannot SSL connect to [::1]:61614: self-signed certificate',
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('AttemptError carries no stack of its own (only RxJS internals): its cause keeps the real one', () => {
    const peer = api.parseUri('tcp://b:2').peers[0];
    if (peer === undefined) throw new Error('no peer');
    const cause = new Error('refused');
    const error = new api.AttemptError(peer, 1, cause);
    expect(error.stack).toBe('AttemptError: cannot connect to b:2: refused');
    expect(error.cause).toBe(cause);
    expect(Error.stackTraceLimit).toBeGreaterThan(0); // restored for everyone else
  });

  it('ConnectError keeps the most recent 100 attempt errors and counts them all', () => {
    const peer = api.parseUri('tcp://b:2').peers[0];
    if (peer === undefined) throw new Error('no peer');
    const errors = Array.from(
      { length: 150 },
      (_, i) => new api.AttemptError(peer, i + 1, new Error('refused')),
    );
    const error = new api.ConnectError(errors, 150);
    expect(error.errors).toHaveLength(100);
    expect(error.errors[0]?.attempt).toBe(51);
    expect(error.message).toBe('cannot connect to b:2: refused (150 attempts)');
    expect(new api.ConnectError(errors.slice(0, 1), 1).message).toBe(
      'cannot connect to b:2: refused (1 attempt)',
    );
  });

  it('AttemptError and ConnectError are built from any cause without throwing, and stay serializable', () => {
    const peer = api.parseUri('tcp://b:2').peers[0];
    if (peer === undefined) throw new Error('no peer');
    const trap = (): never => {
      throw new Error('trap');
    };
    const causes: [unknown, string][] = [
      [null, 'failed with null'],
      [undefined, 'failed with undefined'],
      [0, 'failed with the number 0'],
      [false, 'failed with a boolean'],
      [Object.create(null), 'failed with an object without prototype'],
      [{ toString: trap, [Symbol.toPrimitive]: trap }, 'failed with an object'],
      [new Proxy({}, { get: trap, getPrototypeOf: trap }), 'failed with an unreadable object'],
      [Object.defineProperty({}, 'message', { get: trap, enumerable: true }), 'failed with an object'],
      [{ message: 'from a plain object', code: 'EPLAIN' }, 'from a plain object'],
    ];
    for (const [cause, reason] of causes) {
      const error = new api.AttemptError(peer, 1, cause);
      expect(error.message).toBe(`cannot connect to b:2: ${reason}`);
      expect(error.code).toBe(reason === 'from a plain object' ? 'EPLAIN' : 'ERR_STOMP_ATTEMPT');
      const run = new api.ConnectError([error], 1);
      expect(run.message).toBe(`cannot connect to b:2: ${reason} (1 attempt)`);
      expect(() => JSON.stringify({ message: run.message, errors: run.errors })).not.toThrow();
    }
  });

  it('ConnectError given something that is not an AttemptError still has a message', () => {
    const odd = [Object.create(null), { message: 42 }] as unknown as api.AttemptError[];
    expect(new api.ConnectError(odd, 2).message).toBe('the last attempt failed (2 attempts)');
    expect(new api.ConnectError([], 0).message).toBe('no peer to connect to (0 attempts)');
  });
});
