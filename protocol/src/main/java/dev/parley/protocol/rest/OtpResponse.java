package dev.parley.protocol.rest;

/** The answer to {@link OtpRequest}: how long the code is valid and when another may be asked for. */
public record OtpResponse(String phone, long expiresInSeconds, long retryAfterSeconds) {}
