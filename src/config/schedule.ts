import { err, ok, type Result } from '../core/result.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "15m,1h,6h" → delays in ms. Retry schedules are data, read from configuration. */
export function parseRetrySchedule(text: string): Result<number[], string> {
  const parts = text.split(',').map((p) => p.trim());
  const delays: number[] = [];
  for (const part of parts) {
    const m = /^(\d+)(ms|s|m|h|d)$/.exec(part);
    if (!m) return err(`"${part}" is not a delay like 30s, 15m, 6h or 2d`);
    delays.push(Number(m[1]) * UNIT_MS[m[2]!]!);
  }
  if (delays.length > 50) return err('at most 50 retries');
  return ok(delays);
}

