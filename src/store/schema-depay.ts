// Depay's tables (see migrations/0004_depay.sql). Times are epoch ms on the
// seller's clock, amounts integer minor units, rates exact decimal strings.

export interface DepayTokenTable {
  token_hash: string;
  seller_id: number;
  kind: 'access' | 'refresh';
  expires_at: number;
  /** A refresh token is spent once. */
  used_at: number | null;
  created_at: number;
}

export interface DepaySettingTable {
  seller_id: number;
  /** 0/1: stage outcomes run by themselves. */
  auto_outcome: number;
  updated_at: number;
}

export interface DepayOrderTable {
  id: string;
  seller_id: number;
  status: string;
  /** Compare-and-set guard: every transition bumps it. */
  version: number;
  external_reference: string;
  pos_external_reference: string;
  notification_url: string;
  tax_id: string | null;
  /** JSON array, as sent. */
  items: string | null;
  local_country: string;
  local_currency: string;
  local_amount: number;
  qr_from: string;
  user_currency: string;
  user_amount: number;
  local_per_usd: string;
  user_per_usd: string;
  exchange_rate: string;
  qr_data: string;
  /** Refunds requested (pending included), local and user minor units. */
  refunded_local: number;
  refunded_user: number;
  /** Refunds settled, local minor units. */
  settled_local: number;
  payment_id: string | null;
  payer_name: string | null;
  payer_tax_id: string | null;
  payer_account: string | null;
  paid_at: number | null;
  expires_at: number;
  created_at: number;
  updated_at: number;
}

export interface DepayOrderStatusTable {
  order_id: string;
  seq: number;
  status: string;
  reason: string | null;
  created_at: number;
}

export interface DepayRefundTable {
  id: string;
  order_id: string;
  seller_id: number;
  status: string;
  partial: number;
  amount_local: number;
  amount_user: number;
  reason: string;
  notification_url: string | null;
  created_at: number;
  updated_at: number;
}

export interface DepayTables {
  depay_tokens: DepayTokenTable;
  depay_settings: DepaySettingTable;
  depay_orders: DepayOrderTable;
  depay_order_statuses: DepayOrderStatusTable;
  depay_refunds: DepayRefundTable;
}
