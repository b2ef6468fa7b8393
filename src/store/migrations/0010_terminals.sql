-- Point terminals (issue 9): a seller's card terminals, each on one POS.
-- The id is Mercado Pago's `TYPE__SERIAL` (NEWLAND_N950__SBX0000001), the
-- serial from the 'terminal' sequence. The simulated device's settings and
-- its screen live on the same row; every change is a compare-and-set on
-- `version`. Times are on the seller's clock.

CREATE TABLE terminals (
  id TEXT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  model TEXT NOT NULL,
  pos_id BIGINT NOT NULL,
  store_id BIGINT NOT NULL,
  operating_mode TEXT NOT NULL,
  take_delay_ms INTEGER NOT NULL,
  auto_after_ms INTEGER,
  auto_outcome TEXT,
  screen TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- "Only one pos-store with PDV mode ON ... is allowed": held by the index, not by a read before the write.
CREATE UNIQUE INDEX terminals_one_pdv_per_pos ON terminals (pos_id) WHERE operating_mode = 'PDV';
CREATE INDEX terminals_seller ON terminals (seller_id, created_at);

INSERT INTO id_sequences (name, value) VALUES ('terminal', 0);
