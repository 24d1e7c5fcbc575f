// The byte-level helpers of stompjsSocket: UTF-8 tails, outgoing bytes, URI credentials in CONNECT.
import { incompleteUtf8Tail, Utf8Chunks } from '../../src/stompjs/utf8-chunks';
import { OutgoingBytes } from '../../src/stompjs/outgoing-bytes';
import { withPeerCredentials } from '../../src/stompjs/peer-credentials';
import { parseUri } from '../../src/uri/parse-uri';

describe('incompleteUtf8Tail', () => {
  it.each([
    ['', 0],
    ['61', 0],
    ['61c3', 1], // é cut after its lead byte
    ['c3a9', 0], // é whole
    ['e282', 2], // € cut after 2 of 3
    ['e282ac', 0],
    ['f09d84', 3], // 𝄞 cut after 3 of 4
    ['f09d849e', 0],
    ['8080', 0], // continuation bytes without a lead: not a cut character, decoded as U+FFFD
    ['80808080', 0],
  ])('%s → %i', (hex, tail) => {
    expect(incompleteUtf8Tail(Buffer.from(hex, 'hex'))).toBe(tail);
  });

  it('gives back every character whole, whatever the cut points (every text, every split)', () => {
    const text = 'aé€𝄞z';
    const bytes = Buffer.from(text);
    for (let first = 0; first <= bytes.length; first++) {
      for (let second = first; second <= bytes.length; second++) {
        const chunks = new Utf8Chunks();
        const parts = [bytes.subarray(0, first), bytes.subarray(first, second), bytes.subarray(second)];
        expect(parts.map((part) => chunks.decode(part)).join('')).toBe(text);
      }
    }
  });
});

describe('Utf8Chunks.bytes', () => {
  it("hands over a read that is the whole of its ArrayBuffer as it is (Node never reuses a read's memory)", () => {
    const read = Buffer.from(new Uint8Array([1, 2, 3]).buffer); // as a socket's read: all of its own ArrayBuffer
    expect(new Utf8Chunks().bytes(read)).toBe(read.buffer);
  });

  it.each([
    ["a slice of Node's Buffer pool", () => Buffer.from([1, 2, 3])],
    ['a view into the middle of a larger buffer', () => Buffer.from([0, 1, 2, 3, 0]).subarray(1, 4)],
    ['the start of a larger buffer', () => Buffer.from(new Uint8Array([1, 2, 3, 0, 0]).buffer, 0, 3)],
    [
      'shared memory',
      () => {
        const shared = new SharedArrayBuffer(3);
        new Uint8Array(shared).set([1, 2, 3]);
        return Buffer.from(shared);
      },
    ],
  ])(
    'copies %s into an ArrayBuffer of its own, which later writes to the source leave alone',
    (_what, make) => {
      const chunk = make();
      const bytes = new Utf8Chunks().bytes(chunk);
      expect(bytes).toBeInstanceOf(ArrayBuffer);
      expect(bytes).not.toBe(chunk.buffer);
      chunk.fill(9);
      expect([...new Uint8Array(bytes)]).toEqual([1, 2, 3]);
    },
  );

  it('puts the bytes held back by decode() before the chunk', () => {
    const chunks = new Utf8Chunks();
    expect(chunks.decode(Buffer.from([0x61, 0xe2, 0x82]))).toBe('a');
    const bytes = chunks.bytes(Buffer.from(new Uint8Array([0xac]).buffer));
    expect(Buffer.from(bytes).toString()).toBe('€');
    expect(Buffer.from(chunks.bytes(Buffer.from([0x21]))).toString()).toBe('!'); // nothing held any more
  });
});

