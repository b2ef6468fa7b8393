import type { Executor } from '../../store/db.js';
import {
  casPaymentRow,
  findPaymentRow,
  insertPaymentRefundRow,
  insertPaymentRow,
  paymentRowsByIds,
  refundRowsOf,
  searchPaymentRows,
  settleRefundRow,
  type PaymentSearch,
} from '../../store/repos/payments.js';
import type { PaymentRefundTable, PaymentTable } from '../../store/schema-counter.js';
import type { Payment, PaymentRefund } from './payment.js';

// A payment is stored as searchable columns plus the whole aggregate as JSON.
const COLUMNS = ['seller_id', 'family', 'charge_id', 'status', 'status_detail', 'currency', 'amount', 'amount_refunded', 'external_reference', 'notification_url', 'version', 'date_created', 'date_approved', 'date_last_updated'] as const;

function toRow(p: Payment): PaymentTable {
  const row = Object.fromEntries(COLUMNS.map((c) => [c, p[c]])) as Omit<PaymentTable, 'id' | 'document'>;
  return { ...row, id: Number(p.id), document: JSON.stringify(p) };
}

const fromRow = (r: PaymentTable): Payment => ({ ...(JSON.parse(r.document) as Payment), version: r.version });
const refundOf = (r: PaymentRefundTable): PaymentRefund => ({ ...r, status: r.status === 'approved' ? 'approved' : 'in_process' });

export const insertPayment = (ex: Executor, p: Payment): Promise<void> => insertPaymentRow(ex, toRow(p));
export const casPayment = (ex: Executor, p: Payment, expected: number): Promise<boolean> => casPaymentRow(ex, toRow(p), expected);

export async function findPayment(ex: Executor, sellerId: number, id: number): Promise<Payment | undefined> {
  const r = await findPaymentRow(ex, sellerId, id);
  return r && fromRow(r);
}

export async function searchPayments(ex: Executor, q: PaymentSearch): Promise<{ total: number; payments: Payment[] }> {
  const found = await searchPaymentRows(ex, q);
  return { total: found.total, payments: found.rows.map(fromRow) };
}

export const insertPaymentRefund = (ex: Executor, r: PaymentRefund): Promise<void> => insertPaymentRefundRow(ex, r);
export const refundsOfPayments = async (ex: Executor, ids: number[]): Promise<PaymentRefund[]> => (await refundRowsOf(ex, ids)).map(refundOf);
export const refundsOfPayment = (ex: Executor, id: number): Promise<PaymentRefund[]> => refundsOfPayments(ex, [id]);
export const settlePaymentRefund = (ex: Executor, paymentId: number, chargeRefundId: string, at: number): Promise<void> => settleRefundRow(ex, paymentId, chargeRefundId, at);

export const paymentsByIds = async (ex: Executor, ids: number[]): Promise<Payment[]> => (await paymentRowsByIds(ex, ids)).map(fromRow);
