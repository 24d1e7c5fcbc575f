import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { UriError } from '../errors/uri-error';
import { isSpace, type UriSource } from './uri-source';

/**
 * The largest URI file read: a list of brokers is a few lines, and anything
 * bigger is read synchronously at subscription, so it must stay small.
 *
 * @example
 * ```ts
 * MAX_URI_FILE_BYTES; // 1048576 (1 MiB)
 * ```
 */
export const MAX_URI_FILE_BYTES = 1024 * 1024;

const EXPECTED = 'expected a regular file of at most 1 MiB';
const READ_CHUNK = 64 * 1024;

/**
 * One URI line of a URI file, cleaned up, with its 1-based line number.
 * `written` is the line with its comment, white space removed too: the
 * passcode mask reads it, so that a passcode cut short by a `#` stays hidden.
 *
 * @example
 * ```ts
 * // the line '  tcp://a:61613   # primary' of line 3 gives
 * const line: UriFileLine = { text: 'tcp://a:61613', written: 'tcp://a:61613#primary', line: 3 };
 * ```
 */
export interface UriFileLine {
  readonly text: string;
  readonly written: string;
  readonly line: number;
}

/**
 * A URI file's path and its URI lines.
 *
 * @example
 * ```ts
 * const { path, lines } = readUriFile(src, 0, src.raw.length);
 * ```
 */
export interface UriFile {
  /** The path as written after `file:` (passcodes masked, should it hold any). */
  readonly path: string;
  readonly lines: readonly UriFileLine[];
}

/**
 * Reads the file named by `src.raw[from, to)`, which starts with `file:` (any
 * case; everything after it is the path, relative to the working directory).
 * Only a regular file of at most {@link MAX_URI_FILE_BYTES} is read: a FIFO,
 * a device (`/dev/zero`), a directory or a bigger file is a UriError saying
 * what it is, before any byte is read, so that nothing blocks or fills the
 * process. On each line `#` starts a comment and all white space is removed;
 * empty lines are skipped. An unreadable file is a UriError whose `cause` is
 * the I/O error; a file with no URI line is a UriError. Linear in the size.
 *
 * @example
 * ```ts
 * const src = createUriSource('file:brokers.txt');
 * readUriFile(src, 0, src.raw.length).lines; // [{ text: 'tcp://a:61613', written: 'tcp://a:61613', line: 1 }, ...]
 * ```
 */
export function readUriFile(src: UriSource, from: number, to: number): UriFile {
  const pathFrom = from + 'file:'.length;
  if (pathFrom >= to)
    src.fail(pathFrom, 'expected a file path after "file:"', 'write file:/path/to/uris.txt');
  const path = src.raw.slice(pathFrom, to);
  const shownPath = src.input.slice(src.position(pathFrom), src.position(to));
  const content = readSmallFile(src, path, JSON.stringify(shownPath));
  const lines: UriFileLine[] = [];
  content.split('\n').forEach((physical, index) => {
    const hash = physical.indexOf('#');
    const text = withoutSpaces(hash === -1 ? physical : physical.slice(0, hash));
    if (text !== '')
      lines.push({ text, written: hash === -1 ? text : withoutSpaces(physical), line: index + 1 });
  });
  if (lines.length === 0) {
    src.fail(undefined, `no URI in the file ${JSON.stringify(shownPath)}`, 'expected one URI a line');
  }
  return { path: shownPath, lines };
}

/**
 * The file's text. The decision is made on `fstat` of the opened descriptor
 * (no race with a file swapped after a check). The descriptor is opened
 * non-blocking, so that a FIFO without a writer cannot block the open; a
 * `stat` before opening keeps devices and FIFOs from being opened at all
 * (opening some devices has effects: a serial line resets, a tape rewinds).
 */
function readSmallFile(src: UriSource, path: string, shown: string): string {
  let fd: number;
  try {
    const before = statSync(path, { throwIfNoEntry: false });
    if (before !== undefined) refuseUnlessSmallFile(src, before, shown);
    // O_NONBLOCK and O_NOCTTY are undefined on Windows: `| undefined` adds nothing.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return failIo(src, error, shown);
  }
  try {
    const stats = fstatSync(fd);
    refuseUnlessSmallFile(src, stats, shown);
    // Read to the end, whatever the size fstat gave (files in /proc say 0), but
    // never past the limit: a file that grew since fstat is refused, not cut.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK, MAX_URI_FILE_BYTES + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > MAX_URI_FILE_BYTES) refuseSize(src, shown, `holds more than ${MAX_URI_FILE_BYTES} bytes`);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (error) {
    return failIo(src, error, shown);
  } finally {
    closeSync(fd);
  }
}

/** What a path that is no regular file is, for the message. */
const KINDS: ReadonlyArray<[(stats: Stats) => boolean, string]> = [
  [(stats) => stats.isDirectory(), 'is a directory'],
  [(stats) => stats.isFIFO(), 'is a FIFO (named pipe)'],
  [(stats) => stats.isCharacterDevice(), 'is a character device'],
  [(stats) => stats.isBlockDevice(), 'is a block device'],
  [(stats) => stats.isSocket(), 'is a socket'],
  [(stats) => !stats.isFile(), 'is not a regular file'],
];

function refuseUnlessSmallFile(src: UriSource, stats: Stats, shown: string): void {
  const kind = KINDS.find(([test]) => test(stats))?.[1];
  if (kind !== undefined) src.fail(undefined, `the URI file ${shown} ${kind}`, `${EXPECTED}, one URI a line`);
  if (stats.size > MAX_URI_FILE_BYTES) refuseSize(src, shown, `is ${stats.size} bytes`);
}

function refuseSize(src: UriSource, shown: string, what: string): never {
  return src.fail(
    undefined,
    `the URI file ${shown} ${what}`,
    `${EXPECTED} (${MAX_URI_FILE_BYTES} bytes), one URI a line`,
  );
}

/** An I/O error as a UriError with it as cause; a UriError (a refusal above) passes through. */
function failIo(src: UriSource, error: unknown, shown: string): never {
  if (error instanceof UriError) throw error;
  // Node's message repeats the path after a comma; the code and reason are enough.
  // (No `instanceof Error` for the reason: errors from another realm, e.g. under jest, fail it.)
  const message =
    typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  const reason = message.split(',')[0] ?? message;
  return src.fail(undefined, `cannot read the URI file ${shown}`, reason, error);
}

/** `text` without its white space, in linear time (runs are sliced, never appended one character at a time). */
function withoutSpaces(text: string): string {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || isSpace(text.charCodeAt(i));
    if (space && start !== -1) {
      runs.push(text.slice(start, i));
      start = -1;
    } else if (!space && start === -1) {
      start = i;
    }
  }
  return runs.join('');
}
