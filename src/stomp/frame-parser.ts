import { StompError } from '../errors/stomp-error';
import { NO_MASK, type CredentialMask } from './credential-mask';
import { headersEscaped, unescapeHeader, type StompFrame } from './frame';

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;

/**
 * Limits of a {@link StompFrameParser}; a frame beyond them is a protocol error.
 *
 * @example
 * ```ts
 * const parser = new StompFrameParser({ maxHeaderBytes: 8192, maxBodyBytes: 65536 });
 * ```
 */
export interface StompFrameParserOptions {
  /** Most bytes of command + headers; default 64 KiB. */
  readonly maxHeaderBytes?: number;
  /** Most bytes of body; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Hides the credentials sent in the peer's bytes an error message quotes; default: hides nothing. */
  readonly mask?: CredentialMask;
}

function isLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

function protocolError(message: string): StompError {
  return new StompError('ERR_STOMP_PROTOCOL', message);
}

/**
 * The first bytes of a line, for an error message (never more than the
 * command line), credentials hidden before clipping; `complete`: the line's
 * LF has arrived (else it may stop inside an echo).
 */
function preview(line: Buffer, complete: boolean, mask: CredentialMask): string {
  const bytes = mask.bytes(line[line.length - 1] === CR ? line.subarray(0, -1) : line, !complete);
  const text = JSON.stringify(bytes.subarray(0, 32).toString('latin1'));
  return bytes.length > 32 ? `${text}...` : text;
}

/**
 * Incremental STOMP frame parser: feed it bytes as they arrive, in chunks of
 * any size, and take the complete frames off the front. Handles EOLs between
 * frames (heart-beats), LF or CRLF line endings, escaped headers (not in
 * CONNECTED frames, see `headersEscaped`), `content-length` bodies (which may
 * hold NULs) and NUL-terminated ones. Bytes that are not a STOMP frame (the
 * first line is not a command) throw a {@link StompError} `ERR_STOMP_PROTOCOL`
 * as soon as they are seen.
 *
 * @example
 * ```ts
 * const parser = new StompFrameParser();
 * parser.push(Buffer.from('\nCONNECTED\nversion:1.2\n\n\0MESS'));
 * parser.next();     // { command: 'CONNECTED', headers: { version: '1.2' }, body: <Buffer > }
 * parser.next();     // undefined: the MESSAGE frame is not complete yet
 * parser.buffered;   // <Buffer 'MESS'>, the bytes not yet consumed
 * ```
 */
export class StompFrameParser {
  private buffer = Buffer.alloc(0);
  /** Where to resume scanning: for the header block's end, then for the body's NUL. */
  private scanFrom = 0;
  /** The current frame's command and headers, once its header block is complete. */
  private head: { command: string; headers: Record<string, string>; end: number } | undefined;
  private readonly maxHeaderBytes: number;
  private readonly maxBodyBytes: number;
  private readonly mask: CredentialMask;

  constructor(options: StompFrameParserOptions = {}) {
    this.maxHeaderBytes = options.maxHeaderBytes ?? 64 * 1024;
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
    this.mask = options.mask ?? NO_MASK;
  }

  /** Appends received bytes. */
  push(chunk: Uint8Array): void {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
  }

  /** The bytes received and not consumed by a frame yet. */
  get buffered(): Buffer {
    return this.buffer;
  }

  /** Whether part of a frame (more than EOLs) has been received. */
  get partial(): boolean {
    return this.buffer.some((byte) => byte !== LF && byte !== CR);
  }

  /** Takes the next complete frame off the front, or `undefined` if none is complete yet. */
  next(): StompFrame | undefined {
    if (this.head === undefined) {
      let start = 0;
      while (start < this.buffer.length && (this.buffer[start] === LF || this.buffer[start] === CR)) start++;
      if (start > 0) {
        this.buffer = this.buffer.subarray(start);
        this.scanFrom = 0;
      }
      const found = this.findHeadEnd();
      if (found === undefined) return undefined;
      this.head = { ...this.parseHead(found.lines), end: found.end };
      this.scanFrom = found.end;
    }
    const { command, headers, end: bodyStart } = this.head;
    const end = this.findBodyEnd(bodyStart, headers['content-length']);
    if (end === undefined) return undefined;
    const body = Buffer.from(this.buffer.subarray(bodyStart, end));
    this.buffer = this.buffer.subarray(end + 1);
    this.head = undefined;
    this.scanFrom = 0;
    return { command, headers, body };
  }

