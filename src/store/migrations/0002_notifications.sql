-- Notifications: a transactional outbox (events), one delivery per target,
-- one append-only row per attempt; plus timers (expirations, scheduled
-- transitions). Due times (due_at, lease_until) are WALL-CLOCK ms; advancing a
-- seller's test clock pulls that seller's pending due times earlier. created_at
-- and started_at are on the seller's clock, as shown to the integrator.

CREATE TABLE webhook_configs (
  seller_id BIGINT PRIMARY KEY REFERENCES sellers (id),
  url TEXT,
  topics TEXT NOT NULL,
  data_id_casing TEXT NOT NULL,
  ts_unit TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX events_resource ON events (seller_id, resource_id);

CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events (id),
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  kind TEXT NOT NULL,
  topic TEXT NOT NULL,
  action TEXT,
  resource_id TEXT NOT NULL,
  url TEXT,
  body TEXT NOT NULL,
  request_id TEXT NOT NULL,
  status TEXT NOT NULL,
  attempt_count INTEGER NOT NULL,
  due_at BIGINT,
  lease_owner TEXT,
  lease_until BIGINT,
  last_error TEXT,
  replay_of TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (due_at) WHERE status = 'pending';
CREATE INDEX deliveries_seller ON deliveries (seller_id, created_at);
CREATE INDEX deliveries_resource ON deliveries (seller_id, resource_id);

CREATE TABLE delivery_attempts (
  delivery_id TEXT NOT NULL REFERENCES deliveries (id),
  number INTEGER NOT NULL,
  started_at BIGINT NOT NULL,
  duration_ms INTEGER NOT NULL,
  request_url TEXT NOT NULL,
  request_headers TEXT NOT NULL,
  request_body TEXT NOT NULL,
  response_status INTEGER,
  response_body TEXT,
  error TEXT,
  PRIMARY KEY (delivery_id, number)
);

CREATE TABLE timers (
  id TEXT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  kind TEXT NOT NULL,
  target_id TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  last_error TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX timers_due ON timers (due_at) WHERE status = 'pending';
CREATE INDEX timers_target ON timers (kind, target_id);
