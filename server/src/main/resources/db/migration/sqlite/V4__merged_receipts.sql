-- A queued `delivered` receipt names several devices and messages (docs/protocol.md): they are kept
-- in `receipt` as `account/device,...|seq/messageId,...` (ReceiptColumn). Receipts queued before
-- this migration named one device (the actor columns) and one message.
ALTER TABLE deliveries ADD COLUMN receipt TEXT;
UPDATE deliveries
  SET receipt = actor_account_id || '/' || actor_device_id || '|' || seq || '/' || message_id
  WHERE kind = 'delivered';