  /** The index of the NUL ending the body, once received. */
  private findBodyEnd(bodyStart: number, length: string | undefined): number | undefined {
    if (length !== undefined) {
      if (!/^\d{1,15}$/.test(length.trim()))
        throw protocolError(`invalid content-length ${JSON.stringify(this.mask.text(length))}`);
      const end = bodyStart + Number(length.trim());
      if (end - bodyStart > this.maxBodyBytes)
        throw protocolError(`frame body over ${this.maxBodyBytes} bytes`);
      if (this.buffer.length <= end) return undefined;
      if (this.buffer[end] !== NUL)
        throw protocolError('frame body not followed by NUL (wrong content-length?)');
      return end;
    }
    const nul = this.buffer.indexOf(NUL, this.scanFrom);
    if (nul >= 0) return nul;
    this.scanFrom = this.buffer.length;
    if (this.buffer.length - bodyStart > this.maxBodyBytes)
      throw protocolError(`frame body over ${this.maxBodyBytes} bytes`);
    return undefined;
  }

  /** Finds the blank line ending the header block; checks the command line on the way. */
  private findHeadEnd(): { lines: Buffer[]; end: number } | undefined {
    const buffer = this.buffer;
    const firstLf = buffer.indexOf(LF);
    const commandEnd = firstLf < 0 ? buffer.length : firstLf;
    for (let i = 0; i < commandEnd; i++) {
      const byte = buffer[i] ?? 0;
      if (!isLetter(byte) && !(byte === CR && i === commandEnd - 1)) {
        const line = buffer.subarray(0, commandEnd);
        throw protocolError(`not a STOMP frame: ${preview(line, firstLf >= 0, this.mask)}`);
      }
    }
    if (firstLf < 0) return this.headTooLong();
    for (
      let lf = buffer.indexOf(LF, Math.max(firstLf, this.scanFrom));
      lf >= 0;
      lf = buffer.indexOf(LF, lf + 1)
    ) {
      const next = buffer[lf + 1];
      const blankEnd = next === LF ? lf + 2 : next === CR && buffer[lf + 2] === LF ? lf + 3 : -1;
      if (blankEnd >= 0) {
        const lines: Buffer[] = [];
        for (let from = 0; from <= lf;) {
          const to = buffer.indexOf(LF, from);
          lines.push(buffer.subarray(from, to > from && buffer[to - 1] === CR ? to - 1 : to));
          from = to + 1;
        }
        return { lines, end: blankEnd };
      }
      if (next === undefined || (next === CR && lf + 2 >= buffer.length)) {
        this.scanFrom = lf; // the blank line may still come: rescan from this LF
        return this.headTooLong();
      }
    }
    this.scanFrom = buffer.length;
    return this.headTooLong();
  }

  private headTooLong(): undefined {
    if (this.buffer.length > this.maxHeaderBytes) {
      throw protocolError(`frame headers over ${this.maxHeaderBytes} bytes`);
    }
    return undefined;
  }

  private parseHead(lines: Buffer[]): { command: string; headers: Record<string, string> } {
    const command = (lines[0] ?? Buffer.alloc(0)).toString('latin1');
    if (command === '') throw protocolError('not a STOMP frame: empty command');
    const escaped = headersEscaped(command);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const text = line.toString('utf8');
      const colon = text.indexOf(':');
      if (colon < 0) {
        throw protocolError(`STOMP header line without a colon in a ${this.mask.text(command)} frame`);
      }
      const name = escaped ? unescapeHeader(text.slice(0, colon)) : text.slice(0, colon);
      if (Object.hasOwn(headers, name)) continue; // STOMP 1.2: the first occurrence wins
      const value = escaped ? unescapeHeader(text.slice(colon + 1)) : text.slice(colon + 1);
      Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
    }
    return { command, headers };
  }
}
