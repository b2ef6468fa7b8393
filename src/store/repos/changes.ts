import { sql } from 'kysely';
import type { Executor } from '../db.js';

/** One row of the change probe: a seller's marker, or one of its pending deliveries. */
export interface ChangeProbeRow {
  seller_id: number;
  marker: string;
  /** The seller's clock offset (the marker rows only), so the next probe's event floor is on its clock. */
  offset_ms?: number;
}

export interface ProbeTarget {
  sellerId: number;
  /** Events with an id at or above this (an `EVT` + ULID time prefix) are looked at. */
  eventFloor: string;
}

/**
 * What tells the dashboard "something changed for this seller", read in ONE
 * statement for every watched seller: its newest recent event (every status
 * change emits one; an id range on the events' primary key from the floor, as
 * ids sort by time), the newest order of each family, payment and delivery
 * (creations emit no event; each an index seek on (seller_id, created_at)), the
 * pending deliveries and their attempt counts (an attempt moves them), the
 * clock offset, and the counts and last updates of its stores and POS (small
 * sets). Legacy QR orders emit no event of their own: their newest row, and
 * how many are open (at most one per POS, through the partial index on open
 * orders) notice one placed, paid, expired or deleted. merchant_orders emit an
 * event on every change (created or updated), so the event column sees them.
 * Nothing here grows with the seller's history. A new family whose changes emit
 * no event adds its newest row here.
 */
export async function probeChanges(ex: Executor, targets: readonly ProbeTarget[]): Promise<ChangeProbeRow[]> {
  if (targets.length === 0) return [];
  const ids = sql.join(targets.map((t) => sql`${t.sellerId}`));
  const floor = sql`CASE s.id ${sql.join(targets.map((t) => sql`WHEN ${t.sellerId} THEN ${t.eventFloor}`), sql` `)} END`;
  const r = await sql<{ seller_id: number | string; marker: string | null; offset_ms: number | string | null }>`
    SELECT s.id AS seller_id, s.clock_offset_ms AS offset_ms,
      CAST(s.clock_offset_ms AS TEXT)
        || '|' || COALESCE((SELECT MAX(e.id) FROM events e WHERE e.id >= ${floor} AND e.seller_id = s.id), '')
        || '|' || COALESCE((SELECT d.id FROM deliveries d WHERE d.seller_id = s.id ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '')
        || '|' || COALESCE((SELECT o.id FROM mp_orders o WHERE o.seller_id = s.id ORDER BY o.created_at DESC, o.id DESC LIMIT 1), '')
        || '|' || COALESCE((SELECT q.id FROM depay_orders q WHERE q.seller_id = s.id ORDER BY q.created_at DESC, q.id DESC LIMIT 1), '')
        || '|' || COALESCE((SELECT i.id FROM instore_intents i WHERE i.seller_id = s.id ORDER BY i.created_at DESC, i.id DESC LIMIT 1), '')
        || '|' || COALESCE((SELECT pi.id FROM point_intents pi WHERE pi.seller_id = s.id ORDER BY pi.created_at DESC, pi.id DESC LIMIT 1), '')
        || '|' || COALESCE((SELECT i.id FROM instore_orders i WHERE i.seller_id = s.id ORDER BY i.created_at DESC, i.id DESC LIMIT 1), '')
        || '|' || (SELECT CAST(COUNT(*) AS TEXT) FROM pos ip JOIN instore_orders io ON io.pos_id = ip.id AND io.status = 'open' WHERE ip.seller_id = s.id)
        || '|' || COALESCE((SELECT CAST(p.id AS TEXT) FROM payments p WHERE p.seller_id = s.id ORDER BY p.date_created DESC, p.id DESC LIMIT 1), '')
        || '|' || (SELECT CAST(COUNT(*) AS TEXT) || '.' || CAST(COALESCE(MAX(st.date_last_updated), 0) AS TEXT) FROM stores st WHERE st.seller_id = s.id)
        || '|' || (SELECT CAST(COUNT(*) AS TEXT) || '.' || CAST(COALESCE(MAX(p.date_last_updated), 0) AS TEXT) FROM pos p WHERE p.seller_id = s.id) AS marker
    FROM sellers s WHERE s.id IN (${ids})
    UNION ALL
    SELECT d.seller_id, NULL, d.id || ':' || CAST(d.attempt_count AS TEXT)
    FROM deliveries d WHERE d.status = 'pending' AND d.seller_id IN (${ids})`.execute(ex);
  return r.rows.map((row) => ({
    seller_id: Number(row.seller_id),
    marker: row.marker ?? '',
    ...(row.offset_ms !== null ? { offset_ms: Number(row.offset_ms) } : {}),
  }));
}
