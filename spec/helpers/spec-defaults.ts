import type { FailoverOptions } from '../../src/types';

/** The failover defaults as SPEC §3 states them, written out independently of src/ so tests check the code. */
export const SPEC_FAILOVER_DEFAULTS: FailoverOptions = Object.freeze({
  randomize: true,
  initialReconnectDelay: 10,
  maxReconnectDelay: 30000,
  backOffMultiplier: 2,
  useExponentialBackOff: true,
  maxReconnectAttempts: -1,
  startupMaxReconnectAttempts: -1,
  jitter: 'none',
  priorityBackup: false,
  priorityURIs: Object.freeze([]),
  connectionAttemptDelay: 0,
});
