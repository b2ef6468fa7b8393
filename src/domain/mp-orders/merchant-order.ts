import type { NewMerchantOrder } from '../merchant-orders/commands.js';
import type { MpOrder } from './order.js';
import { transactionsOf } from './order.js';
import { MP_ORDER_FAMILY } from './slot.js';

/**
 * An Orders API payment has its merchant_order too (the captured real payment's
 * order{id, type: "mercadopago"}, supplement §7 fact 1): one per order, opened
 * at its first payment attempt. Orders have no notification_url, so it is
 * notified by webhook only (topics merchant_order / topic_merchant_order_wh).
 */
export function merchantOrderOf(o: MpOrder, applicationId: number): NewMerchantOrder {
  return {
    seller_id: o.seller_id,
    site_id: o.site_id,
    currency: o.currency,
    charge_id: o.id,
    family: MP_ORDER_FAMILY,
    preference_id: null,
    application_id: String(applicationId),
    sponsor_id: null,
    external_reference: o.external_reference,
    notification_url: null,
    additional_info: '',
    marketplace: 'NONE',
    items: (o.items ?? []).map((i) => ({ id: i.external_code ?? null, title: i.title, description: i.description ?? null, picture_url: null, category_id: null, quantity: i.quantity, unit_price: i.unit_price, currency_id: o.currency })),
    total_amount: transactionsOf(o).reduce((s, t) => s + t.amount, 0),
  };
}
