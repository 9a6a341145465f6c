package dev.parley.protocol.rest;

import dev.parley.protocol.AccountId;

/**
 * A signed-in device's credentials. The access token is a short-lived JWT; the refresh token is
 * opaque, single-use, and replaced by every refresh.
 */
public record SessionTokens(
    AccountId accountId,
    int deviceId,
    String accessToken,
    long accessTokenExpiresAt,
    String refreshToken,
    boolean newAccount) {}
