-- Per-seller Mercado Pago behaviours where the documents split (README, fidelity):
-- managed_wallet: cash-out and extra cash are for Managed Wallet sellers only;
-- static_expiry_cap: a newer reference caps static QR orders at 10 minutes (seed 003 does not);
-- refund_answer: the immediate answer of a total refund (seed 003's or the reference's form).
CREATE TABLE mp_seller_options (
  seller_id BIGINT PRIMARY KEY REFERENCES sellers (id),
  managed_wallet INTEGER NOT NULL,
  static_expiry_cap INTEGER NOT NULL,
  refund_answer TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
