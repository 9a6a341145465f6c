package dev.parley.server.groups;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/** Conversations, their members, info and invite links. Implementations are thread-safe. */
public interface ConversationStore {

  Optional<Conversation> find(ConversationId id);

  /** Creates the direct conversation of two accounts if it does not exist yet; idempotent. */
  void createDirect(ConversationId id, AccountId first, AccountId second, long now);

  /** The conversations the account is a member of. */
  List<ConversationId> conversationsOf(AccountId account);

  /**
   * Changes a group in one transaction that is ordered with every message of every conversation:
   * reads the group, asks {@code decide} for the plan, writes it, and appends the plan's events as
   * system messages delivered to the members after the change and to {@code alsoNotify}.
   * {@code applied} sees the new state on the committing thread before any later write runs, so
   * caches that message sends read stay exactly in step; the future completes after the commit.
   */
  CompletableFuture<Outcome<Conversation>> change(
      ConversationId id, DeviceId actor, Function<Optional<Conversation>, Outcome<GroupPlan>> decide, Consumer<Conversation> applied);

  void createInvite(ConversationId id, String tokenHash, AccountId createdBy, long now);

  /** The group a live (not revoked) invite token hash opens. */
  Optional<ConversationId> findInvite(String tokenHash);

  /** Revokes the invite if it belongs to the group; false if there was no such live invite. */
  boolean revokeInvite(ConversationId id, String tokenHash, long now);
}
