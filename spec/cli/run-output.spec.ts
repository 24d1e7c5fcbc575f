import { runOutput } from '../../src/cli/run-output';
import { LOG_CADENCE, TTY_CADENCE } from '../../src/cli/wait-notices';
import { captured } from './cli-streams';

describe('runOutput: how a run of the CLI writes', () => {
  it.each([
    ['a terminal', true, { quiet: false, json: false }, TTY_CADENCE],
    ['a log (not a terminal)', false, { quiet: false, json: false }, LOG_CADENCE],
    ['--quiet on a terminal', true, { quiet: true, json: false }, null],
    ['--json to a log', false, { quiet: false, json: true }, null],
  ])('waiting notices on %s', (_name, tty, options, cadence) => {
    expect(runOutput(options, { stdout: captured(tty), stderr: captured(tty), env: {} }).notices).toBe(
      cadence,
    );
  });

  it('colours each stream as that stream allows, NO_COLOR off for both; no env reads as empty', () => {
    const mixed = runOutput(
      { quiet: false, json: false },
      { stdout: captured(true), stderr: captured(false) },
    );
    expect(mixed.env).toEqual({});
    expect([mixed.style.enabled, mixed.errorStyle.enabled]).toEqual([true, false]);
    const noColor = runOutput(
      { quiet: false, json: false },
      { stdout: captured(true), stderr: captured(true), env: { NO_COLOR: '1' } },
    );
    expect([noColor.style.enabled, noColor.errorStyle.enabled]).toEqual([false, false]);
  });

  it('redraws lines in place only on a terminal', () => {
    for (const tty of [true, false]) {
      const stdout = captured(tty);
      const { printer } = runOutput({ quiet: false, json: false }, { stdout, stderr: captured(tty) });
      printer.status('waiting');
      printer.line('done');
      expect(stdout.text.includes('\r')).toBe(tty);
    }
  });
});
