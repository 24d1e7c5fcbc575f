import { createSecureContext, type SecureContext, type SecureContextOptions } from 'node:tls';

// Building a TLS context is most of a TLS run's own CPU: OpenSSL 3 makes a new SSL_CTX
// and parses every CA (about 0.4 ms for one CA, 30 ms for Node's 144 root CAs), which
// raw `tls.connect({ ca })` pays on every connection too. Runs whose context options
// are the same (the CA files still read on every run: the bytes are compared) share
// one context, as the connections of one `tls.Server` do. Only contexts of public
// material are shared: one with a key, a certificate, a pfx, a passphrase or an
// engine is built for its run alone, so no secret outlives its run here.
const PRIVATE = [
  'key',
  'cert',
  'pfx',
  'passphrase',
  'clientCertEngine',
  'privateKeyEngine',
  'privateKeyIdentifier',
];
const MAX_SHARED = 16;
const shared = new Map<string, SecureContext>();

/**
 * `tls.createSecureContext(options)`, or the context already built from equal
 * options (strings, numbers, booleans, Buffers and arrays of them, compared
 * byte for byte) when they hold nothing private. Throws what
 * `createSecureContext` throws.
 *
 * @example
 * ```ts
 * sharedSecureContext({ ca: [pem] }) === sharedSecureContext({ ca: [pem] }); // true
 * ```
 */
export function sharedSecureContext(options: SecureContextOptions): SecureContext {
  const key = PRIVATE.some((name) => (options as Record<string, unknown>)[name] !== undefined)
    ? undefined
    : keyOf(options);
  if (key === undefined) return createSecureContext(options);
  let context = shared.get(key);
  if (context === undefined) {
    context = createSecureContext(options);
    if (shared.size >= MAX_SHARED) shared.clear();
    shared.set(key, context);
  }
  return context;
}

/** A string that is equal for equal options, or undefined for a value it cannot compare. */
function keyOf(options: SecureContextOptions): string | undefined {
  const parts: string[] = [];
  for (const name of Object.keys(options).sort()) {
    const value = valueKey((options as Record<string, unknown>)[name]);
    if (value === undefined) return undefined;
    parts.push(`${name}=${value}`);
  }
  return parts.join('\u0000');
}

function valueKey(value: unknown): string | undefined {
  if (value === undefined) return 'u';
  if (typeof value === 'string') return `s${value.length}:${value}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value}:${String(value)}`;
  if (Buffer.isBuffer(value)) return `b${value.length}:${value.toString('latin1')}`;
  if (Array.isArray(value)) {
    const items = value.map(valueKey);
    return items.includes(undefined) ? undefined : `a${items.length}[${items.join(',')}]`;
  }
  return undefined; // objects, functions, typed arrays: built for the run alone
}
