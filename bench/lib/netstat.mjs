// The kernel's count of SYNs dropped because a listener's accept queue was full
// (Linux /proc/net/netstat TcpExt ListenOverflows); null where it cannot be read.
import { readFileSync } from 'node:fs';

export function listenOverflows() {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    const at = lines.findIndex((line) => line.startsWith('TcpExt:'));
    const names = lines[at].split(/\s+/);
    const values = lines[at + 1].split(/\s+/);
    const index = names.indexOf('ListenOverflows');
    return index < 0 ? null : Number(values[index]);
  } catch {
    return null;
  }
}
