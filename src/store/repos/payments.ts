import type { Executor } from '../db.js';
import { deferWrite } from '../deferred.js';
import type { PaymentRefundTable, PaymentTable } from '../schema-counter.js';

/** The payments ledger as rows (the counter's records.ts maps payments to and from them). */
export async function insertPaymentRow(ex: Executor, row: PaymentTable): Promise<void> {
  await deferWrite(ex, ex.insertInto('payments').values(row));
}

/** Compare-and-set on version: false when somebody changed the payment since it was read. */
export async function casPaymentRow(ex: Executor, row: PaymentTable, expected: number): Promise<boolean> {
  const r = await ex
    .updateTable('payments')
    .set({ status: row.status, status_detail: row.status_detail, amount_refunded: row.amount_refunded, version: row.version, document: row.document, date_last_updated: row.date_last_updated, date_approved: row.date_approved })
    .where('id', '=', row.id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findPaymentRow(ex: Executor, sellerId: number, id: number): Promise<PaymentTable | undefined> {
  return ex.selectFrom('payments').selectAll().where('id', '=', id).where('seller_id', '=', sellerId).executeTakeFirst();
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

export async function searchPaymentRows(ex: Executor, q: PaymentSearch): Promise<{ total: number; rows: PaymentTable[] }> {
  let base = ex.selectFrom('payments').where('seller_id', '=', q.sellerId);
  if (q.externalReference !== undefined) base = base.where('external_reference', '=', q.externalReference);
  if (q.status !== undefined) base = base.where('status', '=', q.status);
  if (q.range?.from !== undefined) base = base.where(q.range.key, '>=', q.range.from);
  if (q.range?.to !== undefined) base = base.where(q.range.key, '<=', q.range.to);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy(q.sort, q.criteria).orderBy('id', q.criteria).limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), rows };
}

export async function insertPaymentRefundRow(ex: Executor, r: PaymentRefundTable): Promise<void> {
  await deferWrite(ex, ex.insertInto('payment_refunds').values(r));
}

export async function refundRowsOf(ex: Executor, paymentIds: number[]): Promise<PaymentRefundTable[]> {
  if (!paymentIds.length) return [];
  return ex.selectFrom('payment_refunds').selectAll().where('payment_id', 'in', paymentIds).orderBy('id').execute();
}

export async function settleRefundRow(ex: Executor, paymentId: number, chargeRefundId: string, at: number): Promise<void> {
  await ex
    .updateTable('payment_refunds')
    .set({ status: 'approved', updated_at: at })
    .where('payment_id', '=', paymentId)
    .where('charge_refund_id', '=', chargeRefundId)
    .where('status', '=', 'in_process')
    .execute();
}

export async function paymentRowsByIds(ex: Executor, ids: number[]): Promise<PaymentTable[]> {
  if (!ids.length) return [];
  return ex.selectFrom('payments').selectAll().where('id', 'in', ids).orderBy('id').execute();
}
