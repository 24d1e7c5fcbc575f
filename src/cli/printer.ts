import type { CliStream } from './style';

/**
 * Writes the timeline: whole lines, and one status line that may be rewritten in place.
 *
 * @example
 * ```ts
 * const printer: Printer = createPrinter(process.stdout, true);
 * printer.status('waiting: next attempt in 3 s');
 * printer.clearStatus();
 * ```
 */
export interface Printer {
  /** Writes a line (after clearing the status line, if one shows). */
  line(text: string): void;
  /** Shows a status: rewritten in place on a terminal, else written as a line. */
  status(text: string): void;
  /** Erases the status line, if one shows. */
  clearStatus(): void;
}

const CLEAR_LINE = '\r\x1b[2K';

/**
 * A {@link Printer} on `stream`. With `inPlace` (a terminal), a status is
 * drawn over the previous one with `\r` and erased before the next line, so a
 * countdown takes one line of the screen; without it, each status is a line.
 *
 * @example
 * ```ts
 * const printer = createPrinter(process.stdout, process.stdout.isTTY === true);
 * printer.status('waiting: next attempt in 3 s');
 * printer.line('+3012ms attempt 2 tcp://b:61613'); // replaces the status
 * ```
 */
export function createPrinter(stream: CliStream, inPlace: boolean): Printer {
  let showing = false;
  const clearStatus = (): void => {
    if (!showing) return;
    showing = false;
    stream.write(CLEAR_LINE);
  };
  return {
    line(text) {
      clearStatus();
      stream.write(`${text}\n`);
    },
    status(text) {
      if (!inPlace) {
        stream.write(`${text}\n`);
        return;
      }
      stream.write(`${CLEAR_LINE}${text}`);
      showing = true;
    },
    clearStatus,
  };
}
