import { createServer, type AddressInfo } from 'node:net';
import { startStompResponder } from '../stomp/stomp-responder';
import { maskPasscodes } from '../uri/mask-passcodes';
import { parseCliArgs, type CliOptions } from './args';
import type { CliIo } from './cli-io';
import { runConnect } from './connect-run';
import { runStayDemo } from './demo-stay';
import { createStyle, useColor } from './style';

/** The demo's wait before its second attempt (ms): long enough to see, short enough not to bore. */
const DEMO_INITIAL_DELAY = 250;

/** A loopback port with nothing listening on it: a listener opened on port 0, then closed. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Quotes an argument for a POSIX shell when it needs it. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line the demo runs: `--vhost /` and a failover URI
 * over two refused loopback ports, then the live responder (with a login and
 * a passcode in the URI), in that order, waiting {@link DEMO_INITIAL_DELAY} ms
 * and then twice that.
 *
 * @example
 * ```ts
 * demoArgs([40001, 40002], 40003);
 * // ['--vhost', '/', 'failover:(tcp://127.0.0.1:40001,tcp://127.0.0.1:40002,
 * //   tcp://demo:secret@127.0.0.1:40003)?randomize=false&initialReconnectDelay=250']
 * ```
 */
export function demoArgs(refused: readonly number[], live: number): string[] {
  const peers = [...refused.map((port) => `tcp://127.0.0.1:${port}`), `tcp://demo:secret@127.0.0.1:${live}`];
  const uri = `failover:(${peers.join(',')})?randomize=false&initialReconnectDelay=${DEMO_INITIAL_DELAY}`;
  return ['--vhost', '/', uri];
}

/**
 * `stomp-connect --demo`: starts a small STOMP responder on 127.0.0.1 (login
 * `demo`, passcode `secret`, virtual host `/`), finds two refused loopback
 * ports, and runs the CLI through `failover:` over all three, printing the
 * whole timeline: two refused attempts with growing waits, then the
 * connection and the responder's CONNECTED frame. Then it closes everything,
 * and its second act runs `--stay` ({@link runStayDemo}): a broker goes
 * away and the CLI fails over to a standby.
 * With `--json` or `--quiet` (the only options it takes) only the run's own
 * output is printed. Resolves to the run's exit code (0).
 *
 * @example
 * ```ts
 * process.exitCode = await runDemo(parseCliArgs(['--demo']), { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function runDemo(options: Pick<CliOptions, 'json' | 'quiet'>, io: CliIo): Promise<number> {
  const style = createStyle(useColor(io.stdout, io.env ?? {}));
  const chatty = !options.json && !options.quiet;
  const say = (text: string): void => {
    if (chatty) io.stdout.write(`${style.dim(text)}\n`);
  };
  const responder = await startStompResponder({ login: 'demo', passcode: 'secret', vhost: '/' });
  let code: number;
  try {
    const refused = [await refusedPort(), await refusedPort()];
    const argv = demoArgs(refused, responder.port);
    say(
      `demo: a STOMP responder listens on 127.0.0.1:${responder.port} (login demo, vhost /);` +
        ` nothing listens on 127.0.0.1:${refused.join(' or :')}`,
    );
    say(`$ stomp-connect ${argv.map((arg) => shellQuote(maskPasscodes(arg).masked)).join(' ')}`);
    const parsed = parseCliArgs(argv);
    const run: CliOptions = Object.freeze({ ...parsed, json: options.json, quiet: options.quiet });
    code = await runConnect(run, io);
    const frames = responder.frames.map((frame) => frame.command).join(', ');
    say(`demo: the responder received ${frames || 'nothing'}; shutting it down`);
  } finally {
    await responder.close();
  }
  return code === 0 ? runStayDemo(options, io, say) : code;
}
