-- Parley schema, PostgreSQL dialect. Times are epoch milliseconds. Keep in step with ../sqlite.

-- account
CREATE TABLE accounts (
  id             TEXT    PRIMARY KEY,
  phone          TEXT    NOT NULL UNIQUE,
  display_name   TEXT    NOT NULL DEFAULT '',
  about          TEXT    NOT NULL DEFAULT '',
  next_device_id BIGINT  NOT NULL DEFAULT 1,
  created_at     BIGINT  NOT NULL
);

CREATE TABLE devices (
  account_id   TEXT    NOT NULL REFERENCES accounts (id),
  device_id    BIGINT  NOT NULL,
  name         TEXT    NOT NULL,
  created_at   BIGINT  NOT NULL,
  last_seen_at BIGINT  NOT NULL,
  PRIMARY KEY (account_id, device_id)
);

CREATE TABLE otp_codes (
  phone      TEXT    PRIMARY KEY,
  code_hash  TEXT    NOT NULL,
  expires_at BIGINT  NOT NULL,
  attempts   BIGINT  NOT NULL,
  sent_at    BIGINT  NOT NULL
);

CREATE TABLE refresh_tokens (
  token_hash TEXT    PRIMARY KEY,
  family_id  TEXT    NOT NULL,
  account_id TEXT    NOT NULL,
  device_id  BIGINT  NOT NULL,
  expires_at BIGINT  NOT NULL,
  spent_at   BIGINT,
  revoked_at BIGINT
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_by_device ON refresh_tokens (account_id, device_id);

-- groups (conversations and their members)
CREATE TABLE conversations (
  id         TEXT    PRIMARY KEY,
  kind       TEXT    NOT NULL,
  created_at BIGINT  NOT NULL
);

CREATE TABLE conversation_members (
  conversation_id TEXT    NOT NULL REFERENCES conversations (id),
  account_id      TEXT    NOT NULL,
  role            TEXT    NOT NULL,
  joined_at       BIGINT  NOT NULL,
  PRIMARY KEY (conversation_id, account_id)
);
CREATE INDEX conversation_members_by_account ON conversation_members (account_id);

-- messaging
CREATE TABLE conversation_counters (
  conversation_id TEXT    PRIMARY KEY,
  last_seq        BIGINT  NOT NULL
);

CREATE TABLE messages (
  id                TEXT    PRIMARY KEY,
  conversation_id   TEXT    NOT NULL,
  seq               BIGINT  NOT NULL,
  sender_account_id TEXT    NOT NULL,
  sender_device_id  BIGINT  NOT NULL,
  client_message_id TEXT    NOT NULL,
  server_time       BIGINT  NOT NULL,
  payload           TEXT
);
CREATE UNIQUE INDEX messages_by_conversation_seq ON messages (conversation_id, seq);
CREATE UNIQUE INDEX messages_by_client_id ON messages (sender_account_id, sender_device_id, client_message_id);

-- One device's copy of a message sent per device (end-to-end encrypted); deleted once that device acks.
CREATE TABLE message_payloads (
  message_id TEXT    NOT NULL,
  account_id TEXT    NOT NULL,
  device_id  BIGINT  NOT NULL,
  payload    TEXT    NOT NULL,
  PRIMARY KEY (message_id, account_id, device_id)
);

-- A device's delivery queue: messages and receipts it has not acknowledged yet, in id order.
CREATE TABLE deliveries (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       TEXT    NOT NULL,
  device_id        BIGINT  NOT NULL,
  kind             TEXT    NOT NULL,
  conversation_id  TEXT    NOT NULL,
  message_id       TEXT,
  seq              BIGINT  NOT NULL,
  actor_account_id TEXT    NOT NULL,
  actor_device_id  BIGINT  NOT NULL,
  created_at       BIGINT  NOT NULL
);
CREATE INDEX deliveries_by_device ON deliveries (account_id, device_id, id);

CREATE TABLE read_markers (
  conversation_id TEXT    NOT NULL,
  account_id      TEXT    NOT NULL,
  seq             BIGINT  NOT NULL,
  PRIMARY KEY (conversation_id, account_id)
);
