import type { CurrencyCode } from '../../core/currency.js';
import type { SiteId } from '../sellers/sites.js';

/**
 * A Mercado Pago Orders API order of type qr (reference §1.3, §1.6; the QR
 * cash-out seed). Amounts are minor units; times are the seller's clock (ms).
 */
export type OrderStatus = 'created' | 'processed' | 'refunded' | 'expired' | 'canceled';
export type QrMode = 'static' | 'dynamic' | 'hybrid';
export type TxnStatus = 'created' | 'processed' | 'refunded' | 'expired' | 'canceled';
export type RefundStatus = 'processing' | 'processed';

export interface PaymentMethod {
  id: string;
  type: string;
  installments: number;
}

export interface Txn {
  id: string;
  kind: 'payment' | 'cash_out';
  amount: number;
  status: TxnStatus;
  status_detail: string;
  refunded_amount: number;
  reference_id?: string;
  paid_amount?: number;
  payment_method?: PaymentMethod;
  /** cash_outs: as sent (external_cashier_id, ...). */
  additional_info?: Record<string, unknown>;
}

/** An item as sent, with its unit price parsed to minor units. */
export interface Item {
  title: string;
  unit_price: number;
  quantity: number;
  unit_measure?: string | undefined;
  external_code?: string | undefined;
  external_categories?: Array<{ id: string }> | undefined;
  description?: string | undefined;
}

export interface Refund {
  id: string;
  transaction_id: string;
  reference_id: string;
  amount: number;
  status: RefundStatus;
  created_at: number;
}

/** A payer's declined attempt (the order stays payable). */
export interface PayAttempt {
  at: number;
  outcome: 'rejected';
  payment_method: string;
  status_detail: string;
}

export interface MpOrder {
  id: string;
  seller_id: number;
  site_id: SiteId;
  user_id: string;
  application_id: string;
  type: 'qr';
  processing_mode: 'automatic';
  external_reference: string;
  description?: string | undefined;
  total_amount: number;
  currency: CurrencyCode;
  country_code: string;
  expiration_time: string;
  expires_at: number;
  status: OrderStatus;
  status_detail: string;
  pos_id: number;
  external_pos_id: string;
  mode: QrMode;
  qr_data?: string | undefined;
  items?: Item[] | undefined;
  discounts?: { payment_methods: Array<{ type: string; new_total_amount: number }> } | undefined;
  integration_data: Record<string, unknown>;
  payments: Txn[];
  cash_outs: Txn[];
  refunds: Refund[];
  attempts: PayAttempt[];
  paid_at?: number | undefined;
  version: number;
  created_at: number;
  updated_at: number;
}

// One allow-list per level: a status not listed here cannot be entered from there.
const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  created: ['processed', 'canceled', 'expired'],
  // processed → processed is a partial refund (status_detail partially_refunded).
  processed: ['processed', 'refunded'],
  refunded: [],
  expired: [],
  canceled: [],
};

const TXN_TRANSITIONS: Record<TxnStatus, readonly TxnStatus[]> = {
  created: ['processed', 'canceled', 'expired'],
  processed: ['refunded'],
  refunded: [],
  expired: [],
  canceled: [],
};

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** The one guard every command goes through; throwing here means a command forgot to check. */
export function moveOrder(o: MpOrder, to: OrderStatus, detail: string, now: number): void {
  if (!canMove(o.status, to)) throw new Error(`order ${o.id}: ${o.status} → ${to} is not allowed`);
  o.status = to;
  o.status_detail = detail;
  o.updated_at = now;
}

export function moveTxn(t: Txn, to: TxnStatus, detail: string): void {
  if (t.status !== to && !TXN_TRANSITIONS[t.status].includes(to)) throw new Error(`transaction ${t.id}: ${t.status} → ${to} is not allowed`);
  t.status = to;
  t.status_detail = detail;
}

export function transactionsOf(o: MpOrder): Txn[] {
  return [...o.payments, ...o.cash_outs];
}

/** Created but past its expiration_time: the expiry timer may not have run yet, but it is not payable. */
export function isLapsed(o: MpOrder, now: number): boolean {
  return o.status === 'created' && now >= o.expires_at;
}
