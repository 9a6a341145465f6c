-- Leaner hot path (docs/performance.md): the committer hands out delivery ids itself, from blocks
-- reserved in id_blocks, and keeps each conversation's last seq in memory (read back from messages,
-- which are never deleted), so a send needs no counter upsert and no RETURNING round trip.

CREATE TABLE id_blocks (
  name    TEXT   PRIMARY KEY,
  next_id BIGINT NOT NULL
);
-- Ids never go back, not even past deleted rows: a device may still ack an id it was sent before.
INSERT INTO id_blocks (name, next_id)
  SELECT 'delivery', GREATEST((SELECT last_value FROM deliveries_id_seq), COALESCE((SELECT MAX(id) FROM deliveries), 0)) + 1;
ALTER TABLE deliveries ALTER COLUMN id DROP IDENTITY;

DROP TABLE conversation_counters;

-- Marks deliveries whose device has its own payload in message_payloads, so an ack only deletes
-- copies that exist.
ALTER TABLE deliveries ADD COLUMN has_copy INTEGER NOT NULL DEFAULT 0;
UPDATE deliveries d SET has_copy = 1
  WHERE EXISTS (SELECT 1 FROM message_payloads p
                WHERE p.message_id = d.message_id AND p.account_id = d.account_id AND p.device_id = d.device_id);
