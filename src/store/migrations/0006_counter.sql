-- The counter (src/domain/counter): what a payer pays through, the one open
-- charge per source, and the payments ledger; plus the status history every
-- aggregate's moves write (src/domain/lifecycle).

-- One row per status change of any aggregate but Depay orders (which keep
-- their own history table, served by their API). seq is the aggregate's
-- version after the step.
CREATE TABLE status_history (
  aggregate TEXT NOT NULL,
  aggregate_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  status TEXT NOT NULL,
  detail TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (aggregate, aggregate_id, seq)
);

-- Only open charges have a row, so the primary key is the "one open charge
-- per source" rule: a POS's static QR (source_kind 'pos') or a terminal. A
-- second claim either replaces the holder or is refused by the key itself.
CREATE TABLE open_charges (
  source_kind TEXT NOT NULL,
  source_id TEXT NOT NULL,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  family TEXT NOT NULL,
  charge_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (source_kind, source_id)
);

-- Every payment attempt of every Mercado Pago family, approved or rejected,
-- with Mercado Pago's numeric ids (the 'payment' sequence). Searchable
-- columns plus a JSON document (payer, card, references, items, ...).
CREATE TABLE payments (
  id BIGINT PRIMARY KEY,
  seller_id BIGINT NOT NULL REFERENCES sellers (id),
  family TEXT NOT NULL,
  charge_id TEXT NOT NULL,
  status TEXT NOT NULL,
  status_detail TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount BIGINT NOT NULL,
  amount_refunded BIGINT NOT NULL,
  external_reference TEXT,
  notification_url TEXT,
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  date_created BIGINT NOT NULL,
  date_approved BIGINT,
  date_last_updated BIGINT NOT NULL
);
CREATE INDEX payments_seller_created ON payments (seller_id, date_created);
CREATE INDEX payments_charge ON payments (charge_id);

CREATE TABLE payment_refunds (
  id BIGINT PRIMARY KEY,
  payment_id BIGINT NOT NULL,
  seller_id BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  status TEXT NOT NULL,
  -- The order's refund (REF...) when the refund belongs to an Orders order.
  charge_refund_id TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX payment_refunds_payment ON payment_refunds (payment_id);

INSERT INTO id_sequences (name, value) VALUES ('payment_refund', 1009040000);
