// The Instore intents API (see migrations/0015_instore_intents.sql).

export interface InstoreIntentTable {
  id: string;
  seller_id: number;
  /** 'qr' | 'point'. */
  kind: string;
  pos_id: number | null;
  terminal_id: string | null;
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

export interface InstoreIntentTables {
  instore_intents: InstoreIntentTable;
}
