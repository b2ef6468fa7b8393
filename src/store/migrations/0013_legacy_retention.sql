-- Retention (jobs/retention/rules.ts) dates a table's rows by an index that
-- leads with (seller_id, time): in-store orders get theirs.
CREATE INDEX instore_orders_seller_created ON instore_orders (seller_id, created_at);
