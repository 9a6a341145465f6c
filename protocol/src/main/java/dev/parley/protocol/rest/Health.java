package dev.parley.protocol.rest;

/** {@code GET /health}: {@code status} is {@code ready}, {@code starting} or {@code stopping}. */
public record Health(String status, String version, String node) {}
