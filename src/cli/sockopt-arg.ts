import { UsageError } from './usage-error';

/**
 * A socket option value as the command line gives it.
 *
 * @example
 * ```ts
 * const sockopts: Record<string, SockoptValue> = { Timeout: 5, SSL_verify_mode: 0, SSL_ca_file: 'ca.pem' };
 * ```
 */
export type SockoptValue = string | number | boolean;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const BOOLEAN = /^(?:true|false)$/i;
const QUOTED = /^"(.*)"$/s;

/**
 * Sockopts whose value is a secret, and always a string: never read as a
 * number or a boolean (a passphrase `123456` stays `'123456'`).
 */
const STRING_ONLY = new Set(['passphrase']);

/**
 * Reads one `--sockopt NAME=VALUE`: a decimal number becomes a number,
 * `true` / `false` (any case) a boolean, anything else stays a string; a value
 * in double quotes (`SSL_hostname="1234"`, quoted for the shell) is a string
 * with the quotes removed. The value of `passphrase` is always a string
 * (`passphrase=123456` gives `'123456'`). A malformed argument is a
 * {@link UsageError} whose message repeats it only when it is a bare name (it
 * may hold a secret). Only the form is checked here: whether the name is a
 * known sockopt is the library's call (`SockoptError`).
 *
 * @example
 * ```ts
 * parseSockoptArg('Timeout=2.5');        // ['Timeout', 2.5]
 * parseSockoptArg('SSL_verify_mode=0');  // ['SSL_verify_mode', 0]
 * parseSockoptArg('keepAlive=TRUE');     // ['keepAlive', true]
 * parseSockoptArg('SSL_hostname=');      // ['SSL_hostname', '']
 * parseSockoptArg('passphrase="1234"');  // ['passphrase', '1234']
 * parseSockoptArg('passphrase=123456');  // ['passphrase', '123456']
 * ```
 */
export function parseSockoptArg(arg: string): [name: string, value: SockoptValue] {
  const eq = arg.indexOf('=');
  const name = eq === -1 ? arg : arg.slice(0, eq);
  if (eq === -1 || !NAME.test(name)) {
    // Echo the argument only when it is a bare name: anything else may hold a secret.
    const shown = NAME.test(arg) ? `, got '${arg}'` : ' (NAME: letters, digits and _)';
    throw new UsageError(`--sockopt expects NAME=VALUE${shown}`);
  }
  const raw = arg.slice(eq + 1);
  const quoted = QUOTED.exec(raw);
  if (quoted !== null) return [name, quoted[1] ?? ''];
  if (STRING_ONLY.has(name)) return [name, raw];
  if (NUMBER.test(raw)) return [name, Number(raw)];
  if (BOOLEAN.test(raw)) return [name, raw.toLowerCase() === 'true'];
  return [name, raw];
}
