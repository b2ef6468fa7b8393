// Mercado Pago Orders API tables (see migrations/0003_mp_orders.sql).

export interface MpOrderTable {
  id: string;
  seller_id: number;
  type: string;
  pos_id: number;
  external_pos_id: string;
  mode: 'static' | 'dynamic' | 'hybrid' | 'point';
  external_reference: string;
  currency: string;
  total_amount: number;
  status: string;
  status_detail: string;
  /** Seller clock, ms. */
  expires_at: number;
  version: number;
  /** JSON: the rest of the aggregate. */
  document: string;
  created_at: number;
  updated_at: number;
}

export interface MpSellerOptionsTable {
  seller_id: number;
  managed_wallet: number;
  static_expiry_cap: number;
  refund_answer: string;
  updated_at: number;
}

export interface MpOrderTables {
  mp_orders: MpOrderTable;
  mp_seller_options: MpSellerOptionsTable;
}
