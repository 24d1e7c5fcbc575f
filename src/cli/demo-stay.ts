import { startStompResponder, type StompResponder } from '../stomp/stomp-responder';
import { maskPasscodes } from '../uri/mask-passcodes';
import { parseCliArgs, type CliOptions } from './args';
import type { CliIo } from './cli-io';
import { runStay } from './stay-run';

/** How long act 2 stays on each broker before the next step: long enough to see the heart-beats line. */
const DEMO_LIVE_MS = 1000;
/** The demo's heart-beats both ways (ms), and its first wait after a drop. */
const DEMO_HEART_BEAT = 1000;
const DEMO_INITIAL_DELAY = 250;

/** Quotes an argument for a POSIX shell when it needs it. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line of the demo's second act: `--stay --vhost /
 * --heart-beat 1000,1000` and a failover URI over the first responder and a
 * standby, in that order.
 *
 * @example
 * ```ts
 * stayDemoArgs(40003, 40004);
 * // ['--stay', '--vhost', '/', '--heart-beat', '1000,1000',
 * //  'failover:(tcp://demo:secret@127.0.0.1:40003,tcp://demo:secret@127.0.0.1:40004)?randomize=false&initialReconnectDelay=250']
 * ```
 */
export function stayDemoArgs(first: number, standby: number): string[] {
  const peers = [first, standby].map((port) => `tcp://demo:secret@127.0.0.1:${port}`);
  const uri = `failover:(${peers.join(',')})?randomize=false&initialReconnectDelay=${DEMO_INITIAL_DELAY}`;
  return ['--stay', '--vhost', '/', '--heart-beat', `${DEMO_HEART_BEAT},${DEMO_HEART_BEAT}`, uri];
}

/** A demo responder: login `demo`, passcode `secret`, virtual host `/`, heart-beats kept. */
const demoResponder = (): Promise<StompResponder> =>
  startStompResponder({
    login: 'demo',
    passcode: 'secret',
    vhost: '/',
    heartBeat: [DEMO_HEART_BEAT, DEMO_HEART_BEAT],
    keepHeartBeats: true,
  });

/**
 * The demo's second act, `stomp-connect --stay`: the CLI connects to a first
 * responder (heart-beats negotiated and kept), which goes away a second
 * later; the timeline shows `disconnected`, then cycle 2 failing over to a
 * standby responder; a second later the demo interrupts the run, as Ctrl-C
 * would, and the live connection is closed. Resolves to 0 when the act ran
 * through, else to the run's exit code (130 when the user interrupted it).
 *
 * @example
 * ```ts
 * const code = await runStayDemo({ json: false, quiet: false }, io, (text) => io.stdout.write(`${text}\n`));
 * ```
 */
export async function runStayDemo(
  options: Pick<CliOptions, 'json' | 'quiet'>,
  io: CliIo,
  say: (text: string) => void,
): Promise<number> {
  const first = await demoResponder();
  const standby = await demoResponder();
  const stop = new AbortController();
  const onUserAbort = (): void => stop.abort(io.signal?.reason);
  io.signal?.addEventListener('abort', onUserAbort, { once: true });
  const timers: NodeJS.Timeout[] = [];
  const later = (action: () => void): void => void timers.push(setTimeout(action, DEMO_LIVE_MS));
  try {
    const argv = stayDemoArgs(first.port, standby.port);
    say(
      `demo: act 2, --stay: responders listen on 127.0.0.1:${first.port} and, as a standby, :${standby.port};` +
        ` the first goes away a second after the connection`,
    );
    say(`$ stomp-connect ${argv.map((arg) => shellQuote(maskPasscodes(arg).masked)).join(' ')}`);
    const run: CliOptions = Object.freeze({
      ...parseCliArgs(argv),
      json: options.json,
      quiet: options.quiet,
    });
    if (io.signal?.aborted) onUserAbort();
    // The demo's own Ctrl-C is announced by the demo; the run's "interrupted" line would only repeat it.
    const stderr = {
      isTTY: io.stderr.isTTY,
      write: (text: string) => stop.signal.reason === 'demo' || io.stderr.write(text),
    };
    const code = await runStay(run, { ...io, stderr, signal: stop.signal }, (event) => {
      if (event.type !== 'connected') return;
      if (event.connection === 1) {
        later(() => {
          say(`demo: the responder on :${first.port} goes away`);
          void first.close();
        });
      } else {
        later(() => {
          say('demo: Ctrl-C (the CLI closes the live connection and exits 130)');
          stop.abort('demo');
        });
      }
    });
    return stop.signal.reason === 'demo' ? 0 : code;
  } finally {
    for (const timer of timers) clearTimeout(timer);
    io.signal?.removeEventListener('abort', onUserAbort);
    await Promise.all([first.close(), standby.close()]);
  }
}
