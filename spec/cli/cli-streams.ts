import type { CliIo } from '../../src/cli/cli-io';
import type { CliStream } from '../../src/cli/style';

/** A stream that keeps what the CLI wrote. */
export interface Captured extends CliStream {
  readonly text: string;
  /** The text split into lines (without the last, empty one). */
  lines(): string[];
}

export function captured(isTTY = false): Captured {
  let text = '';
  return {
    isTTY,
    get text() {
      return text;
    },
    write(chunk: string) {
      text += chunk;
      return true;
    },
    lines: () => text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1),
  };
}

/** Captured stdout and stderr, plus the io to hand to runCli. */
export function testIo(options: { env?: Record<string, string>; signal?: AbortSignal; tty?: boolean } = {}): {
  io: CliIo;
  stdout: Captured;
  stderr: Captured;
} {
  const stdout = captured(options.tty);
  const stderr = captured(options.tty);
  return {
    io: { stdout, stderr, env: options.env ?? {}, ...(options.signal && { signal: options.signal }) },
    stdout,
    stderr,
  };
}

/** Resolves once `stream` holds text matching `pattern`; rejects after `ms` (a test that would hang). */
export async function untilText(stream: Captured, pattern: RegExp, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pattern.test(stream.text)) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${pattern} in ${JSON.stringify(stream.text)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
