-- Mercado Pago Orders API (type qr). An order is one aggregate: searchable
-- columns plus a JSON document (transactions, refunds, items, attempts).
-- Every change is a compare-and-set on `version`, which is also the webhook's
-- data.version. Times are on the seller's clock.

CREATE TABLE mp_orders (
  id TEXT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  type TEXT NOT NULL,
  pos_id BIGINT NOT NULL,
  external_pos_id TEXT NOT NULL,
  mode TEXT NOT NULL,
  external_reference TEXT NOT NULL,
  currency TEXT NOT NULL,
  total_amount BIGINT NOT NULL,
  status TEXT NOT NULL,
  status_detail TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- What a POS's static QR leads to: its newest open static or hybrid order.
CREATE INDEX mp_orders_open_by_pos ON mp_orders (pos_id, created_at) WHERE status = 'created';
CREATE INDEX mp_orders_seller_created ON mp_orders (seller_id, created_at);
CREATE INDEX mp_orders_seller_reference ON mp_orders (seller_id, external_reference);

-- Mercado Pago payment ids (the transactions' reference_id) are numeric.
INSERT INTO id_sequences (name, value) VALUES ('payment', 116228240000);
