/**
 * Every "now" in caja comes from here: real time plus the seller's test-clock
 * offset. Tests may replace the real-time source; sellers move their own
 * offset forward with POST /sandbox/clock/advance.
 */
export interface Clock {
  /** Wall-clock epoch ms (before any seller offset). */
  realNow(): number;
}

export const systemClock: Clock = { realNow: () => Date.now() };

export interface HasClockOffset {
  clock_offset_ms: number;
}

export function sellerNow(clock: Clock, seller: HasClockOffset): number {
  return clock.realNow() + seller.clock_offset_ms;
}

/** ISO 8601 with milliseconds and Z, as Mercado Pago prints dates. */
export function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * ISO 8601 with milliseconds and a fixed UTC offset, as the Payments API
 * prints dates ("2025-12-09T13:20:17.000-04:00" in a captured payment).
 */
export function isoAtOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
