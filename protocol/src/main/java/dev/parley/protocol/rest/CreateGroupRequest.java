package dev.parley.protocol.rest;

import dev.parley.protocol.AccountId;
import java.util.List;

/** {@code POST /v1/groups}: the creator becomes the owner; {@code members} are added with it. */
public record CreateGroupRequest(String name, String description, List<AccountId> members) {}
