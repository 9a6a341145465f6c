package dev.parley.protocol.rest;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.GroupSettings;
import java.util.List;

/** A group as its members see it. {@code joinedSeq}: the member sees messages after this seq. */
public record GroupInfo(
    ConversationId conversationId, String name, String description, GroupSettings settings, List<Member> members,
    long createdAt) {

  public record Member(AccountId accountId, String role, long joinedSeq) {}
}
