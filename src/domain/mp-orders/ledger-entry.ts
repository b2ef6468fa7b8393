import type { Tx } from '../../store/db.js';
import { findPos } from '../../store/repos/pos.js';
import type { PayerOutcome } from '../counter/family.js';
import type { NewPayment } from '../counter/ledger.js';
import { methodType } from '../payment-methods.js';
import type { MpOrder } from './order.js';
import { MP_ORDER_FAMILY } from './slot.js';

/**
 * What every payment of an Orders order carries into the ledger (the captured
 * real in-person payment, supplement §7); each order type adds how it was paid
 * (source, business_info, card, items, merchant_order).
 */
export async function orderLedgerEntry(
  tx: Tx,
  o: MpOrder,
  payer: PayerOutcome,
  status: 'approved' | 'rejected',
  detail: string,
  amount: number,
): Promise<Omit<NewPayment, 'source' | 'business_info' | 'merchant_order_id' | 'items' | 'card'>> {
  const pos = await findPos(tx.ex, o.seller_id, o.pos_id);
  return {
    seller_id: o.seller_id,
    family: MP_ORDER_FAMILY,
    charge_id: o.id,
    status,
    status_detail: detail,
    currency: o.currency,
    site_id: o.site_id,
    amount,
    external_reference: o.external_reference,
    notification_url: null,
    description: o.description ?? null,
    payment_method_id: payer.paymentMethod,
    payment_type_id: methodType(payer.paymentMethod),
    installments: payer.installments ?? 1,
    pos_id: o.pos_id,
    store_id: pos?.store_id ?? null,
    references: [{ id: o.id, type: 'ORDER_MP' }],
    payer_name: payer.payer?.name ?? null,
  };
}
