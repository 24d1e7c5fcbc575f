import { inspect } from 'node:util';
import { KEY_PASSPHRASE_ENV, withKeyPassphrase } from '../../src/cli/key-passphrase';

const ENV = { [KEY_PASSPHRASE_ENV]: '123456' };

describe('withKeyPassphrase', () => {
  it.each([['SSL_key_file'], ['SSL_cert_file'], ['key'], ['pfx']])(
    'with %s: adds SSL_passwd_cb returning $STOMP_KEY_PASSPHRASE (a string)',
    (name) => {
      const sockopts = { [name]: 'client.pem', Timeout: 5 };
      const result = withKeyPassphrase(sockopts, ENV);
      expect(result).toEqual({ [name]: 'client.pem', Timeout: 5, SSL_passwd_cb: expect.any(Function) });
      expect((result.SSL_passwd_cb as () => unknown)()).toBe('123456');
      expect(Object.keys(result).at(-1)).toBe('SSL_passwd_cb');
      expect(inspect(result)).not.toContain('123456');
      expect(JSON.stringify(result)).not.toContain('123456');
      expect(sockopts).not.toHaveProperty('SSL_passwd_cb');
    },
  );

  it.each<[string, Record<string, unknown>, Record<string, string | undefined>]>([
    ['no key sockopt (a run that may have no TLS peer)', { Timeout: 5, SSL_ca_file: 'ca.pem' }, ENV],
    ['a passphrase sockopt', { SSL_key_file: 'client.key', passphrase: 'other' }, ENV],
    ['an SSL_passwd_cb sockopt', { SSL_key_file: 'client.key', SSL_passwd_cb: () => 'other' }, ENV],
    ['the variable unset', { SSL_key_file: 'client.key' }, {}],
    ['the variable empty', { SSL_key_file: 'client.key' }, { [KEY_PASSPHRASE_ENV]: '' }],
    ['a key sockopt set to undefined', { SSL_key_file: undefined }, ENV],
  ])('leaves the sockopts as given with %s', (_name, sockopts, env) => {
    expect(withKeyPassphrase(sockopts, env)).toBe(sockopts);
  });
});

describe('withKeyPassphrase and names every object inherits', () => {
  it('a sockopt named __proto__ stays a sockopt of its own when the callback is added', () => {
    const sockopts = { SSL_key_file: 'client.key' };
    Object.defineProperty(sockopts, '__proto__', { value: 1, enumerable: true });
    const result = withKeyPassphrase(sockopts, ENV);
    expect(Object.keys(result)).toEqual(['SSL_key_file', '__proto__', 'SSL_passwd_cb']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });
});
