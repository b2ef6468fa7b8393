import type { Tx } from '../../store/db.js';
import { releaseSlot, takeSlot } from '../counter/charges.js';
import { posSlot } from '../counter/source.js';
import { findOpenOrderOfPos } from '../mp-orders/records.js';
import { holdPos } from '../mp-orders/slot.js';
import type { InstoreOrder } from './order.js';

export const INSTORE_FAMILY = 'mp_instore';

const printed = (o: InstoreOrder) => o.model !== 'dynamic';

/**
 * A legacy order on a POS's printed QR takes the slot whoever held it: the
 * newest charge on a POS wins the printed QR across APIs (README fidelity).
 */
export async function holdPrinted(tx: Tx, o: InstoreOrder, now: number): Promise<void> {
  if (printed(o)) await takeSlot(tx, posSlot(o.pos_id), { family: INSTORE_FAMILY, chargeId: o.id, sellerId: o.seller_id, at: now });
}

/** The order left `open`: the printed QR falls back to the newest Orders API order still open there, if any. */
export async function leavePrinted(tx: Tx, o: InstoreOrder, now: number): Promise<void> {
  if (!printed(o) || !(await releaseSlot(tx, posSlot(o.pos_id), o.id))) return;
  const next = await findOpenOrderOfPos(tx.ex, o.pos_id);
  if (next && now < next.expires_at) await holdPos(tx, next, now);
}
