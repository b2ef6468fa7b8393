import { type Result, ok, err } from './result.js';

// ISO 8601 durations as Mercado Pago's `expiration_time` carries them
// ("PT15M", "P3Y6M4DT12H30M5S"). An expiry must be one fixed length, not
// calendar arithmetic that depends on the seller's time zone, so the
// nominal units are converted with fixed factors:
//   Y = 365 days, M (months) = 30 days, W = 7 days, D = 24 hours.
const SECOND = 1000n;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;
const DAY = 24n * HOUR;
const FACTORS = {
  Y: 365n * DAY,
  Mo: 30n * DAY,
  W: 7n * DAY,
  D: DAY,
  H: HOUR,
  Mi: MINUTE,
  S: SECOND,
} as const;

export type DurationError = {
  readonly reason: 'type' | 'format' | 'empty' | 'overflow';
  readonly message: string;
};

export interface Duration {
  readonly ms: number;
  /** The text exactly as received, so it can be echoed back unchanged. */
  readonly text: string;
}

// Only seconds may carry a fraction, of at most millisecond precision.
const GRAMMAR =
  /^P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?(T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)(?:\.([0-9]{1,3}))?S)?)?$/;

// Hostile inputs cannot make the bigint math expensive past this.
const MAX_LENGTH = 64;

export function parseIsoDuration(s: unknown): Result<Duration, DurationError> {
  if (typeof s !== 'string') return err({ reason: 'type', message: 'duration must be a string' });
  const m = s.length <= MAX_LENGTH ? GRAMMAR.exec(s) : null;
  if (!m) return err({ reason: 'format', message: `not an ISO 8601 duration: ${JSON.stringify(s.slice(0, MAX_LENGTH))}` });
  const [, y, mo, w, d, t, h, mi, sec, frac] = m;
  if (t !== undefined && h === undefined && mi === undefined && sec === undefined) {
    return err({ reason: 'empty', message: '"T" must be followed by hours, minutes or seconds' });
  }
  if ([y, mo, w, d, h, mi, sec].every((c) => c === undefined)) {
    return err({ reason: 'empty', message: 'duration has no components' });
  }
  const part = (c: string | undefined, f: bigint): bigint => (c === undefined ? 0n : BigInt(c) * f);
  const total =
    part(y, FACTORS.Y) +
    part(mo, FACTORS.Mo) +
    part(w, FACTORS.W) +
    part(d, FACTORS.D) +
    part(h, FACTORS.H) +
    part(mi, FACTORS.Mi) +
    part(sec, FACTORS.S) +
    (frac === undefined ? 0n : BigInt(frac.padEnd(3, '0')));
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    return err({ reason: 'overflow', message: 'duration is too long' });
  }
  return ok({ ms: Number(total), text: s });
}

/** Inclusive on both ends. */
export const isWithin = (ms: number, minMs: number, maxMs: number): boolean => ms >= minMs && ms <= maxMs;

/**
 * Canonical shortest form: whole days as "nD" (never Y/M/W, whose lengths
 * are conventions), the rest as H/M/S, milliseconds as a seconds fraction:
 * 900000 -> "PT15M", 5400000 -> "PT1H30M", 90000000 -> "P1DT1H", 0 -> "PT0S".
 */
export function formatIsoDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`bad duration ${ms}`);
  if (ms === 0) return 'PT0S';
  // Safe integers divide exactly with Math.floor; no fractional values arise.
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  let time = '';
  if (hours) time += `${hours}H`;
  if (minutes) time += `${minutes}M`;
  if (seconds || millis) {
    const f = millis ? `.${String(millis).padStart(3, '0').replace(/0+$/, '')}` : '';
    time += `${seconds}${f}S`;
  }
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
