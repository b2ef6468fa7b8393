import { parseRetrySchedule } from './schedule.js';

const DAY = 86_400_000;

/**
 * How long caja keeps what is finished, per family (durations like 90d, 12h, 2m).
 * The defaults are what the APIs promise: an Orders order is readable for 3 months
 * (get-order reference), a QR payment refundable for 180 days (QR guide), an
 * idempotency key replays for 24 hours. Shorter values break those promises on
 * purpose (a laptop, a soak); nothing unfinished is ever removed.
 */
export interface RetentionConfig {
  /** Orders API orders that ended without money to give back (canceled, expired, refunded): after their last change. */
  mpOrdersMs: number;
  /** Orders API orders with a processed payment (still refundable): after their last change. */
  mpPaidOrdersMs: number;
  /** Depay orders in a final status with no refund pending: after their last change. */
  depayOrdersMs: number;
  /** Finished deliveries with their attempts, and events none of whose deliveries is left. */
  notificationsMs: number;
  idempotencyKeysMs: number;
  /** Timers that ran or gave up. */
  timersMs: number;
  /** Rows removed per transaction: each batch holds the SQLite writer for about a millisecond. */
  batchSize: number;
  /** Pause between batches, so requests run in between. */
  pauseMs: number;
  /** How often a pruning pass starts. */
  intervalMs: number;
}

export const RETENTION_DEFAULTS = {
  CAJA_RETAIN_MP_ORDERS: '90d',
  CAJA_RETAIN_MP_PAID_ORDERS: '180d',
  CAJA_RETAIN_DEPAY_ORDERS: '180d',
  CAJA_RETAIN_NOTIFICATIONS: '30d',
  CAJA_RETAIN_IDEMPOTENCY_KEYS: '24h',
  CAJA_RETAIN_TIMERS: '1d',
  CAJA_RETENTION_INTERVAL: '5m',
} as const;

type Env = Record<string, string | undefined>;

/** Reads the retention settings; problems are appended, named by variable. */
export function loadRetention(env: Env, problems: string[], int: (name: string, dflt: number, min: number, max: number) => number): RetentionConfig {
  const duration = (name: keyof typeof RETENTION_DEFAULTS): number => {
    const raw = env[name] || RETENTION_DEFAULTS[name];
    const parsed = parseRetrySchedule(raw);
    if (!parsed.ok || parsed.value.length !== 1 || parsed.value[0]! > 3650 * DAY) {
      problems.push(`${name} must be one duration like 90d, 12h, 30m or 10s, at most 3650d (got "${raw}")`);
      return 0;
    }
    return parsed.value[0]!;
  };
  const intervalMs = duration('CAJA_RETENTION_INTERVAL');
  if (intervalMs < 1000) problems.push('CAJA_RETENTION_INTERVAL must be at least 1s');
  return {
    mpOrdersMs: duration('CAJA_RETAIN_MP_ORDERS'),
    mpPaidOrdersMs: duration('CAJA_RETAIN_MP_PAID_ORDERS'),
    depayOrdersMs: duration('CAJA_RETAIN_DEPAY_ORDERS'),
    notificationsMs: duration('CAJA_RETAIN_NOTIFICATIONS'),
    idempotencyKeysMs: duration('CAJA_RETAIN_IDEMPOTENCY_KEYS'),
    timersMs: duration('CAJA_RETAIN_TIMERS'),
    batchSize: int('CAJA_RETENTION_BATCH', 200, 1, 10_000),
    pauseMs: int('CAJA_RETENTION_PAUSE_MS', 20, 0, 60_000),
    intervalMs,
  };
}
