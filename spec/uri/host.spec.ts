import { checkHostName, checkPort, isIPv4, isIPv6 } from '../../src/uri/host';

const quote = (text: string) => (from: number, to: number) => JSON.stringify(text.slice(from, to));

describe('isIPv4', () => {
  it.each(['0.0.0.0', '192.0.2.1', '255.255.255.255', '10.0.0.10'])('accepts %s', (text) => {
    expect(isIPv4(text)).toBe(true);
  });
  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.0.0.1',
    '01.2.3.4',
    '1.2.3.',
    '.1.2.3',
    '1..2.3',
    'a.b.c.d',
    '1.2.3.4 ',
    '1111.1.1.1',
  ])('rejects %j', (text) => {
    expect(isIPv4(text)).toBe(false);
  });
});

describe('isIPv6', () => {
  it.each([
    '::',
    '::1',
    '1::',
    '1:2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7::',
    '::2:3:4:5:6:7:8',
    '2001:DB8::1',
    'fe80::1:2',
    '::ffff:192.0.2.1',
    '1:2:3:4:5:6:192.0.2.1',
    'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255',
  ])('accepts %s', (text) => {
    expect(isIPv6(text)).toBe(true);
  });
  it.each([
    '',
    ':',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '12345::',
    'g::1',
    ':1::',
    '1::2:',
    '1.2.3.4::',
    '::1.2.3',
    '1:2:3:4:5:6:7:1.2.3.4',
    'fe80::1%eth0',
    '[::1]',
    `${'1:'.repeat(40)}:`,
  ])('rejects %j', (text) => {
    expect(isIPv6(text)).toBe(false);
  });
});

describe('checkHostName', () => {
  it.each([
    'localhost',
    'a',
    'my_broker',
    'broker-1.example.com',
    'example.com.',
    '1a.2b',
    'xn--nxasmq6b.example',
    '1.2.3.4a',
    '192.0.2.1',
    // Names that only look numeric in part: no resolver reads them as an address.
    'x7f.0.0.1',
    '0x7g.0.0.1',
    '0x7f.0.0.1a',
    '0xdead.beef.com',
    '127.0.0.1.nip.io',
    '0x7f000001x',
    'a.0x1.com',
  ])('accepts %s', (host) => {
    expect(checkHostName(host, quote(host))).toBeUndefined();
  });
  it.each([
    ['foo;bar', 3, 'unexpected ";" in the host'],
    ['a b', 1, 'unexpected " " in the host'],
    ['é.com', 0, 'unexpected "é" in the host'],
    ['1.2.3', 0, 'invalid IPv4 address "1.2.3"'],
    ['.', 0, 'invalid IPv4 address'],
    ['a..b', 2, 'empty label in the host name'],
    ['a.b..', 4, 'empty label'],
    ['-a', 0, 'unexpected "-" at the start of "-a"'],
    ['a.b-', 3, 'unexpected "-" at the end of "b-"'],
    [`${'x'.repeat(64)}.com`, 0, 'host name label too long'],
    [`a.${'x'.repeat(64)}`, 2, 'host name label too long'],
    [`${'abc.'.repeat(63)}ab`, 253, 'host name too long'],
  ])('rejects %j at %i', (host, offset, what) => {
    const fault = checkHostName(host, quote(host));
    expect(fault?.offset).toBe(offset);
    expect(fault?.what).toContain(what);
  });
  // What inet_aton / getaddrinfo read as an IPv4 address written some other way than a dotted quad.
  it.each([
    '0x7f000001',
    '0X7F000001',
    '0x7f.0.0.1',
    '0x7f.0x0.0x0.0x1',
    '0x7F.0X0.0X0.0X1',
    '127.1',
    '127.0.1',
    '2130706433',
    '0177.0.0.1',
    '017700000001',
    '0x7f.1',
    '127.0.0.0x1',
    '127.0x0.1',
    '0x',
    '0x.0x.0x.0x',
    '0x7f000001.',
    '127.0.0.1.',
    '127.1.',
    '4294967295',
    '0xffffffff',
    '0x100000000',
    '0',
    '00.0.0.0',
    '127.00.0.1',
    '1.2.3.4.5',
    '0x1.0x2.0x3.0x4.0x5',
    '0x0000000000000000000000000000007f.0.0.1',
  ])('rejects the numeric name %j as an invalid IPv4 address', (host) => {
    const fault = checkHostName(host, quote(host));
    expect(fault).toEqual({
      offset: 0,
      what: `invalid IPv4 address ${JSON.stringify(host)}`,
      detail: 'expected four decimal numbers 0-255 without leading zeros, e.g. 192.0.2.1',
    });
  });

  it('accepts a name of exactly 253 characters (plus a trailing dot)', () => {
    const name = `${'abc.'.repeat(63)}a`;
    expect(name).toHaveLength(253);
    expect(checkHostName(name, quote(name))).toBeUndefined();
    expect(checkHostName(`${name}.`, quote(name))).toBeUndefined();
  });
});

describe('checkPort', () => {
  it.each([
    ['1', 1],
    ['61613', 61613],
    ['65535', 65535],
    ['00001', 1],
    [`${'0'.repeat(1000)}7`, 7],
  ])('%j → %i', (text, port) => {
    expect(checkPort(text, quote(text))).toBe(port);
  });
  it.each([
    ['0', 0, 'port "0" out of range'],
    ['000', 0, 'out of range'],
    ['65536', 0, 'out of range'],
    ['100000', 0, 'out of range'],
    ['1x', 1, 'unexpected "x" in the port'],
    ['+1', 0, 'unexpected "+"'],
    ['１', 0, 'unexpected "１"'],
  ])('rejects %j at %i', (text, offset, what) => {
    const fault = checkPort(text, quote(text));
    expect(typeof fault).toBe('object');
    if (typeof fault === 'object') {
      expect(fault.offset).toBe(offset);
      expect(fault.what).toContain(what);
    }
  });
});
