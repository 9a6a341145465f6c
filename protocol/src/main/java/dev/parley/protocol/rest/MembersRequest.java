package dev.parley.protocol.rest;

import dev.parley.protocol.AccountId;
import java.util.List;

/** {@code POST /v1/groups/{id}/members} and {@code POST /v1/groups/{id}/admins}. */
public record MembersRequest(List<AccountId> accountIds) {}
