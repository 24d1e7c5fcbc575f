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
      command: 'CONNECT',
      headers: { 'accept-version': '1.2', host: '/', passcode: 'p:w\\d' },
    });
    expect(bytes.toString('latin1')).toBe('CONNECT\naccept-version:1.2\nhost:/\npasscode:p\\cw\\\\d\n\n\0');
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

  it('does not escape CONNECTED headers (STOMP 1.2), and refuses what cannot be sent raw', () => {
    expect(headersEscaped('CONNECTED')).toBe(false);
    expect(headersEscaped('CONNECT')).toBe(true);
    expect(headersEscaped('ERROR')).toBe(true);
    const bytes = encodeFrame({ command: 'CONNECTED', headers: { session: 'ID:host-1:2', x: 'a\\b' } });
    expect(bytes.toString()).toBe('CONNECTED\nsession:ID:host-1:2\nx:a\\b\n\n\0');
    expect(() => encodeFrame({ command: 'CONNECTED', headers: { x: 'a\nb' } })).toThrow(TypeError);
    expect(() => encodeFrame({ command: 'CONNECTED', headers: { 'a:b': 'x' } })).toThrow(/colon/);
  });

  it('refuses a bad command, and a NUL in a header without showing the value', () => {
    expect(() => encodeFrame({ command: 'connect' })).toThrow(TypeError);
    expect(() => encodeFrame({ command: 'CONNECT\nX' })).toThrow(TypeError);
    expect(() => encodeFrame({ command: '' })).toThrow(TypeError);
    const attempt = (): Buffer => encodeFrame({ command: 'CONNECT', headers: { passcode: 'se\0cret' } });
    expect(attempt).toThrow(new TypeError('STOMP header "passcode" must not contain a NUL byte'));
  });

  it('round-trips through the parser: any headers, any body', () => {
    const text = fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(
        fc.constantFrom('SEND', 'MESSAGE', 'ERROR', 'CONNECT'),
        fc.dictionary(
          text.filter((s) => s !== '' && s !== 'content-length' && s !== '__proto__'),
          text,
        ),
        fc.uint8Array({ maxLength: 64 }),
        (command, headers, body) => {
          const parser = new StompFrameParser();
          parser.push(encodeFrame({ command, headers, body }));
          const frame = parser.next();
          const expected = body.length > 0 ? { ...headers, 'content-length': String(body.length) } : headers;
          expect(frame?.command).toBe(command);
          expect(frame?.headers).toEqual(expected);
          expect(frame?.body).toEqual(Buffer.from(body));
          expect(parser.buffered.length).toBe(0);
        },
      ),
    );
  });
});
