-- Deleting a store unlinks its POS (Mercado Pago's QR overview: delete "unlinks it
-- from its POS terminals"), so a POS may have no store. Neither engine can drop a
-- NOT NULL portably, so the table is rebuilt with the same columns in the same order.
CREATE TABLE pos_0008 (
  id BIGINT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  store_id BIGINT REFERENCES stores (id),
  external_store_id TEXT,
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
INSERT INTO pos_0008 (id, seller_id, store_id, external_store_id, external_id, name, fixed_amount, category, url, uuid, qr_token, status, date_created, date_last_updated)
  SELECT id, seller_id, store_id, external_store_id, external_id, name, fixed_amount, category, url, uuid, qr_token, status, date_created, date_last_updated FROM pos;
DROP TABLE pos;
ALTER TABLE pos_0008 RENAME TO pos;
CREATE UNIQUE INDEX pos_seller_external ON pos (seller_id, external_id);
CREATE UNIQUE INDEX pos_uuid ON pos (uuid);
CREATE INDEX pos_store ON pos (store_id);