describe('OutgoingBytes', () => {
  it('keeps a lone high surrogate at the end of a string for the next string', () => {
    const out = new OutgoingBytes();
    expect(out.encode('a\ud834')).toEqual(Buffer.from('a'));
    expect(out.encode('\udd1e')).toEqual(Buffer.from('𝄞'));
  });

  it('writes a kept half that no string completes as U+FFFD before the next bytes', () => {
    const out = new OutgoingBytes();
    out.encode('\ud834');
    expect(out.encode(new Uint8Array([0x41]))).toEqual(Buffer.from([0xef, 0xbf, 0xbd, 0x41]));
  });

  it('copies the bytes at the call', () => {
    const source = new Uint8Array([1, 2, 3]);
    const bytes = new OutgoingBytes().encode(source);
    source[0] = 9;
    expect([...bytes]).toEqual([1, 2, 3]);
  });

  it.each([
    [undefined, 'undefined'],
    [null, 'null'],
    [[1, 2], 'Array'],
    [Symbol('s'), 'symbol'],
  ])('refuses %p, naming it as %s', (data, what) => {
    expect(() => new OutgoingBytes().encode(data)).toThrow(
      new TypeError(
        `stompjsSocket.send: expected a string, an ArrayBuffer or an ArrayBufferView, got ${what}`,
      ),
    );
  });
});

describe('OutgoingBytes.chunk', () => {
  it('gives a string of ASCII characters as it is: the socket writes it with no Buffer made for it', () => {
    const frame = 'SEND\ndestination:/queue/a\n\nbody\0';
    expect(new OutgoingBytes().chunk(frame)).toBe(frame);
  });

  it.each([
    ['a character beyond ASCII', 'é', Buffer.from('é')],
    ['a Latin-1 character (one byte in a JS string, two in UTF-8)', '\u00ff', Buffer.from([0xc3, 0xbf])],
    ['a whole surrogate pair', '𝄞', Buffer.from('𝄞')],
    ['bytes', new Uint8Array([1, 2]), Buffer.from([1, 2])],
  ])('gives %s as its UTF-8 bytes', (_what, data, bytes) => {
    expect(new OutgoingBytes().chunk(data)).toEqual(bytes);
  });

  it('keeps half a surrogate pair back and puts it before the next string, even an ASCII one', () => {
    const out = new OutgoingBytes();
    expect(out.chunk('a\ud834')).toEqual(Buffer.from('a'));
    expect(out.chunk('\udd1e')).toEqual(Buffer.from('𝄞'));
    expect(out.chunk('\ud834')).toEqual(Buffer.alloc(0));
    expect(out.chunk('b')).toEqual(Buffer.from('\ufffdb'));
    expect(out.chunk('c')).toBe('c');
  });
});

describe('withPeerCredentials', () => {
  const [peer] = parseUri('tcp://guest:pa:ss@mq').peers;
  const [loginOnly] = parseUri('tcp://guest@mq').peers;
  const [none] = parseUri('tcp://mq').peers;
  const fill = (frame: string, to = peer): string =>
    withPeerCredentials(Buffer.from(frame), to ?? (none as never)).toString();

  it.each([
    ['CONNECT\naccept-version:1.2\n\n\0', 'CONNECT\nlogin:guest\npasscode:pa:ss\naccept-version:1.2\n\n\0'],
    ['STOMP\r\nhost:/\r\n\r\n\0', 'STOMP\r\nlogin:guest\npasscode:pa:ss\nhost:/\r\n\r\n\0'],
    ['CONNECT\n\n\0', 'CONNECT\nlogin:guest\npasscode:pa:ss\n\n\0'],
  ])('fills a CONNECT without credentials: %j', (frame, filled) => {
    expect(fill(frame)).toBe(filled);
  });

  it.each([
    ['a login given', 'CONNECT\nlogin:app\n\n\0'],
    ['a passcode given', 'CONNECT\npasscode:x\n\n\0'],
    ['another frame', 'SEND\ndestination:/q\n\nhi\0'],
    ['a head not whole', 'CONNECT\naccept-version:1.2\n'],
    ['no line end', 'CONNECT'],
    ['a heart-beat', '\n'],
  ])('leaves the frame as it is with %s', (_what, frame) => {
    expect(fill(frame)).toBe(frame);
  });

  it('adds only what the URI has', () => {
    expect(fill('CONNECT\n\n\0', loginOnly)).toBe('CONNECT\nlogin:guest\n\n\0');
    expect(fill('CONNECT\n\n\0', none)).toBe('CONNECT\n\n\0');
  });
});
