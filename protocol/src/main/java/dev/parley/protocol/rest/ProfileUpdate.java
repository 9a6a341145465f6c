package dev.parley.protocol.rest;

/** {@code PATCH /v1/profile}: fields left null keep their value. */
public record ProfileUpdate(String displayName, String about) {}
