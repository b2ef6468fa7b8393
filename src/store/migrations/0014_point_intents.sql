-- The Point Integration API's payment intents (reference §4.1; src/domain/point-intents):
-- an aggregate stored as searchable columns plus a JSON document; every change
-- is a compare-and-set on `version`, its steps in status_history (aggregate
-- 'point_intent'). One waiting charge per terminal is open_charges' rule, not
-- this table's. Times are on the seller's clock.

CREATE TABLE point_intents (
  id TEXT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  device_id TEXT NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- Retention dates rows by (seller_id, created_at); the events list reads final states by (seller_id, updated_at).
CREATE INDEX point_intents_seller_created ON point_intents (seller_id, created_at);
CREATE INDEX point_intents_seller_updated ON point_intents (seller_id, updated_at);
