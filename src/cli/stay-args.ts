import { UsageError } from './usage-error';

/**
 * The heart-beats `--stay` asks for when `--heart-beat` does not say:
 * `[cx, cy]` = 10 s each way, so a broker that goes silent is noticed.
 *
 * @example
 * ```ts
 * stompHandshake({ heartBeat: [...(options.heartBeat ?? STAY_HEART_BEAT)] as [number, number] });
 * ```
 */
export const STAY_HEART_BEAT: readonly [number, number] = Object.freeze([10000, 10000] as const);

const MAX_MS = 2_147_483_647;

/**
 * Parses `--heart-beat CX,CY`: the CONNECT frame's `heart-beat` header, two
 * whole numbers of ms (0 = none that way), each at most 2147483647.
 *
 * @example
 * ```ts
 * parseHeartBeatArg('10000,0'); // [10000, 0]
 * parseHeartBeatArg('10 s');    // throws UsageError
 * ```
 */
export function parseHeartBeatArg(text: string): readonly [number, number] {
  const match = /^(\d{1,10}),(\d{1,10})$/.exec(text);
  const cx = Number(match?.[1]);
  const cy = Number(match?.[2]);
  if (match === null || cx > MAX_MS || cy > MAX_MS) {
    throw new UsageError(
      `--heart-beat expects CX,CY: two whole numbers of ms up to ${MAX_MS} (e.g. 10000,10000), got '${text}'`,
    );
  }
  return Object.freeze([cx, cy] as const);
}
