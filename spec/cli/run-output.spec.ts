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
    const coloured = (tty: { stdout: boolean; stderr: boolean }, env?: Record<string, string>) => {
      const stderr = captured(tty.stderr);
      const output = runOutput(
        { quiet: false, json: false },
        { stdout: captured(tty.stdout), stderr, ...(env && { env }) },
      );
      output.errorReporter(Date.now()).report(null, 'boom');
      return { env: output.env, stdout: output.style.enabled, stderr: stderr.text.includes('\x1b[') };
    };
    expect(coloured({ stdout: true, stderr: false })).toEqual({ env: {}, stdout: true, stderr: false });
    expect(coloured({ stdout: false, stderr: true })).toEqual({ env: {}, stdout: false, stderr: true });
    expect(coloured({ stdout: true, stderr: true }, { NO_COLOR: '1' })).toEqual({
      env: { NO_COLOR: '1' },
      stdout: false,
      stderr: false,
    });
  });

  it('reports what ended the run on stderr, and with --json as a record on stdout too', () => {
    const stdout = captured(false);
    const stderr = captured(false);
    runOutput({ quiet: false, json: true }, { stdout, stderr })
      .errorReporter(Date.now())
      .report('E_X', 'boom');
    expect(stderr.text).toContain('boom');
    expect(JSON.parse(stdout.lines()[0] ?? '')).toMatchObject({
      type: 'error',
      code: 'E_X',
      message: 'boom',
    });
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
