-- The legacy QR order models (attended, in-store orders v2, dynamic QR) and
-- merchant_orders (src/domain/legacy-qr, src/domain/merchant-orders). Both are
-- aggregates stored as searchable columns plus a JSON document; every change
-- is a compare-and-set on `version`. Times are on the seller's clock.

CREATE TABLE instore_orders (
  id TEXT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  pos_id BIGINT NOT NULL,
  model TEXT NOT NULL,
  external_reference TEXT,
  status TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- A POS has at most one open legacy order (a new one replaces it).
CREATE INDEX instore_orders_open_by_pos ON instore_orders (pos_id, created_at) WHERE status = 'open';

-- merchant_orders: numeric ids (the 'merchant_order' sequence). charge_id is
-- the charge the order was scanned or paid for (an in-store order, an Orders
-- order), null for one created through POST /merchant_orders.
CREATE TABLE merchant_orders (
  id BIGINT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  charge_id TEXT,
  status TEXT NOT NULL,
  external_reference TEXT,
  preference_id TEXT,
  application_id TEXT,
  sponsor_id BIGINT,
  site_id TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  date_created BIGINT NOT NULL,
  last_updated BIGINT NOT NULL
);
CREATE INDEX merchant_orders_seller_created ON merchant_orders (seller_id, date_created);
CREATE INDEX merchant_orders_charge ON merchant_orders (charge_id, date_created);

-- The ids of real merchant_orders are 11 digits (supplement §6: 15140831325).
INSERT INTO id_sequences (name, value) VALUES ('merchant_order', 15140830000);
