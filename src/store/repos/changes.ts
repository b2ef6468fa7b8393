import { sql } from 'kysely';
import type { Executor } from '../db.js';

/** One row of the change probe: a seller's markers, or one of its pending deliveries. */
export interface ChangeProbeRow {
  seller_id: number;
  marker: string;
}

/**
 * What tells the dashboard "something changed for this seller", read in ONE
 * statement for every watched seller: the newest delivery (every outbox event
 * plans one, even a skipped one), the pending deliveries and their attempt
 * counts (an attempt moves them), the clock offset, and the counts and last
 * updates of stores and POS. Each part is an index seek or a scan of a small set (pending rows,
 * one seller's stores), so the cost does not grow with the history.
 */
export async function probeChanges(ex: Executor, sellerIds: readonly number[]): Promise<ChangeProbeRow[]> {
  if (sellerIds.length === 0) return [];
  const ids = sql.join(sellerIds.map((id) => sql`${id}`));
  const r = await sql<{ seller_id: number | string; marker: string | null }>`
    SELECT s.id AS seller_id,
      CAST(s.clock_offset_ms AS TEXT)
        || '|' || COALESCE((SELECT d.id FROM deliveries d WHERE d.seller_id = s.id ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '')
        || '|' || (SELECT CAST(COUNT(*) AS TEXT) || '.' || CAST(COALESCE(MAX(st.date_last_updated), 0) AS TEXT) FROM stores st WHERE st.seller_id = s.id)
        || '|' || (SELECT CAST(COUNT(*) AS TEXT) || '.' || CAST(COALESCE(MAX(p.date_last_updated), 0) AS TEXT) FROM pos p WHERE p.seller_id = s.id) AS marker
    FROM sellers s WHERE s.id IN (${ids})
    UNION ALL
    SELECT d.seller_id, d.id || ':' || CAST(d.attempt_count AS TEXT) AS marker
    FROM deliveries d WHERE d.status = 'pending' AND d.seller_id IN (${ids})`.execute(ex);
  return r.rows.map((row) => ({ seller_id: Number(row.seller_id), marker: row.marker ?? '' }));
}
