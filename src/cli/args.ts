import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseSockoptArg, type SockoptValue } from './sockopt-arg';
import { parseHeartBeatArg } from './stay-args';
import { timeoutMs } from './timeout-arg';
import { UsageError } from './usage-error';

/**
 * The parsed command line, frozen. `passcode` is non-enumerable: readable,
 * but never shown by `util.inspect`, `JSON.stringify` or object spread.
 *
 * @example
 * ```ts
 * const options: CliOptions = parseCliArgs(['--no-stomp', 'tcp://localhost']);
 * if (options.mode === 'connect') console.log(options.uri, options.stomp);
 * ```
 */
export interface CliOptions {
  /** What the command line asks for. */
  readonly mode: 'connect' | 'help' | 'version' | 'demo';
  /** The URI to connect to (`''` unless `mode` is `'connect'`). */
  readonly uri: string;
  /** `--sockopt` options and the `--ca` / `--cert` / `--key` / `--timeout` shortcuts. */
  readonly sockopts: Readonly<Record<string, SockoptValue>>;
  /**
   * The attempt counts once the broker answers CONNECT: the default, `false`
   * with `--no-stomp` (a bare TCP/TLS check). `--stomp` is accepted and changes nothing.
   */
  readonly stomp: boolean;
  readonly login?: string;
  /** `--passcode` (non-enumerable). */
  readonly passcode?: string;
  /** `--vhost`: the CONNECT frame's `host` header. */
  readonly vhost?: string;
  readonly json: boolean;
  readonly quiet: boolean;
  /** `--stay`: follow `connection$` (reconnect after every drop) until interrupted. */
  readonly stay?: boolean;
  /** `--race MS`: stagger the attempts by MS ms (the URI's `connectionAttemptDelay`, overridden; 0 = sequential). */
  readonly race?: number;
  /** `--heart-beat CX,CY` (ms): the CONNECT frame's heart-beat header. */
  readonly heartBeat?: readonly [number, number];
}

const CONFIG = {
  allowPositionals: true,
  strict: true,
  options: {
    sockopt: { type: 'string', short: 'o', multiple: true },
    ca: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    timeout: { type: 'string' },
    race: { type: 'string' },
    stomp: { type: 'boolean' },
    'no-stomp': { type: 'boolean' },
    login: { type: 'string' },
    passcode: { type: 'string' },
    vhost: { type: 'string' },
    stay: { type: 'boolean' },
    'heart-beat': { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'V' },
    demo: { type: 'boolean' },
  },
} as const satisfies ParseArgsConfig;

/** The options `--demo` may be combined with (it picks the URI and the rest itself). */
const DEMO_COMPATIBLE = new Set(['demo', 'json', 'quiet']);

