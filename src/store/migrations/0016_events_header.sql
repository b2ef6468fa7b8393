-- An event row records that something happened to a resource (its type, the
-- resource, the seller's time) and parents the deliveries it caused; what each
-- target is sent is the delivery's own body, rendered when the event was
-- emitted. The payload the planners rendered from (a whole order, about 1 KB)
-- was stored beside it and never read: it doubled the pages every event writes.
ALTER TABLE events DROP COLUMN payload;
