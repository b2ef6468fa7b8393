// The Point Integration API's payment intents (see migrations/0014_point_intents.sql).

export interface PointIntentTable {
  id: string;
  seller_id: number;
  device_id: string;
  status: string;
  version: number;
  /** JSON: the rest of the aggregate. */
  document: string;
  /** Seller clock, ms. */
  created_at: number;
  updated_at: number;
}

export interface PointIntentTables {
  point_intents: PointIntentTable;
}
