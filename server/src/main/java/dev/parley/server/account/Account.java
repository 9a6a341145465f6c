package dev.parley.server.account;

import dev.parley.protocol.AccountId;

/** An account: one phone number, any number of devices. */
public record Account(AccountId id, String phone, String displayName, String about, long createdAt) {}
