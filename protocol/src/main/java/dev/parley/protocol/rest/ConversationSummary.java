package dev.parley.protocol.rest;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import java.util.List;

/** {@code GET /v1/conversations}: the conversations this account is a member of. */
public record ConversationSummary(ConversationId conversationId, String kind, List<AccountId> members, long lastSeq) {}
