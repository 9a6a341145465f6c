package dev.parley.protocol.rest;

/** {@code POST /v1/groups/join}. */
public record JoinRequest(String token) {}
