import type { CounterTables } from './schema-counter.js';
import type { DepayTables } from './schema-depay.js';
import type { InstoreIntentTables } from './schema-instore-intents.js';
import type { LegacyQrTables } from './schema-legacy-qr.js';
import type { PointIntentTables } from './schema-point-intents.js';
import type { MpOrderTables } from './schema-mp-orders.js';
import type { TerminalTables } from './schema-terminals.js';

// Row types of every table, as Kysely sees them. Times are epoch ms (numbers),
// booleans are 0/1, JSON documents are strings.

export interface IdSequenceTable { name: string; value: number }
export interface SettingTable { key: string; value: string }

export interface SellerTable {
  id: number;
  site_id: string;
  name: string;
  nickname: string;
  email: string;
  application_id: number;
  public_key: string;
  webhook_secret: string;
  clock_offset_ms: number;
  created_at: number;
}

export interface CredentialTable {
  token_hash: string;
  seller_id: number;
  kind: 'access_token' | 'depay_api_key';
  created_at: number;
}

export interface StoreTable {
  id: number;
  seller_id: number;
  external_id: string | null;
  name: string;
  location: string;
  business_hours: string | null;
  date_created: number;
  date_last_updated: number;
}

export interface PosTable {
  id: number;
  seller_id: number;
  /** null once its store was deleted (the POS is unlinked, its QR keeps working). */
  store_id: number | null;
  external_store_id: string | null;
  external_id: string;
  name: string;
  fixed_amount: number;
  category: number | null;
  url: string | null;
  uuid: string;
  qr_token: string;
  status: string;
  date_created: number;
  date_last_updated: number;
}

export interface QrCodeTable {
  token: string;
  seller_id: number;
  kind: string;
  target_id: string;
  payload: string;
  created_at: number;
}

export interface IdempotencyKeyTable {
  seller_id: number;
  idem_key: string;
  fingerprint: string;
  status_code: number;
  response_body: string;
  created_at: number;
}

export interface WebhookConfigTable {
  seller_id: number;
  url: string | null;
  /** JSON array of topic names. */
  topics: string;
  data_id_casing: 'original' | 'lowercase';
  ts_unit: 'seconds' | 'milliseconds';
  updated_at: number;
}

export interface EventTable {
  id: string;
  seller_id: number;
  type: string;
  resource_id: string;
  created_at: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

export interface DeliveryTable {
  id: string;
  event_id: string;
  seller_id: number;
  kind: string;
  topic: string;
  action: string | null;
  resource_id: string;
  url: string | null;
  body: string;
  request_id: string;
  status: DeliveryStatus;
  attempt_count: number;
  /** Wall-clock ms. */
  due_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  replay_of: string | null;
  created_at: number;
  updated_at: number;
}

export interface DeliveryAttemptTable {
  delivery_id: string;
  number: number;
  started_at: number;
  duration_ms: number;
  request_url: string;
  request_headers: string;
  request_body: string;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
}

export interface TimerTable {
  id: string;
  seller_id: number;
  kind: string;
  target_id: string;
  /** Wall-clock ms. */
  due_at: number;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: number;
}

export interface SchemaMigrationTable { version: string; applied_at: number }

/**
 * Every table. API families keep their tables in their own files
 * (schema-*.ts) and join here.
 */
export interface Database extends MpOrderTables, DepayTables, CounterTables, TerminalTables, LegacyQrTables, PointIntentTables, InstoreIntentTables {
  id_sequences: IdSequenceTable;
  settings: SettingTable;
  sellers: SellerTable;
  credentials: CredentialTable;
  stores: StoreTable;
  pos: PosTable;
  qr_codes: QrCodeTable;
  idempotency_keys: IdempotencyKeyTable;
  webhook_configs: WebhookConfigTable;
  events: EventTable;
  deliveries: DeliveryTable;
  delivery_attempts: DeliveryAttemptTable;
  timers: TimerTable;
  schema_migrations: SchemaMigrationTable;
}
