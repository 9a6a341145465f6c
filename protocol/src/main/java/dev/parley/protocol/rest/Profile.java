package dev.parley.protocol.rest;

import dev.parley.protocol.AccountId;

/** What an account shows to others. */
public record Profile(AccountId accountId, String displayName, String about) {}
