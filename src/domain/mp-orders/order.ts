import type { CurrencyCode } from '../../core/currency.js';
import { err, type Result } from '../../core/result.js';
import type { Tx } from '../../store/db.js';
import { saveOrder, saveOrders } from './records.js';
import { canMove, machine, type WrongStatus } from '../lifecycle/machine.js';
import { move, moveMany } from '../lifecycle/move.js';
import type { SiteId } from '../sellers/sites.js';

/**
 * A Mercado Pago Orders API order of type qr (reference §1.3, §1.6; the QR
 * cash-out seed). Amounts are minor units; times are the seller's clock (ms).
 */
export type OrderStatus = 'created' | 'at_terminal' | 'processed' | 'failed' | 'action_required' | 'refunded' | 'expired' | 'canceled';
export type QrMode = 'static' | 'dynamic' | 'hybrid';
/** The mode column: a QR order's mode, or `point` for a Point order (no QR). */
export type OrderMode = QrMode | 'point';
export type TxnStatus = OrderStatus;
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
  /** Point: the tip the payer added on the terminal (minor units). */
  tip_amount?: number;
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
  /** When its status last changed (absent on refunds stored before it was kept). */
  updated_at?: number;
}

/** A Point order's config (supplement §1.1): the terminal, the ticket, the card defaults, as sent. */
export interface PointConfig {
  terminal_id: string;
  print_on_terminal: 'seller_ticket' | 'no_ticket';
  ticket_number?: string | undefined;
  payment_method?: { default_type?: string | undefined; default_installments?: string | undefined; installments_cost?: string | undefined } | undefined;
}

export interface MpOrder {
  id: string;
  seller_id: number;
  site_id: SiteId;
  user_id: string;
  application_id: string;
  type: 'qr' | 'point';
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
  mode: OrderMode;
  /** Point orders only. */
  point?: PointConfig | undefined;
  qr_data?: string | undefined;
  items?: Item[] | undefined;
  discounts?: { payment_methods: Array<{ type: string; new_total_amount: number }> } | undefined;
  integration_data: Record<string, unknown>;
  payments: Txn[];
  cash_outs: Txn[];
  refunds: Refund[];
  paid_at?: number | undefined;
  version: number;
  created_at: number;
  updated_at: number;
}

/**
 * One machine for both types. QR orders never reach at_terminal (nothing asks
 * for it); Point orders follow supplement §1.5: created → at_terminal |
 * canceled | expired; at_terminal → processed | failed | action_required |
 * canceled | expired (at_terminal → at_terminal: a cancellation requested);
 * processed → refunded.
 */
export const ORDER_MACHINE = machine<OrderStatus>('mp_order', {
  created: ['processed', 'canceled', 'expired', 'at_terminal'],
  at_terminal: ['at_terminal', 'processed', 'failed', 'action_required', 'canceled', 'expired'],
  // processed → processed is a partial refund (status_detail partially_refunded).
  processed: ['processed', 'refunded'],
  failed: [],
  action_required: [],
  refunded: [],
  expired: [],
  canceled: [],
});

// A transaction follows its order; this allow-list keeps the two levels apart (STYLE.md, hyperswitch).
const TXN_MACHINE = machine<TxnStatus>('mp_order_transaction', {
  created: ['processed', 'canceled', 'expired', 'at_terminal'],
  at_terminal: ['processed', 'failed', 'action_required', 'canceled', 'expired'],
  processed: ['refunded'],
  failed: [],
  action_required: [],
  refunded: [],
  expired: [],
  canceled: [],
});

/** A transaction's new status and detail, if its allow-list lets it move there (staying put is allowed). */
export function txnMoved(t: Txn, to: TxnStatus, detail: string): Txn | undefined {
  if (t.status !== to && !canMove(TXN_MACHINE, t.status, to)) return undefined;
  return { ...t, status: to, status_detail: detail };
}

/**
 * The one way an order changes status: the allow-list, a compare-and-set on
 * version and a status-history row (src/domain/lifecycle). `edit` builds the
 * rest of the change (transactions, refunds) on a copy; a transaction that may
 * not follow makes the whole move a refusal.
 */
export async function moveOrder(
  tx: Tx,
  o: MpOrder,
  to: OrderStatus,
  detail: string,
  now: number,
  edit: (o: MpOrder) => MpOrder | undefined = (x) => x,
): Promise<Result<MpOrder, WrongStatus<OrderStatus>>> {
  const edited = edit(structuredClone(o));
  if (!edited) return err({ code: 'wrong_status', status: o.status });
  return move(tx, ORDER_MACHINE, o, [{ status: to, detail }], () => ({ ...edited, status_detail: detail, updated_at: now }), {
    at: now,
    save: (next, expected) => saveOrder(tx.ex, next, expected),
  });
}

/**
 * `moveOrder` for a batch of distinct orders (due timers), each at its own
 * seller's time: the same allow-list and edit, one compare-and-set statement
 * for all (lifecycle `moveMany`: one lost race throws ConcurrencyConflict).
 * Unlike moveOrder, `edit` gets the order itself, not a copy: it must build a
 * new object (as withTransactions does). Answers a Result per item, in order.
 */
export async function moveOrders(
  tx: Tx,
  items: ReadonlyArray<{ order: MpOrder; now: number }>,
  to: OrderStatus,
  detail: string,
  edit: (o: MpOrder) => MpOrder | undefined = (x) => x,
): Promise<Array<Result<MpOrder, WrongStatus<OrderStatus>>>> {
  const edited = items.map((i) => edit(i.order));
  const movable = items.flatMap((i, k) => (edited[k] ? [{ ...i, edited: edited[k] }] : []));
  const moved = await moveMany(
    tx,
    ORDER_MACHINE,
    movable.map((i) => ({ aggregate: i.order, path: [{ status: to, detail }], next: () => ({ ...i.edited, status_detail: detail, updated_at: i.now }), at: i.now })),
    { saveMany: (m) => saveOrders(tx.ex, tx.dialect, m) },
  );
  let k = 0;
  return items.map((i, n) => (edited[n] ? moved[k++]! : err({ code: 'wrong_status', status: i.order.status })));
}

/** Moves every transaction of a copy of the order; undefined when one may not. */
export function withTransactions(o: MpOrder, to: TxnStatus, detail: string, extra: (t: Txn) => Partial<Txn> = () => ({})): MpOrder | undefined {
  const step = (ts: Txn[]) => ts.map((t) => txnMoved({ ...t, ...extra(t) }, to, detail));
  const payments = step(o.payments);
  const cashOuts = step(o.cash_outs);
  if ([...payments, ...cashOuts].some((t) => !t)) return undefined;
  return { ...o, payments: payments as Txn[], cash_outs: cashOuts as Txn[] };
}

export function transactionsOf(o: MpOrder): Txn[] {
  return [...o.payments, ...o.cash_outs];
}

/** Created but past its expiration_time: the expiry timer may not have run yet, but it is not payable. */
export function isLapsed(o: MpOrder, now: number): boolean {
  return o.status === 'created' && now >= o.expires_at;
}
