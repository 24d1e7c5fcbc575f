const tag = (value: unknown): string => Object.prototype.toString.call(value);

/**
 * What `send` writes: the bytes of a string (UTF-8), an `ArrayBuffer` or an
 * `ArrayBufferView`, copied at the call as a WebSocket does. A string that
 * ends in the first half of a surrogate pair (stompjs's `splitLargeFrames`
 * cuts strings by UTF-16 unit) keeps that half for the next string, so the
 * character is encoded whole rather than as two U+FFFD.
 *
 * @example
 * ```ts
 * const out = new OutgoingBytes();
 * out.encode('a\ud834'); // <Buffer 61>
 * out.encode('\udd1e');  // <Buffer f0 9d 84 9e>: '𝄞'
 * out.chunk('SEND\n\n\0'); // 'SEND\n\n\0': ASCII, written as it is
 * ```
 */
export class OutgoingBytes {
  private highSurrogate = '';

  /**
   * What to write for `data`: a string of ASCII characters as it is (its UTF-8 bytes are its
   * characters: the socket encodes it in the write, with no `Buffer` made for it here, and
   * counts it in bytes in `writableLength`), anything else as {@link encode} gives it.
   */
  chunk(data: unknown): string | Buffer {
    // As many UTF-8 bytes (byteLength's default) as characters: ASCII. A lone surrogate counts
    // 3 bytes, so a string that ends in half a pair is not taken for ASCII.
    if (typeof data === 'string' && this.highSurrogate === '' && Buffer.byteLength(data) === data.length)
      return data;
    return this.encode(data);
  }

  /** The bytes to write for `data`; a `TypeError` for anything else (a `Blob` included). */
  encode(data: unknown): Buffer {
    if (typeof data === 'string') {
      let text = this.highSurrogate + data;
      this.highSurrogate = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        this.highSurrogate = text.slice(-1);
        text = text.slice(0, -1);
      }
      return Buffer.from(text, 'utf8');
    }
    const bytes = binaryBytes(data);
    if (this.highSurrogate === '') return bytes;
    const kept = Buffer.from(this.highSurrogate, 'utf8'); // a lone half: U+FFFD, as a WebSocket would send it
    this.highSurrogate = '';
    return Buffer.concat([kept, bytes]);
  }
}

// By tag, not `instanceof`: buffers from another realm (a vm context, a worker's) are fine too.
function binaryBytes(data: unknown): Buffer {
  if (ArrayBuffer.isView(data))
    return Buffer.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const kind = tag(data);
  if (kind === '[object ArrayBuffer]' || kind === '[object SharedArrayBuffer]') {
    return Buffer.from(new Uint8Array(data as ArrayBufferLike));
  }
  if (kind === '[object Blob]') {
    throw new TypeError(
      'stompjsSocket.send: a Blob cannot be written at once; send `await blob.arrayBuffer()`',
    );
  }
  const what = data === null ? 'null' : typeof data === 'object' ? kind.slice(8, -1) : typeof data;
  throw new TypeError(
    `stompjsSocket.send: expected a string, an ArrayBuffer or an ArrayBufferView, got ${what}`,
  );
}
