/**
 * Depay prints two date formats (seed, Get Payment Statuses): .NET's
 * round-trip "o" with 7 fractional digits and an offset for the order
 * ("2023-05-15T11:45:38.2678234+00:00"), and a Python/PostgreSQL timestamp
 * with microseconds for the history ("2024-11-01 20:01:30.948423"). caja keeps
 * milliseconds, so the extra digits are zeros.
 */
export function dotnetDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000+00:00');
}

export function historyDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, '.$1000');
}

/** YYYY-MM-DD (UTC) to its first millisecond; undefined when not a real calendar date. */
export function dayStart(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().startsWith(day) ? ms : undefined;
}
