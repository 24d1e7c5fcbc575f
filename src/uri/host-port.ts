import type { Scheme } from '../types';
import { checkHostName, checkPort, isIPv6 } from './host';
import { defaultPort } from './peer';
import { indexIn, type UriSource } from './uri-source';

/**
 * Reads `host[:port]` in `src.raw[from, to)`: a DNS name or IPv4 address, an
 * IPv6 address in brackets, or Perl's unbracketed IPv6 form (`::1:61613`,
 * the last colon starts the port, which is required then). Without a port,
 * the scheme's default. `uriFrom` is where the URI starts (for messages).
 *
 * @example
 * ```ts
 * const src = createUriSource('tcp://[::1]:61613');
 * parseHostPort(src, 0, 6, src.raw.length, 'tcp'); // { host: '::1', port: 61613 }
 * ```
 */
export function parseHostPort(
  src: UriSource,
  uriFrom: number,
  from: number,
  to: number,
  scheme: Scheme,
): { host: string; port: number } {
  const raw = src.raw;
  if (from === to) src.fail(from, `expected a host after ${src.quote(uriFrom, from)}`);
  let host: string;
  let portFrom: number;
  if (raw.charCodeAt(from) === 0x5b) {
    const close = indexIn(raw, ']', from, to);
    if (close === -1) {
      src.fail(
        to,
        `expected "]" after ${src.quote(uriFrom, to)}`,
        'an IPv6 address opened with "[" ends with "]"',
      );
    }
    host = raw.slice(from + 1, close);
    if (!isIPv6(host)) {
      src.fail(
        from + 1,
        `invalid IPv6 address ${src.quote(from + 1, close)}`,
        'expected an address such as [::1] or [2001:db8::1] (zone identifiers are not supported)',
      );
    }
    portFrom = close + 1;
    if (portFrom < to && raw.charCodeAt(portFrom) !== 0x3a) {
      src.fail(portFrom, `expected ":" and a port after ${src.quote(uriFrom, portFrom)}`);
    }
  } else {
    const first = indexIn(raw, ':', from, to);
    let last = first;
    for (let k = to - 1; first !== -1 && k > first; k--) {
      if (raw.charCodeAt(k) === 0x3a) {
        last = k;
        break;
      }
    }
    const hostTo = last === -1 ? to : last;
    host = raw.slice(from, hostTo);
    portFrom = hostTo;
    if (first !== last) {
      // Perl's unbracketed IPv6 form: the last colon starts the port.
      if (!isIPv6(host)) {
        const address = raw.slice(from, to);
        if (isIPv6(address)) {
          // The whole host is an address (tcp://::1): that form has no way to omit the port.
          // The address is echoed only when none of it is masked (a stray "@" later on may hide some).
          const shown = src.text(from, to) === address;
          const bracketed = `${scheme}://[${shown ? address : '::1'}]`;
          src.fail(
            from,
            'an IPv6 address without brackets needs a port',
            `${shown ? 'write' : 'put the address in brackets, e.g.'} ${bracketed} or ${bracketed}:${defaultPort(scheme)}`,
          );
        }
        src.fail(
          from,
          `invalid host ${src.quote(from, hostTo)}`,
          'expected a host name or IPv4 address, or an IPv6 address in brackets (e.g. tcp://[::1]:61613)',
        );
      }
    } else if (host === '') {
      src.fail(from, `expected a host after ${src.quote(uriFrom, from)}`);
    } else {
      const fault = checkHostName(host, (a, b) => src.quote(from + a, from + b));
      if (fault !== undefined) src.fail(from + fault.offset, fault.what, fault.detail);
    }
  }
  if (portFrom >= to) return { host, port: defaultPort(scheme) };
  const digitsFrom = portFrom + 1;
  if (digitsFrom === to) src.fail(to, `expected a port number after ${src.quote(uriFrom, to)}`);
  const port = checkPort(raw.slice(digitsFrom, to), (a, b) => src.quote(digitsFrom + a, digitsFrom + b));
  if (typeof port !== 'number') {
    src.fail(digitsFrom + port.offset, port.what, `${port.detail} after ${src.quote(uriFrom, digitsFrom)}`);
  }
  return { host, port };
}
