-- Depay cross-border QR (seed 004). Portable SQL, as 0001: times are BIGINT
-- epoch ms on the SELLER's clock (tokens and QRs expire on it); amounts are
-- BIGINT minor units; rates are TEXT exact decimals; booleans INTEGER 0/1.

-- Bearer tokens from GET /depay/auth/token, stored as SHA-256 hashes.
CREATE TABLE depay_tokens (
  token_hash TEXT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  kind TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX depay_tokens_seller ON depay_tokens (seller_id, expires_at);

-- Sandbox switches per seller (PUT /sandbox/sellers/{user_id}/depay).
CREATE TABLE depay_settings (
  seller_id BIGINT PRIMARY KEY REFERENCES sellers (id),
  auto_outcome INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);

-- One row per QR order; version is the compare-and-set guard of its status.
CREATE TABLE depay_orders (
  id TEXT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  status TEXT NOT NULL,
  version INTEGER NOT NULL,
  external_reference TEXT NOT NULL,
  pos_external_reference TEXT NOT NULL,
  notification_url TEXT NOT NULL,
  tax_id TEXT,
  items TEXT,
  local_country TEXT NOT NULL,
  local_currency TEXT NOT NULL,
  local_amount BIGINT NOT NULL,
  qr_from TEXT NOT NULL,
  user_currency TEXT NOT NULL,
  user_amount BIGINT NOT NULL,
  local_per_usd TEXT NOT NULL,
  user_per_usd TEXT NOT NULL,
  exchange_rate TEXT NOT NULL,
  qr_data TEXT NOT NULL,
  refunded_local BIGINT NOT NULL,
  refunded_user BIGINT NOT NULL,
  settled_local BIGINT NOT NULL,
  payment_id TEXT,
  payer_name TEXT,
  payer_tax_id TEXT,
  payer_account TEXT,
  paid_at BIGINT,
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- The 409 "Conflict error" rule: one order per external_reference per seller.
CREATE UNIQUE INDEX depay_orders_seller_ref ON depay_orders (seller_id, external_reference);
CREATE INDEX depay_orders_seller_created ON depay_orders (seller_id, created_at);

-- The statuses[] history; seq is the order's version after the step.
CREATE TABLE depay_order_statuses (
  order_id TEXT NOT NULL REFERENCES depay_orders (id),
  seq INTEGER NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (order_id, seq)
);

CREATE TABLE depay_refunds (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES depay_orders (id),
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  status TEXT NOT NULL,
  partial INTEGER NOT NULL,
  amount_local BIGINT NOT NULL,
  amount_user BIGINT NOT NULL,
  reason TEXT NOT NULL,
  notification_url TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX depay_refunds_order ON depay_refunds (order_id, created_at);
