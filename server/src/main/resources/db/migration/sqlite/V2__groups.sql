-- Groups: info, settings, roles with join points, invite links; system messages; per-device receipts.
ALTER TABLE conversations ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN only_admins_send INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN only_admins_edit_info INTEGER NOT NULL DEFAULT 0;

-- A member sees the messages after joined_seq (a new member does not see what came before).
ALTER TABLE conversation_members ADD COLUMN joined_seq INTEGER NOT NULL DEFAULT 0;

CREATE TABLE group_invites (
  token_hash      TEXT    PRIMARY KEY,
  conversation_id TEXT    NOT NULL,
  created_by      TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  revoked_at      INTEGER
);
CREATE INDEX group_invites_by_conversation ON group_invites (conversation_id);

-- 'user' messages carry a payload; 'event' messages carry a group event as JSON.
ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'user';

-- Which recipient devices have acknowledged which message, for "delivered to all".
CREATE TABLE message_receipts (
  message_id   TEXT    NOT NULL,
  account_id   TEXT    NOT NULL,
  device_id    INTEGER NOT NULL,
  delivered_at INTEGER NOT NULL,
  PRIMARY KEY (message_id, account_id, device_id)
);
