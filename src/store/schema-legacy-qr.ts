// The legacy QR order models and merchant_orders (see migrations/0011_legacy_qr.sql).

export interface InstoreOrderTable {
  id: string;
  seller_id: number;
  pos_id: number;
  model: string;
  external_reference: string | null;
  status: string;
  /** Seller clock, ms. */
  expires_at: number;
  version: number;
  /** JSON: the rest of the aggregate. */
  document: string;
  created_at: number;
  updated_at: number;
}

export interface MerchantOrderTable {
  id: number;
  seller_id: number;
  charge_id: string | null;
  status: string;
  external_reference: string | null;
  preference_id: string | null;
  application_id: string | null;
  sponsor_id: number | null;
  site_id: string;
  marketplace: string;
  version: number;
  /** JSON: the rest of the aggregate. */
  document: string;
  date_created: number;
  last_updated: number;
}

export interface LegacyQrTables {
  instore_orders: InstoreOrderTable;
  merchant_orders: MerchantOrderTable;
}
