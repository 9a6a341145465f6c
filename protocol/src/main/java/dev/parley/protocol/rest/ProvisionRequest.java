package dev.parley.protocol.rest;

/**
 * {@code POST /v1/admin/accounts}: create {@code count} accounts with one device each, on phone
 * numbers that start with {@code phonePrefix} ({@code +} and 1 to 11 digits). Admin only.
 */
public record ProvisionRequest(Integer count, String phonePrefix) {}
