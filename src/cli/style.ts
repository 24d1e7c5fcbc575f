/**
 * Something the CLI writes to: `process.stdout`, `process.stderr`, or a test's buffer.
 *
 * @example
 * ```ts
 * let text = '';
 * const stream: CliStream = { isTTY: false, write: (chunk) => (text += chunk) };
 * ```
 */
export interface CliStream {
  write(text: string): unknown;
  /** True on a terminal: colours and an in-place countdown line. */
  readonly isTTY?: boolean;
}

/**
 * ANSI styling for the timeline; every function is the identity when colours are off.
 *
 * @example
 * ```ts
 * const style: Style = createStyle(useColor(process.stdout, process.env));
 * console.log(style.green('connected'));
 * ```
 */
export interface Style {
  readonly enabled: boolean;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `\x1b[${open}m${text}\x1b[${close}m`;

const plain = (text: string): string => text;

/**
 * Whether to colour what goes to `stream`: only on a TTY, and never when the
 * `NO_COLOR` environment variable is set to a non-empty value (no-color.org).
 *
 * @example
 * ```ts
 * useColor(process.stdout, process.env); // false when piped, or with NO_COLOR=1
 * ```
 */
export function useColor(stream: CliStream, env: Readonly<Record<string, string | undefined>>): boolean {
  const noColor = env.NO_COLOR;
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}

/**
 * The timeline's colours, or none.
 *
 * @example
 * ```ts
 * createStyle(false).red('failed'); // 'failed'
 * createStyle(true).red('failed');  // '\x1b[31mfailed\x1b[39m'
 * ```
 */
export function createStyle(enabled: boolean): Style {
  if (!enabled) {
    return Object.freeze({
      enabled,
      dim: plain,
      bold: plain,
      red: plain,
      green: plain,
      yellow: plain,
      cyan: plain,
    });
  }
  return Object.freeze({
    enabled,
    dim: sgr(2, 22),
    bold: sgr(1, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  });
}
