import type { PayerOutcome } from '../counter/family.js';
import type { NewPayment } from '../counter/ledger.js';
import type { PaymentSource } from '../counter/source.js';
import { methodType } from '../payment-methods.js';
import { amountToPay, type InstoreIntent } from './intent.js';
import { INTENT_FAMILY } from './slot.js';

/** Every item of an intent's operations. */
export const intentItems = (i: InstoreIntent) => i.operations.flatMap((o) => o.items ?? []);

/** The ledger's view of a payment of an intent (the captured QR payment's shape, supplement §7; no merchant_order: the documents give intents none). */
export function ledgerEntry(i: InstoreIntent, source: PaymentSource, payer: PayerOutcome, status: 'approved' | 'rejected', detail: string): NewPayment {
  return {
    seller_id: i.seller_id,
    family: INTENT_FAMILY,
    charge_id: i.id,
    status,
    status_detail: detail,
    currency: i.currency,
    site_id: i.site_id,
    amount: amountToPay(i),
    external_reference: i.external_reference,
    notification_url: null,
    description: i.description,
    payment_method_id: payer.paymentMethod,
    payment_type_id: methodType(payer.paymentMethod),
    installments: payer.installments ?? 1,
    source: source.kind === 'qr' ? { kind: 'qr', id: source.qr.token } : { kind: 'terminal', id: source.terminalId },
    pos_id: i.pos_id,
    store_id: i.store_id,
    business_info: { unit: 'wallet', sub_unit: 'qr', branch: 'QR' },
    references: [],
    merchant_order_id: null,
    items: intentItems(i).map((it) => ({ title: it.title, quantity: it.quantity, unit_price: it.unit_price })),
    card: null,
    payer_name: payer.payer?.name ?? null,
  };
}
