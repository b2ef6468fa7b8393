import type { Tx } from '../../store/db.js';
import { releaseSlot, takeSlot } from '../counter/charges.js';
import { posSlot } from '../counter/source.js';
import { findOpenOrderOfPos } from '../mp-orders/records.js';
import { holdPos } from '../mp-orders/slot.js';
import { onPrinted, type InstoreIntent } from './intent.js';

export const INTENT_FAMILY = 'mp_intent';

/**
 * A STATIC QR intent takes its POS's printed QR whoever held it: the newest
 * charge on a POS wins the printed QR across APIs, as with Orders and the
 * legacy models (README fidelity).
 */
export async function holdPrinted(tx: Tx, i: InstoreIntent, now: number): Promise<void> {
  if (onPrinted(i) && i.pos_id !== null) await takeSlot(tx, posSlot(i.pos_id), { family: INTENT_FAMILY, chargeId: i.id, sellerId: i.seller_id, at: now });
}

/** The intent left OPENED: the printed QR falls back to the newest Orders API order still open there, if any. */
export async function leavePrinted(tx: Tx, i: InstoreIntent, now: number): Promise<void> {
  if (!onPrinted(i) || i.pos_id === null || !(await releaseSlot(tx, posSlot(i.pos_id), i.id))) return;
  const next = await findOpenOrderOfPos(tx.ex, i.pos_id);
  if (next && now < next.expires_at) await holdPos(tx, next, now);
}
