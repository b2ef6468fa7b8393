-- The Instore intents API (src/domain/instore-intents; supplement §4, seeds
-- 000 and 001): QR and Point intents in one table, stored as searchable
-- columns plus a JSON document; every change is a compare-and-set on
-- `version`. Times are on the seller's clock. pos_id is the POS the intent was
-- created for (a Point intent created for a device: that device's POS, if any);
-- terminal_id the Point device it queues on (null for QR).

CREATE TABLE instore_intents (
  id TEXT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  kind TEXT NOT NULL,
  pos_id BIGINT,
  terminal_id TEXT,
  external_reference TEXT,
  status TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- Retention, the dashboard's list and the change probe read a seller's rows by (seller_id, created_at).
CREATE INDEX instore_intents_seller_created ON instore_intents (seller_id, created_at);
