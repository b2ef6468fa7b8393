import { getCurrency } from '../../../core/currency.js';
import { fromMinor, parseDecimal, toNearestDouble, toNumberForJson } from '../../../core/decimal.js';
import { lockedOf, userAmountExact } from '../../../domain/depay/fx.js';
import type { DepayOrderRow, DepayOrderStatusRow } from '../../../store/repos/depay-orders.js';
import { dotnetDate, historyDate } from '../dates.js';

/** Minor units as the JSON number Depay prints (10, 2883.91). */
export const amountNumber = (minor: number, currency: string): number => toNumberForJson(fromMinor(minor, getCurrency(currency)?.exponent ?? 2));

/** A decimal string (an event's amount or rate) as a JSON number. */
export function decimalNumber(s: string): number {
  const d = parseDecimal(s);
  if (!d.ok) throw new Error(`not a decimal: ${s}`);
  return toNumberForJson(d.value);
}

/** A computed amount at a double's full precision, as Depay prints user_amount (2883.9085042893075). */
export function exactNumber(s: string): number {
  const d = parseDecimal(s);
  if (!d.ok) throw new Error(`not a decimal: ${s}`);
  return toNearestDouble(d.value);
}

/** user_amount as the seed prints it: the conversion unrounded; the payer pays it rounded to the minor unit. */
const userAmount = (o: DepayOrderRow): number => exactNumber(userAmountExact(o.local_amount, lockedOf(o)));

/** Seed: 201 "QR created". */
export function renderCreated(o: DepayOrderRow) {
  return {
    status: 'success',
    order_id: o.id,
    qr_data: o.qr_data,
    message: 'QR generated successfully.',
    user_amount: userAmount(o),
    user_currency: o.user_currency,
    exchange_rate: decimalNumber(o.exchange_rate),
  };
}

/** Seed: Get Payment Statuses, 200. */
export function renderOrder(o: DepayOrderRow, history: DepayOrderStatusRow[]) {
  return {
    id: o.id,
    status: o.status,
    creation_date: dotnetDate(o.created_at),
    update_date: dotnetDate(o.updated_at),
    local_amount: amountNumber(o.local_amount, o.local_currency),
    local_currency: o.local_currency,
    user_amount: userAmount(o),
    user_currency: o.user_currency,
    external_reference: o.external_reference,
    statuses: history.map((h) => ({ status: h.status, created_at: historyDate(h.created_at) })),
  };
}
