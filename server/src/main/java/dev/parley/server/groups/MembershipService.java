package dev.parley.server.groups;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who is in which conversation. Membership is read on every send, so it is cached per conversation
 * and invalidated on every change made through this service.
 *
 * <p>Direct conversations come into being on first use: their id names both members, so the first
 * message between two existing accounts creates it.
 */
public final class MembershipService {
  private final ConversationStore store;
  private final Predicate<AccountId> accountExists;
  private final InstantSource clock;
  private final LoadingCache<ConversationId, Optional<Conversation>> conversations;

  public MembershipService(ConversationStore store, Predicate<AccountId> accountExists, InstantSource clock) {
    this.store = store;
    this.accountExists = accountExists;
    this.clock = clock;
    this.conversations = Caffeine.newBuilder()
        .maximumSize(100_000)
        .expireAfterWrite(Duration.ofMinutes(10))
        .build(store::find);
  }

  /** The conversation, if {@code account} is a member of it (creating a direct one on first use). */
  public Outcome<Conversation> forMember(ConversationId id, AccountId account) {
    var cached = conversations.get(id);
    if (cached.isPresent()) {
      return cached.get().isMember(account)
          ? Outcome.ok(cached.get())
          : Outcome.refused(ErrorCode.NOT_A_MEMBER, "you are not a member of this conversation");
    }
    if (!id.isDirect()) {
      return Outcome.refused(ErrorCode.CONVERSATION_NOT_FOUND, "no such conversation");
    }
    var pair = id.directPair();
    if (pair.isEmpty()) {
      return Outcome.refused(ErrorCode.CONVERSATION_NOT_FOUND, "malformed direct conversation id");
    }
    if (!pair.get().contains(account)) {
      return Outcome.refused(ErrorCode.NOT_A_MEMBER, "you are not a member of this conversation");
    }
    var other = pair.get().other(account);
    if (!accountExists.test(other)) {
      return Outcome.refused(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + other);
    }
    store.createDirect(id, pair.get().low(), pair.get().high(), clock.millis());
    conversations.invalidate(id);
    return conversations.get(id)
        .<Outcome<Conversation>>map(Outcome::ok)
        .orElseGet(() -> Outcome.refused(ErrorCode.CONVERSATION_NOT_FOUND, "no such conversation"));
  }

  /** Whether the conversation is in the cache, so {@link #forMember} answers without reading the store. */
  public boolean isCached(ConversationId id) {
    var cached = conversations.getIfPresent(id);
    return cached != null && cached.isPresent();
  }

  /** The conversation as this node last saw it (cached; loaded on a miss). */
  public Optional<Conversation> current(ConversationId id) {
    return conversations.get(id);
  }

  /** A change was applied (called on the committing thread, before later writes run). */
  public void applied(Conversation conversation) {
    conversations.put(conversation.id(), Optional.of(conversation));
  }

  public void invalidate(ConversationId id) {
    conversations.invalidate(id);
  }

  /** The account's conversations that it is currently a member of. */
  public List<Conversation> conversationsOf(AccountId account) {
    return store.conversationsOf(account).stream()
        .map(conversations::get)
        .flatMap(Optional::stream)
        .toList();
  }
}
