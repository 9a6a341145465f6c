package dev.parley.protocol.rest;

/** {@code POST /v1/sessions/refresh} and {@code POST /v1/sessions/logout}. */
public record RefreshRequest(String refreshToken) {}
