import type { Tx } from '../../store/db.js';
import { findOpenOrderOfPos } from './records.js';
import { releaseSlot, takeSlot } from '../counter/charges.js';
import { posSlot } from '../counter/source.js';
import type { MpOrder } from './order.js';

export const MP_ORDER_FAMILY = 'mercadopago';

/** A static or hybrid order may hold its POS's printed QR: ending it frees the slot (leavePos). */
export const holdsPos = (o: MpOrder) => o.mode === 'static' || o.mode === 'hybrid';

/** A static or hybrid order becomes what its POS's printed QR leads to (the newest wins). */
export async function holdPos(tx: Tx, o: MpOrder, now: number): Promise<void> {
  if (holdsPos(o)) await takeSlot(tx, posSlot(o.pos_id), { family: MP_ORDER_FAMILY, chargeId: o.id, sellerId: o.seller_id, at: now });
}

/**
 * The order left `created`: it frees its POS's printed QR, which then leads to
 * the newest order still open there (an earlier order stays open until it
 * expires; the README's fidelity notes).
 */
export async function leavePos(tx: Tx, o: MpOrder, now: number): Promise<void> {
  if (!holdsPos(o) || !(await releaseSlot(tx, posSlot(o.pos_id), o.id))) return;
  const next = await findOpenOrderOfPos(tx.ex, o.pos_id);
  if (next) await holdPos(tx, next, now);
}
