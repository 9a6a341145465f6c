package dev.parley.protocol.rest;

/** {@code PATCH /v1/groups/{id}/settings}: fields left null keep their value. */
public record GroupSettingsUpdate(Boolean onlyAdminsSend, Boolean onlyAdminsEditInfo) {}
