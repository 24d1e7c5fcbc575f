import fc from 'fast-check';
import { encodeFrame, escapeHeader, headersEscaped, unescapeHeader } from '../../src/stomp/frame';
import { StompFrameParser } from '../../src/stomp/frame-parser';

describe('escapeHeader / unescapeHeader (STOMP 1.2 table)', () => {
  it.each([
    ['\\', '\\\\'],
    ['\n', '\\n'],
    ['\r', '\\r'],
    [':', '\\c'],
    ['a:b\\c\r\nd', 'a\\cb\\\\c\\r\\nd'],
    ['plain text, é ü 漢', 'plain text, é ü 漢'],
    ['', ''],
  ])('%j <-> %j', (raw, escaped) => {
    expect(escapeHeader(raw)).toBe(escaped);
    expect(unescapeHeader(escaped)).toBe(raw);
  });

  it('keeps an undefined escape or a lone trailing backslash as written', () => {
    expect(unescapeHeader('a\\tb')).toBe('a\\tb');
    expect(unescapeHeader('end\\')).toBe('end\\');
  });

  it('never decodes an escape twice', () => {
    expect(unescapeHeader('\\\\c')).toBe('\\c');
    expect(unescapeHeader('\\\\\\n')).toBe('\\\n');
  });

  it('round-trips any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => unescapeHeader(escapeHeader(text)) === text),
    );
  });
});

describe('encodeFrame', () => {
  it('writes command, escaped headers in order, blank line and NUL', () => {
    const bytes = encodeFrame({
      command: 'SEND',
      headers: { destination: '/q/a', 'x:y': 'p:w\\d\r\n' },
    });
    expect(bytes.toString('latin1')).toBe('SEND\ndestination:/q/a\nx\\cy:p\\cw\\\\d\\r\\n\n\n\0');
  });

  it('adds content-length to a non-empty body, and keeps NULs in it', () => {
    const bytes = encodeFrame({ command: 'SEND', headers: { destination: '/q/a' }, body: 'a\0b' });
    expect(bytes.toString('latin1')).toBe('SEND\ndestination:/q/a\ncontent-length:3\n\na\0b\0');
  });

  it('keeps a content-length the caller gave, and adds none to an empty body', () => {
    expect(encodeFrame({ command: 'SEND', headers: { 'content-length': '2' }, body: 'ab' }).toString()).toBe(
      'SEND\ncontent-length:2\n\nab\0',
    );
    expect(encodeFrame({ command: 'DISCONNECT' }).toString()).toBe('DISCONNECT\n\n\0');
  });

  it.each(['CONNECT', 'CONNECTED'])(
    'writes %s headers as written (STOMP 1.2), and refuses what cannot be sent so',
    (command) => {
      expect(headersEscaped(command)).toBe(false);
      const headers = { session: 'ID:host-1:2', passcode: 'pa:ss\\w', host: '::1', x: 'a\\cb\\n' };
      expect(encodeFrame({ command, headers }).toString()).toBe(
        `${command}\nsession:ID:host-1:2\npasscode:pa:ss\\w\nhost:::1\nx:a\\cb\\n\n\n\0`,
      );
      const notEscaped = `(${command} headers are not escaped)`;
      for (const [name, value] of [
        ['x', 'a\nb'],
        ['x', 'a\rb'],
        ['x\ny', 'v'],
      ] as const) {
        expect(() => encodeFrame({ command, headers: { [name]: value } })).toThrow(
          new TypeError(
            `STOMP header ${JSON.stringify(name)} of a ${command} frame must not contain CR or LF ${notEscaped}`,
          ),
        );
      }
      expect(() => encodeFrame({ command, headers: { 'a:b': 'x' } })).toThrow(
        new TypeError(`STOMP header name "a:b" of a ${command} frame has a colon ${notEscaped}`),
      );
    },
  );

  it.each(['ERROR', 'SEND', 'MESSAGE', 'SUBSCRIBE', 'STOMP'])('escapes %s headers', (command) => {
    expect(headersEscaped(command)).toBe(true);
  });

  it('refuses a bad command, an empty header name, and a NUL in a header without showing the value', () => {
    expect(() => encodeFrame({ command: 'connect' })).toThrow(TypeError);
    expect(() => encodeFrame({ command: 'CONNECT\nX' })).toThrow(TypeError);
    expect(() => encodeFrame({ command: '' })).toThrow(TypeError);
    for (const command of ['CONNECT', 'SEND']) {
      const attempt = (): Buffer => encodeFrame({ command, headers: { passcode: 'se\0cret' } });
      expect(attempt).toThrow(new TypeError('STOMP header "passcode" must not contain a NUL byte'));
      expect(() => encodeFrame({ command, headers: { '': 'x' } })).toThrow(
        new TypeError('STOMP header name "" is empty'),
      );
    }
  });

  /** Encodes, parses back, and checks that the frame came through unchanged. */
  const roundTrips = (command: string, headers: Record<string, string>, body: Uint8Array): void => {
    const parser = new StompFrameParser();
    parser.push(encodeFrame({ command, headers, body }));
    const frame = parser.next();
    const expected = body.length > 0 ? { ...headers, 'content-length': String(body.length) } : headers;
    expect(frame?.command).toBe(command);
    expect(frame?.headers).toEqual(expected);
    expect(frame?.body).toEqual(Buffer.from(body));
    expect(parser.buffered.length).toBe(0);
  };
  const names = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
    text.filter((s) => s !== '' && s !== 'content-length' && s !== '__proto__');

  it('round-trips escaped frames through the parser: any headers, any body', () => {
    const text = fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(
        fc.constantFrom('SEND', 'MESSAGE', 'ERROR'),
        fc.dictionary(names(text), text),
        fc.uint8Array({ maxLength: 64 }),
        roundTrips,
      ),
    );
  });

  it('round-trips CONNECT and CONNECTED: any headers that can be sent as written', () => {
    const text = fc.string({ unit: 'binary' }).filter((s) => !/[\0\r\n]/.test(s));
    fc.assert(
      fc.property(
        fc.constantFrom('CONNECT', 'CONNECTED'),
        fc.dictionary(names(text.filter((s) => !s.includes(':'))), text),
        fc.uint8Array({ maxLength: 64 }),
        roundTrips,
      ),
    );
  });
});
