package dev.parley.protocol.rest;

import java.util.List;

/** {@code POST /v1/contacts/lookup}: which of these phone numbers have accounts (at most 500). */
public record ContactLookupRequest(List<String> phones) {}
