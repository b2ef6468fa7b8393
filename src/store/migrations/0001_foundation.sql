-- Portable SQL: SQLite and PostgreSQL both accept every statement here.
-- Conventions: times are BIGINT epoch milliseconds; booleans are INTEGER 0/1;
-- JSON documents are TEXT; numeric ids come from id_sequences (no SERIAL).

CREATE TABLE id_sequences (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);

-- Starting points mimic the magnitudes Mercado Pago prints (user ids of 10
-- digits, application ids of 16, store and POS ids of 8 and 9).
INSERT INTO id_sequences (name, value) VALUES ('user', 1900000000);
INSERT INTO id_sequences (name, value) VALUES ('application', 4190000000000000);
INSERT INTO id_sequences (name, value) VALUES ('store', 61000000);
INSERT INTO id_sequences (name, value) VALUES ('pos', 110000000);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE sellers (
  id BIGINT PRIMARY KEY,
  site_id TEXT NOT NULL,
  name TEXT NOT NULL,
  nickname TEXT NOT NULL,
  email TEXT NOT NULL,
  application_id BIGINT NOT NULL,
  public_key TEXT NOT NULL,
  webhook_secret TEXT NOT NULL,
  clock_offset_ms BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);

-- Secrets are stored as SHA-256 hashes; the plain value is shown once.
CREATE TABLE credentials (
  token_hash TEXT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX credentials_seller ON credentials (seller_id, kind);

CREATE TABLE stores (
  id BIGINT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  -- Optional in the API; NULLs never collide in the unique index (both engines).
  external_id TEXT,
  name TEXT NOT NULL,
  location TEXT NOT NULL,
  business_hours TEXT,
  date_created BIGINT NOT NULL,
  date_last_updated BIGINT NOT NULL
);
CREATE UNIQUE INDEX stores_seller_external ON stores (seller_id, external_id);

CREATE TABLE pos (
  id BIGINT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  store_id BIGINT NOT NULL REFERENCES stores (id),
  external_store_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  fixed_amount INTEGER NOT NULL,
  category BIGINT,
  url TEXT,
  uuid TEXT NOT NULL,
  qr_token TEXT NOT NULL,
  status TEXT NOT NULL,
  date_created BIGINT NOT NULL,
  date_last_updated BIGINT NOT NULL
);
CREATE UNIQUE INDEX pos_seller_external ON pos (seller_id, external_id);
CREATE UNIQUE INDEX pos_uuid ON pos (uuid);
CREATE INDEX pos_store ON pos (store_id);

-- Every QR payload caja issued, by the token it carries. The wallet resolves
-- only these, and only when the whole payload matches byte for byte.
CREATE TABLE qr_codes (
  token TEXT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  kind TEXT NOT NULL,
  target_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX qr_codes_target ON qr_codes (kind, target_id);

-- Idempotency records commit in the same transaction as the effect they
-- record; created_at is on the seller's clock (24 h retention).
CREATE TABLE idempotency_keys (
  seller_id BIGINT NOT NULL,
  idem_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status_code INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (seller_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
