-- Leaner hot path (docs/performance.md): the committer hands out delivery ids itself, from blocks
-- reserved in id_blocks, and keeps each conversation's last seq in memory (read back from messages,
-- which are never deleted), so a send needs no counter upsert and no RETURNING.

CREATE TABLE id_blocks (
  name    TEXT    PRIMARY KEY,
  next_id INTEGER NOT NULL
);
-- Ids never go back, not even past deleted rows: a device may still ack an id it was sent before.
INSERT INTO id_blocks (name, next_id)
  VALUES ('delivery', MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'deliveries'), 0),
                          COALESCE((SELECT MAX(id) FROM deliveries), 0)) + 1);

DROP TABLE conversation_counters;

-- A device's queue clustered by device: one b-tree instead of a table plus an index, and no
-- sqlite_sequence row to update per insert. has_copy marks deliveries whose device has its own
-- payload in message_payloads, so an ack only deletes copies that exist.
CREATE TABLE deliveries_v3 (
  account_id       TEXT    NOT NULL,
  device_id        INTEGER NOT NULL,
  id               INTEGER NOT NULL,
  kind             TEXT    NOT NULL,
  conversation_id  TEXT    NOT NULL,
  message_id       TEXT,
  seq              INTEGER NOT NULL,
  actor_account_id TEXT    NOT NULL,
  actor_device_id  INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  has_copy         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, device_id, id)
) WITHOUT ROWID;
INSERT INTO deliveries_v3 (account_id, device_id, id, kind, conversation_id, message_id, seq, actor_account_id,
                           actor_device_id, created_at, has_copy)
  SELECT d.account_id, d.device_id, d.id, d.kind, d.conversation_id, d.message_id, d.seq, d.actor_account_id,
         d.actor_device_id, d.created_at,
         EXISTS (SELECT 1 FROM message_payloads p
                 WHERE p.message_id = d.message_id AND p.account_id = d.account_id AND p.device_id = d.device_id)
  FROM deliveries d;
DROP TABLE deliveries;
ALTER TABLE deliveries_v3 RENAME TO deliveries;

CREATE TABLE message_receipts_v3 (
  message_id   TEXT    NOT NULL,
  account_id   TEXT    NOT NULL,
  device_id    INTEGER NOT NULL,
  delivered_at INTEGER NOT NULL,
  PRIMARY KEY (message_id, account_id, device_id)
) WITHOUT ROWID;
INSERT INTO message_receipts_v3 SELECT message_id, account_id, device_id, delivered_at FROM message_receipts;
DROP TABLE message_receipts;
ALTER TABLE message_receipts_v3 RENAME TO message_receipts;
