import type { Payment, PaymentRefund } from '../../domain/counter/payment.js';
import type { Executor } from '../db.js';
import type { PaymentTable } from '../schema-counter.js';

const COLUMNS = ['seller_id', 'family', 'charge_id', 'status', 'status_detail', 'currency', 'amount', 'amount_refunded', 'external_reference', 'notification_url', 'version', 'date_created', 'date_approved', 'date_last_updated'] as const;

function toRow(p: Payment): PaymentTable {
  const row = Object.fromEntries(COLUMNS.map((c) => [c, p[c]])) as unknown as PaymentTable;
  row.id = Number(p.id);
  row.document = JSON.stringify(p);
  return row;
}

const fromRow = (r: PaymentTable): Payment => ({ ...(JSON.parse(r.document) as Payment), version: r.version });

export async function insertPayment(ex: Executor, p: Payment): Promise<void> {
  await ex.insertInto('payments').values(toRow(p)).execute();
}

/** Compare-and-set on version: false when somebody changed the payment since it was read. */
export async function casPayment(ex: Executor, p: Payment, expected: number): Promise<boolean> {
  const row = toRow(p);
  const r = await ex
    .updateTable('payments')
    .set({ status: row.status, status_detail: row.status_detail, amount_refunded: row.amount_refunded, version: row.version, document: row.document, date_last_updated: row.date_last_updated, date_approved: row.date_approved })
    .where('id', '=', row.id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findPayment(ex: Executor, sellerId: number, id: number): Promise<Payment | undefined> {
  const r = await ex.selectFrom('payments').selectAll().where('id', '=', id).where('seller_id', '=', sellerId).executeTakeFirst();
  return r && fromRow(r);
}

export async function paymentsOfCharge(ex: Executor, chargeId: string): Promise<Payment[]> {
  const rows = await ex.selectFrom('payments').selectAll().where('charge_id', '=', chargeId).orderBy('id').execute();
  return rows.map(fromRow);
}

export type PaymentSortKey = 'date_created' | 'date_approved' | 'date_last_updated';

export interface PaymentSearch {
  sellerId: number;
  externalReference?: string | undefined;
  status?: string | undefined;
  range?: { key: PaymentSortKey; from?: number | undefined; to?: number | undefined } | undefined;
  sort: PaymentSortKey;
  criteria: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function searchPayments(ex: Executor, q: PaymentSearch): Promise<{ total: number; payments: Payment[] }> {
  let base = ex.selectFrom('payments').where('seller_id', '=', q.sellerId);
  if (q.externalReference !== undefined) base = base.where('external_reference', '=', q.externalReference);
  if (q.status !== undefined) base = base.where('status', '=', q.status);
  if (q.range?.from !== undefined) base = base.where(q.range.key, '>=', q.range.from);
  if (q.range?.to !== undefined) base = base.where(q.range.key, '<=', q.range.to);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy(q.sort, q.criteria).orderBy('id', q.criteria).limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), payments: rows.map(fromRow) };
}

export async function insertPaymentRefund(ex: Executor, r: PaymentRefund): Promise<void> {
  await ex.insertInto('payment_refunds').values(r).execute();
}

export async function refundsOfPayment(ex: Executor, paymentId: number): Promise<PaymentRefund[]> {
  return (await ex.selectFrom('payment_refunds').selectAll().where('payment_id', '=', paymentId).orderBy('id').execute()) as PaymentRefund[];
}

export async function refundsOfPayments(ex: Executor, paymentIds: number[]): Promise<PaymentRefund[]> {
  if (!paymentIds.length) return [];
  return (await ex.selectFrom('payment_refunds').selectAll().where('payment_id', 'in', paymentIds).orderBy('id').execute()) as PaymentRefund[];
}

export async function settlePaymentRefundRow(ex: Executor, paymentId: number, chargeRefundId: string, at: number): Promise<void> {
  await ex
    .updateTable('payment_refunds')
    .set({ status: 'approved', updated_at: at })
    .where('payment_id', '=', paymentId)
    .where('charge_refund_id', '=', chargeRefundId)
    .where('status', '=', 'in_process')
    .execute();
}
