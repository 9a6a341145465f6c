package dev.parley.server.groups;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import java.util.List;
import java.util.Optional;

/** Conversations and their membership. Implementations are thread-safe. */
public interface ConversationStore {

  Optional<Conversation> find(ConversationId id);

  /** Creates the direct conversation of two accounts if it does not exist yet; idempotent. */
  void createDirect(ConversationId id, AccountId first, AccountId second, long now);

  /** The conversations the account is a member of. */
  List<ConversationId> conversationsOf(AccountId account);
}
