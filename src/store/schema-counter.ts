// The counter's tables and the shared status history (see migrations/0006_counter.sql).

export interface StatusHistoryTable {
  aggregate: string;
  aggregate_id: string;
  seq: number;
  status: string;
  detail: string | null;
  created_at: number;
}

export interface OpenChargeTable {
  source_kind: string;
  source_id: string;
  seller_id: number;
  family: string;
  charge_id: string;
  created_at: number;
}

export interface PaymentTable {
  id: number;
  seller_id: number;
  family: string;
  charge_id: string;
  status: string;
  status_detail: string;
  currency: string;
  amount: number;
  amount_refunded: number;
  external_reference: string | null;
  notification_url: string | null;
  version: number;
  /** JSON: the rest of the payment (PaymentDocument). */
  document: string;
  date_created: number;
  date_approved: number | null;
  date_last_updated: number;
}

export interface PaymentRefundTable {
  id: number;
  payment_id: number;
  seller_id: number;
  amount: number;
  status: string;
  charge_refund_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface CounterTables {
  status_history: StatusHistoryTable;
  open_charges: OpenChargeTable;
  payments: PaymentTable;
  payment_refunds: PaymentRefundTable;
}
