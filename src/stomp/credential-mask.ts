import { findEchoes, isAsciiWordChar, isTextWordChar, needle, type WordTest } from './echo-search';
import type { StompFrame } from './frame';

/**
 * Hides the login and passcode a client sent wherever a broker's answer
 * echoes them (`login failed for app/S3cret`), before that text reaches an
 * error message or the frame kept on an error.
 *
 * @example
 * ```ts
 * const mask: CredentialMask = credentialMask(['app', 'S3cret']);
 * mask.text('login failed for app (S3cret)'); // 'login failed for *** (***)'
 * ```
 */
export interface CredentialMask {
  /**
   * The text with every echo replaced by `***`. `cut`: the text stops where
   * more may still come, so it may end inside an echo: a trailing start of a
   * credential (2 characters or more) is hidden too.
   */
  readonly text: (text: string, cut?: boolean) => string;
  /** {@link text} for bytes: UTF-8 text, else searched byte for byte for the credentials' UTF-8 bytes. */
  readonly bytes: (bytes: Buffer, cut?: boolean) => Buffer;
  /** A copy of the frame with every echo replaced by `***` in its header names, values and body. */
  readonly frame: (frame: StompFrame) => StompFrame;
}

/** What replaces an echoed credential. */
export const MASKED = '***';

/** Hides nothing: for a handshake that sent neither login nor passcode. */
export const NO_MASK: CredentialMask = {
  text: (text) => text,
  bytes: (bytes) => bytes,
  frame: (frame) => frame,
};

/**
 * The forms in which a broker may echo a credential: as written, as in a
 * URI (percent-encoded, the hex digits in either case) and as in JSON
 * (`"` and `\` escaped); any letter case (LDAP-backed brokers fold it).
 */
function formsOf(secrets: readonly string[]): string[] {
  const forms = secrets.flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ]);
  return [...new Set(forms)];
}

/** Whether a byte, read as one latin1 character, may be part of a word (any byte of a multi-byte character may). */
const isByteWordChar: WordTest = (text, index) => {
  const code = text.charCodeAt(index); // NaN outside the text: no word character
  return code >= 0x80 || isAsciiWordChar(code);
};

/** `text` with each range replaced by `***`. */
function replaced(text: string, ranges: readonly (readonly [number, number])[]): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    parts.push(text.slice(at, start), MASKED);
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** A body's bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
function utf8Text(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

/**
 * A {@link CredentialMask} for the given login and passcode (`undefined`
 * and `''` are skipped). Every occurrence is replaced, in any letter case,
 * as written, percent-encoded or JSON-escaped; a credential under 4
 * characters only where it is a whole word (not touching a letter, digit or
 * `_`). A body that is not UTF-8 is searched byte for byte for the
 * credentials' UTF-8 bytes.
 *
 * @example
 * ```ts
 * const mask = credentialMask(['a', 'p@ss w']);
 * mask.text('Bad CONNECT: user a, passcode p%40ss%20w'); // 'Bad CONNECT: user ***, passcode ***'
 * ```
 */
export function credentialMask(credentials: readonly (string | undefined)[]): CredentialMask {
  const secrets = credentials.filter((secret): secret is string => secret !== undefined && secret !== '');
  if (secrets.length === 0) return NO_MASK;
  const forms = formsOf(secrets);
  const inText = forms.map((form) => needle(form, isTextWordChar));
  // One character a byte: the forms' UTF-8 bytes, read the same way.
  const inBytes = forms.map((form) => needle(Buffer.from(form, 'utf8').toString('latin1'), isByteWordChar));
  const text = (value: string, cut = false): string =>
    replaced(value, findEchoes(value, inText, cut, isTextWordChar));
  const bytes = (value: Buffer, cut = false): Buffer => {
    const utf8 = utf8Text(value);
    if (utf8 !== undefined) return Buffer.from(text(utf8, cut), 'utf8');
    const latin1 = value.toString('latin1');
    return Buffer.from(replaced(latin1, findEchoes(latin1, inBytes, cut, isByteWordChar)), 'latin1');
  };
  return {
    text,
    bytes,
    frame: (frame) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(frame.headers)) {
        const shown = text(name);
        if (Object.hasOwn(headers, shown)) continue; // the first occurrence wins, as in the parser
        Object.defineProperty(headers, shown, {
          value: text(value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return { command: frame.command, headers, body: bytes(frame.body) };
    },
  };
}