/** node:util's parse errors, made short: `unknown option --foo`, `option --timeout needs a value`. */
function usageOf(error: unknown): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]*)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    return new UsageError(`unknown option ${option}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    if (message.includes('argument missing')) return new UsageError(`option ${option} needs a value`);
    if (message.includes('ambiguous')) {
      return new UsageError(
        `option ${option} needs a value (one that starts with - is written ${option}=-…)`,
      );
    }
    if (message.includes('does not take')) return new UsageError(`option ${option} takes no value`);
  }
  return new UsageError(message.split('\n')[0] ?? message);
}

/**
 * Parses the command line of `stomp-connect` (without `node` and the script):
 * `[options] <uri>`. Throws a {@link UsageError} for anything it cannot run.
 *
 * `--ca`, `--cert`, `--key` are `SSL_ca_file`, `SSL_cert_file`,
 * `SSL_key_file`; `--timeout MS` is the `Timeout` sockopt (seconds, so
 * MS / 1000, MS at most `MAX_TIMEOUT_MS`); a sockopt given twice, by
 * any of these means, is a usage error.
 * STOMP verification is the default: `--no-stomp` turns it off (then
 * `--login`, `--passcode`, `--vhost` and `--heart-beat` are usage errors),
 * `--stomp` is kept as a no-op for older command lines. The CLI's default
 * attempt timeout is applied when it runs (`withCliDefaults`), not here.
 * `--help` and `--version` win over everything else.
 *
 * @example
 * ```ts
 * const options = parseCliArgs(['--vhost', '/', '-o', 'Timeout=5', 'tcp://localhost']);
 * options.mode;     // 'connect'
 * options.sockopts; // { Timeout: 5 }
 * options.vhost;    // '/'
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parseArgs<typeof CONFIG>>;
  try {
    parsed = parseArgs({ ...CONFIG, args: [...argv] });
  } catch (error) {
    throw usageOf(error);
  }
  const { values, positionals } = parsed;
  const base = {
    uri: '',
    sockopts: Object.freeze({}),
    stomp: true,
    json: !!values.json,
    quiet: !!values.quiet,
  };
  if (values.help) return Object.freeze({ ...base, mode: 'help' });
  if (values.version) return Object.freeze({ ...base, mode: 'version' });
  if (values.demo) {
    const extra = Object.keys(values).find((name) => !DEMO_COMPATIBLE.has(name));
    if (extra !== undefined) throw new UsageError(`--demo cannot be combined with --${extra}`);
    if (positionals.length > 0) throw new UsageError('--demo takes no URI');
    return Object.freeze({ ...base, mode: 'demo' });
  }

  if (positionals.length === 0) throw new UsageError('missing <uri> (see stomp-connect --help)');
  if (positionals.length > 1) {
    throw new UsageError(
      `expected one <uri>, got ${positionals.length} (a failover URI lists several peers)`,
    );
  }
  const uri = positionals[0] ?? '';

  const sockopts: Record<string, SockoptValue> = {};
  const setSockopt = (name: string, value: SockoptValue, via: string): void => {
    if (Object.hasOwn(sockopts, name)) throw new UsageError(`sockopt ${name} given twice (${via})`);
    // Defined, not assigned: `__proto__=1` is then a sockopt of its own (which the library
    // refuses as unknown), never a prototype set or silently dropped.
    Object.defineProperty(sockopts, name, { value, enumerable: true, writable: true, configurable: true });
  };
  for (const arg of values.sockopt ?? []) {
    const [name, value] = parseSockoptArg(arg);
    setSockopt(name, value, '--sockopt');
  }
  if (values.ca !== undefined) setSockopt('SSL_ca_file', values.ca, '--ca');
  if (values.cert !== undefined) setSockopt('SSL_cert_file', values.cert, '--cert');
  if (values.key !== undefined) setSockopt('SSL_key_file', values.key, '--key');
  if (values.timeout !== undefined) setSockopt('Timeout', timeoutMs(values.timeout) / 1000, '--timeout');

  if (values.stomp && values['no-stomp'])
    throw new UsageError('--stomp and --no-stomp contradict each other');
  const stomp = !values['no-stomp'];
  if (!stomp) {
    const needsStomp = (['login', 'passcode', 'vhost', 'heart-beat'] as const).find(
      (name) => values[name] !== undefined,
    );
    if (needsStomp !== undefined) throw new UsageError(`--${needsStomp} cannot be used with --no-stomp`);
  }

  // A STOMP CONNECT header cannot carry CR, LF or NUL: bad usage, before any attempt (the value is never shown).
  const unsendable = (['login', 'passcode', 'vhost'] as const).find((name) =>
    /[\r\n\0]/.test(values[name] ?? ''),
  );
  if (unsendable !== undefined) {
    throw new UsageError(
      `--${unsendable} holds a line break or NUL, which a STOMP CONNECT header cannot carry`,
    );
  }

  const options = {
    ...base,
    mode: 'connect' as const,
    uri,
    sockopts: Object.freeze(sockopts),
    stomp,
    ...(values.login !== undefined && { login: values.login }),
    ...(values.vhost !== undefined && { vhost: values.vhost }),
    ...(values.stay === true && { stay: true }),
    ...(values.race !== undefined && { race: timeoutMs(values.race, '--race', 'sequential') }),
    ...(values['heart-beat'] !== undefined && { heartBeat: parseHeartBeatArg(values['heart-beat']) }),
  };
  if (values.passcode !== undefined) {
    Object.defineProperty(options, 'passcode', { value: values.passcode, enumerable: false });
  }
  return Object.freeze(options);
}
