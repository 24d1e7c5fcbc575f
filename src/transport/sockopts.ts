/**
 * Socket options: checked synchronously against a plan (`checkSockopts`),
 * then prepared once per run (`prepareSockopts$`: files read, key unlocked,
 * TLS context built), then used by every attempt (`connectPeer$`).
 */
export { checkSockopts, type CheckedSockopts } from './check-sockopts';
export type { HostNameCheck, LocalName, NetOptions, TlsSettings } from './sockopt-settings';
export { prepareSockopts$, prepareSockoptsNow, type PreparedSockopts } from './prepare-sockopts';
