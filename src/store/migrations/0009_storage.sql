-- Storage that stays bounded (issue 16). No query reads events by resource
-- (the notification log reads deliveries), so events_resource was one B-tree
-- write per event for nothing; retention finds old events by their
-- time-ordered id. Idempotency keys are pruned per seller on the seller's
-- clock, so their date index leads with the seller (same writes as before).
DROP INDEX events_resource;
DROP INDEX idempotency_keys_created;
CREATE INDEX idempotency_keys_seller_created ON idempotency_keys (seller_id, created_at);
