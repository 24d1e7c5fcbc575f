import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';

/**
 * What the kernel says of a socket's keepalive: `off`, or the seconds until
 * the first probe of an idle connection.
 */
export type KeepaliveState = { readonly on: false } | { readonly on: true; readonly seconds: number };

// /proc/net/tcp counts timers in clock ticks of USER_HZ, which is 100 on Linux.
const TICKS_PER_SECOND = 100;
// Its `tr` column: 1 = retransmit or loss probe, 2 = the keepalive timer, 0 = none.
const RETRANSMIT_TIMER = 1;
const KEEPALIVE_TIMER = 2;

/** The kernel's idle time before probes when a program sets none (net.ipv4.tcp_keepalive_time). */
export function systemKeepaliveSeconds(): number {
  return Number(readTable('/proc/sys/net/ipv4/tcp_keepalive_time').trim());
}

function readTable(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // Never a silent pass: without the kernel's own view there is nothing to check.
    throw new Error(
      `this test reads the kernel's TCP state from ${path} (Linux procfs), which cannot be read here: ${String(error)}`,
    );
  }
}

/** `ADDR:PORT` as /proc/net/tcp6 writes a port: 4 upper-case hex digits. */
const hexPort = (port: number): string => port.toString(16).toUpperCase().padStart(4, '0');

/** The `tr:when` column of the socket's row in /proc/net/tcp or tcp6, or undefined. */
function timerColumn(socket: Socket): string | undefined {
  const local = `:${hexPort(socket.localPort ?? -1)}`;
  const remote = `:${hexPort(socket.remotePort ?? -1)}`;
  const table = socket.remoteFamily === 'IPv6' ? '/proc/net/tcp6' : '/proc/net/tcp';
  for (const line of readTable(table).split('\n').slice(1)) {
    const columns = line.trim().split(/\s+/);
    if (columns[1]?.endsWith(local) === true && columns[2]?.endsWith(remote) === true) return columns[5];
  }
  return undefined;
}

/**
 * The keepalive state of a connected socket, read from the kernel
 * (/proc/net/tcp, the same data `ss -tnoe` shows as `timer:(keepalive,…)`).
 * Waits (bounded) while a retransmit timer hides the keepalive one, which
 * happens only while data is unacknowledged.
 */
export async function keepaliveOf(socket: Socket): Promise<KeepaliveState> {
  for (let turn = 0; turn < 500; turn++) {
    const column = timerColumn(socket);
    if (column === undefined) throw new Error(`no kernel TCP row for local port ${socket.localPort}`);
    const [timer, when] = column.split(':').map((hex) => parseInt(hex, 16));
    if (timer === KEEPALIVE_TIMER) return { on: true, seconds: (when ?? 0) / TICKS_PER_SECOND };
    if (timer !== RETRANSMIT_TIMER) return { on: false };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the retransmit timer of local port ${socket.localPort} never stopped`);
}
