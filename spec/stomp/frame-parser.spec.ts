import fc from 'fast-check';
import { StompError } from '../../src/errors/stomp-error';
import type { StompFrame } from '../../src/stomp/frame';
import { StompFrameParser } from '../../src/stomp/frame-parser';

/** Feeds `chunks` one by one, collecting every frame as soon as it completes. */
function parseChunks(chunks: readonly Buffer[], parser = new StompFrameParser()): StompFrame[] {
  const frames: StompFrame[] = [];
  for (const chunk of chunks) {
    parser.push(chunk);
    for (let frame = parser.next(); frame !== undefined; frame = parser.next()) frames.push(frame);
  }
  return frames;
}

function protocolError(bytes: string): StompError {
  const parser = new StompFrameParser();
  parser.push(Buffer.from(bytes, 'latin1'));
  try {
    parser.next();
  } catch (error) {
    return error as StompError;
  }
  throw new Error('no error');
}

// Heart-beat EOLs first, a CRLF CONNECTED, a MESSAGE whose body holds a NUL (content-length),
// EOLs between frames, an escaped ERROR without content-length, and the start of a 4th frame.
const STREAM = Buffer.from(
  '\n\r\n\nCONNECTED\r\nversion:1.2\r\nsession:ID:h-1:2\r\nserver:x\\y\r\n\r\n\0' +
    'MESSAGE\ndestination:/q/a\ncontent-length:5\n\nab\0cd\0\n\n' +
    'ERROR\nmessage:a\\cb\\nc\nmessage:second\n\nline 1\nline 2\0' +
    'RECEI',
  'utf8',
);
const EXPECTED: StompFrame[] = [
  {
    command: 'CONNECTED',
    headers: { version: '1.2', session: 'ID:h-1:2', server: 'x\\y' },
    body: Buffer.alloc(0),
  },
  {
    command: 'MESSAGE',
    headers: { destination: '/q/a', 'content-length': '5' },
    body: Buffer.from('ab\0cd', 'latin1'),
  },
  { command: 'ERROR', headers: { message: 'a:b\nc' }, body: Buffer.from('line 1\nline 2') },
];

describe('StompFrameParser', () => {
  it('parses a stream in one chunk, leaving the incomplete frame buffered', () => {
    const parser = new StompFrameParser();
    expect(parseChunks([STREAM], parser)).toEqual(EXPECTED);
    expect(parser.buffered.toString()).toBe('RECEI');
    expect(parser.partial).toBe(true);
  });

  it('gives the same frames whatever the split: at every byte boundary', () => {
    for (let at = 0; at <= STREAM.length; at++) {
      const parser = new StompFrameParser();
      expect(parseChunks([STREAM.subarray(0, at), STREAM.subarray(at)], parser)).toEqual(EXPECTED);
      expect(parser.buffered.toString()).toBe('RECEI');
    }
  });

  it('gives the same frames one byte at a time, each frame as soon as its NUL arrives', () => {
    const parser = new StompFrameParser();
    const seenAt: number[] = [];
    for (let i = 0; i < STREAM.length; i++) {
      if (parseChunks([STREAM.subarray(i, i + 1)], parser).length > 0) seenAt.push(i);
    }
    expect(seenAt.map((i) => STREAM[i])).toEqual([0, 0, 0]);
    expect(seenAt).toEqual([STREAM.indexOf(0), STREAM.indexOf('cd\0') + 2, STREAM.lastIndexOf(0)]);
  });

  it('gives the same frames for any chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: STREAM.length }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), STREAM.length];
        const chunks = points.slice(1).map((end, i) => STREAM.subarray(points[i], end));
        expect(parseChunks(chunks)).toEqual(EXPECTED);
      }),
    );
  });

  it('keeps only EOLs as "not partial"', () => {
    const parser = new StompFrameParser();
    parser.push(Buffer.from('\n\r\n'));
    expect(parser.next()).toBeUndefined();
    expect(parser.partial).toBe(false);
    parser.push(Buffer.from('C'));
    expect(parser.partial).toBe(true);
  });

  it('reads header names safely (a __proto__ header is an ordinary header)', () => {
    const [frame] = parseChunks([Buffer.from('ERROR\n__proto__:x\nmessage:m\n\n\0')]);
    expect(Object.getPrototypeOf(frame?.headers)).toBe(Object.prototype);
    expect(Object.entries(frame?.headers ?? {})).toEqual([
      ['__proto__', 'x'],
      ['message', 'm'],
    ]);
  });

  it('keeps header values as written: no trimming, empty values, colons in values', () => {
    const [frame] = parseChunks([Buffer.from('MESSAGE\n a : b \nempty:\nurl:tcp://h:1\n\n\0')]);
    expect(frame?.headers).toEqual({ ' a ': ' b ', empty: '', url: 'tcp://h:1' });
  });

  it.each([
    ['an HTTP answer', 'HTTP/1.1 400 Bad Request\r\n', /not a STOMP frame: "HTTP\/1.1 400 Bad Request"/],
    ["RabbitMQ's AMQP port", 'AMQP\0\0\t\x01', /not a STOMP frame: "AMQP\\u0000/],
    ['a TLS alert', '\x15\x03\x03\x00\x02\x02\x46', /not a STOMP frame/],
    ['a header line without colon', 'ERROR\nno colon here\n\n\0', /without a colon in a ERROR frame/],
    ['a bad content-length', 'ERROR\ncontent-length:12x\n\nabc\0', /invalid content-length "12x"/],
    ['a wrong content-length', 'ERROR\ncontent-length:2\n\nabc\0', /not followed by NUL/],
  ])('throws ERR_STOMP_PROTOCOL on %s, as soon as it shows', (_name, bytes, message) => {
    const error = protocolError(bytes);
    expect(error).toBeInstanceOf(StompError);
    expect(error.code).toBe('ERR_STOMP_PROTOCOL');
    expect(error.message).toMatch(message);
  });

  it('throws on a non-command first line before any LF arrives', () => {
    expect(protocolError('CONNECTED x').message).toMatch(/not a STOMP frame: "CONNECTED x"/);
    expect(() => parseChunks([Buffer.from('CONNECTED\r')])).not.toThrow();
  });

  it('enforces its size limits', () => {
    const small = (): StompFrameParser => new StompFrameParser({ maxHeaderBytes: 32, maxBodyBytes: 8 });
    expect(() => parseChunks([Buffer.from(`ERROR\nx:${'a'.repeat(40)}`)], small())).toThrow(
      /headers over 32/,
    );
    expect(() => parseChunks([Buffer.from('ERROR\n\n0123456789')], small())).toThrow(/body over 8/);
    expect(() => parseChunks([Buffer.from('ERROR\ncontent-length:9\n\n')], small())).toThrow(/body over 8/);
    expect(parseChunks([Buffer.from('ERROR\n\n01234567\0')], small())).toHaveLength(1);
  });
});
