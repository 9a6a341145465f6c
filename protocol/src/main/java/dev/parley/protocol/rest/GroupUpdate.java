package dev.parley.protocol.rest;

/** {@code PATCH /v1/groups/{id}}: fields left null keep their value. */
public record GroupUpdate(String name, String description) {}
