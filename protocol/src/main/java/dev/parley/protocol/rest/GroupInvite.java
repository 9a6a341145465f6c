package dev.parley.protocol.rest;

import dev.parley.protocol.ConversationId;

/** An invite link's token: anyone holding it can join until an admin revokes it. */
public record GroupInvite(ConversationId conversationId, String token) {}
