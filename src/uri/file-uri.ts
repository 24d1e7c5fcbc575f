import { readFileSync } from 'node:fs';
import { isSpace, type UriSource } from './uri-source';

/**
 * One URI line of a URI file, cleaned up, with its 1-based line number.
 *
 * @example
 * ```ts
 * // the line '  tcp://a:61613   # primary' of line 3 gives
 * const line: UriFileLine = { text: 'tcp://a:61613', line: 3 };
 * ```
 */
export interface UriFileLine {
  readonly text: string;
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
 * On each line `#` starts a comment and all white space is removed; empty
 * lines are skipped. An unreadable file is a UriError whose `cause` is the
 * I/O error; a file with no URI line is a UriError.
 *
 * @example
 * ```ts
 * const src = createUriSource('file:brokers.txt');
 * readUriFile(src, 0, src.raw.length).lines; // [{ text: 'tcp://a:61613', line: 1 }, ...]
 * ```
 */
export function readUriFile(src: UriSource, from: number, to: number): UriFile {
  const pathFrom = from + 'file:'.length;
  if (pathFrom >= to)
    src.fail(pathFrom, 'expected a file path after "file:"', 'write file:/path/to/uris.txt');
  const path = src.raw.slice(pathFrom, to);
  const shownPath = src.input.slice(src.position(pathFrom), src.position(to));
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    // Node's message repeats the path after a comma; the code and reason are enough.
    // (No `instanceof Error`: errors from another realm, e.g. under jest, fail it.)
    const message =
      typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
    const reason = message.split(',')[0] ?? message;
    src.fail(undefined, `cannot read the URI file ${JSON.stringify(shownPath)}`, reason, error);
  }
  const lines: UriFileLine[] = [];
  content.split('\n').forEach((physical, index) => {
    const hash = physical.indexOf('#');
    const kept = hash === -1 ? physical : physical.slice(0, hash);
    let text = '';
    for (let i = 0; i < kept.length; i++) if (!isSpace(kept.charCodeAt(i))) text += kept[i];
    if (text !== '') lines.push({ text, line: index + 1 });
  });
  if (lines.length === 0) {
    src.fail(undefined, `no URI in the file ${JSON.stringify(shownPath)}`, 'expected one URI a line');
  }
  return { path: shownPath, lines };
}
