import type { Tx } from '../../store/db.js';
import { claimOpenCharge, findOpenCharge, releaseOpenCharge, replaceOpenCharge } from '../../store/repos/open-charges.js';
import type { Slot } from './source.js';

export interface OpenCharge {
  family: string;
  chargeId: string;
}

export interface Holder extends OpenCharge {
  sellerId: number;
  at: number;
}

const row = (slot: Slot, h: Holder) => ({ source_kind: slot.kind, source_id: slot.id, seller_id: h.sellerId, family: h.family, charge_id: h.chargeId, created_at: h.at });

/**
 * One open charge per slot (a POS's printed QR, a terminal), held by the
 * open_charges primary key, never by a check-then-act. `claim` refuses a
 * taken slot (a terminal's queued order: the documented 409); `take` makes the
 * newest charge the holder (a POS's printed QR leads to the newest order).
 */
export const claimSlot = (tx: Tx, slot: Slot, h: Holder): Promise<boolean> => claimOpenCharge(tx.ex, row(slot, h));
export const takeSlot = (tx: Tx, slot: Slot, h: Holder): Promise<void> => replaceOpenCharge(tx.ex, row(slot, h));
export const releaseSlot = (tx: Tx, slot: Slot, chargeId: string): Promise<boolean> => releaseOpenCharge(tx.ex, slot.kind, slot.id, chargeId);

export async function holderOf(tx: Tx, slot: Slot): Promise<OpenCharge | undefined> {
  const r = await findOpenCharge(tx.ex, slot.kind, slot.id);
  return r && { family: r.family, chargeId: r.charge_id };
}
