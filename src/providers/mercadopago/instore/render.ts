import { getCurrency } from '../../../core/currency.js';
import { formatAmount } from '../../../core/money.js';
import type { InstoreOrder } from '../../../domain/legacy-qr/order.js';

const moneyOf = (o: Pick<InstoreOrder, 'currency'>) => (minor: number) => Number(formatAmount(minor, getCurrency(o.currency)?.exponent ?? 2));

/** The attended model's answer (supplement §5.1: id `<collector_id>-<uuid>`, amounts as numbers; the example is truncated). */
export function renderAttended(o: InstoreOrder) {
  const m = moneyOf(o);
  return {
    id: o.id,
    external_reference: o.external_reference,
    notification_url: o.notification_url,
    ...(o.sponsor_id !== null ? { sponsor_id: o.sponsor_id } : {}),
    items: o.items.map((i) => ({
      ...(i.id !== undefined ? { id: i.id } : {}),
      title: i.title,
      currency_id: i.currency_id ?? o.currency,
      unit_price: m(i.unit_price),
      quantity: i.quantity,
      ...(i.description !== undefined ? { description: i.description } : {}),
      ...(i.picture_url !== undefined ? { picture_url: i.picture_url } : {}),
    })),
    collector_id: o.seller_id,
    collector: {},
    total_amount: m(o.total_amount),
    amount: m(o.total_amount),
  };
}

/** GET .../orders: an array with the POS's order (supplement §5.2). */
export function renderV2(o: InstoreOrder) {
  const m = moneyOf(o);
  return [
    {
      external_reference: o.external_reference,
      total_amount: m(o.total_amount),
      items: o.items.map((i) => ({
        sku_number: i.sku_number ?? i.id ?? null,
        category: i.category ?? null,
        title: i.title,
        description: i.description ?? null,
        unit_price: m(i.unit_price),
        quantity: i.quantity,
        unit_measure: i.unit_measure ?? 'unit',
        total_amount: m(i.total_amount),
      })),
      title: o.title ?? o.items[0]?.title ?? null,
      description: o.description ?? null,
      sponsor: o.sponsor_id !== null ? { id: o.sponsor_id } : null,
      expiration_date: o.expiration_date ?? null,
      notification_url: o.notification_url,
      ...(o.cash_out !== null ? { cash_out: { amount: m(o.cash_out) } } : {}),
    },
  ];
}
