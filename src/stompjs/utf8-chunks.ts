/**
 * How many bytes at the end of `bytes` begin a UTF-8 character that the
 * next read completes (0 when the last character is whole or not UTF-8).
 *
 * @example
 * ```ts
 * incompleteUtf8Tail(Buffer.from([0x61, 0xe2, 0x82])); // 2: '€' is e2 82 ac
 * ```
 */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  // A character is at most 4 bytes: its lead byte is among the last 3 when it is cut.
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if (byte < 0x80) return 0; // ASCII: whole
    if (byte < 0xc0) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return back < length ? back : 0;
  }
  return 0;
}

/**
 * Turns reads into strings without cutting a character in two: a character
 * whose bytes arrive in two reads is held back until it is whole, so no read
 * yields U+FFFD for a character that was merely split by TCP.
 *
 * @example
 * ```ts
 * const text = new Utf8Chunks();
 * text.decode(Buffer.from([0x68, 0xc3])); // 'h'
 * text.decode(Buffer.from([0xa9]));       // 'é'
 * text.bytes(Buffer.from([0x21]));        // ArrayBuffer [0x21]
 * ```
 */
export class Utf8Chunks {
  private pending: Buffer = Buffer.alloc(0);

  /** The whole characters read so far and not yet returned. */
  decode(chunk: Uint8Array): string {
    const bytes = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const end = bytes.length - incompleteUtf8Tail(bytes);
    this.pending = Buffer.from(bytes.subarray(end));
    return bytes.toString('utf8', 0, end);
  }

  /**
   * The chunk as an `ArrayBuffer` that holds its bytes and nothing else, after any bytes held
   * back (the reader switched to bytes). A read from a socket is the whole of an `ArrayBuffer`
   * Node allocated for it and never reuses: that one is handed over as it is, as stompjs's
   * parser only reads it. Anything else (a slice of Node's `Buffer` pool, a view into a larger
   * buffer, shared memory) is copied, so no one else's bytes show through or change under it.
   */
  bytes(chunk: Uint8Array): ArrayBuffer {
    if (this.pending.length > 0) {
      const whole = Buffer.concat([this.pending, chunk]);
      this.pending = Buffer.alloc(0);
      chunk = whole;
    }
    const { buffer } = chunk;
    const whole = chunk.byteOffset === 0 && chunk.byteLength === buffer.byteLength;
    return whole && buffer instanceof ArrayBuffer ? buffer : new Uint8Array(chunk).buffer;
  }
}
