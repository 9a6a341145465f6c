package dev.parley.server.groups;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Groups: create, change, invite links. Every change is decided by {@link GroupRules} against the
 * group as read inside the transaction that writes it, so two admins acting at once cannot both act
 * on a stale picture; the membership cache is updated on the committing thread.
 */
public final class GroupService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConversationStore store;
  private final MembershipService membership;
  private final GroupRules rules;
  private final InstantSource clock;

  public GroupService(ConversationStore store, MembershipService membership, GroupRules rules, InstantSource clock) {
    this.store = store;
    this.membership = membership;
    this.rules = rules;
    this.clock = clock;
  }

  public CompletableFuture<Outcome<Conversation>> create(DeviceId actor, String name, String description, List<AccountId> members) {
    return change(actor, ConversationId.newGroup(), new GroupChange.Create(name, description, members));
  }

  public CompletableFuture<Outcome<Conversation>> change(DeviceId actor, ConversationId id, GroupChange change) {
    return store.change(id, actor, current -> rules.plan(id, current, actor.account(), change, clock.millis()), membership::applied)
        .whenComplete((_, failure) -> {
          if (failure != null) {
            // The cache may hold a state whose transaction failed in the end.
            membership.invalidate(id);
          }
        });
  }

  /** The group, for its members. */
  public Outcome<Conversation> info(AccountId reader, ConversationId id) {
    var group = membership.current(id).filter(c -> c.kind() == Conversation.Kind.GROUP);
    if (group.isEmpty()) {
      return Outcome.refused(ErrorCode.CONVERSATION_NOT_FOUND, "no such group");
    }
    return group.get().isMember(reader)
        ? Outcome.ok(group.get())
        : Outcome.refused(ErrorCode.NOT_A_MEMBER, "you are not a member of this group");
  }

  /** A new invite link token; admins only. The token is shown once and stored only as a hash. */
  public Outcome<String> createInvite(AccountId actor, ConversationId id) {
    return adminOf(actor, id).map(group -> {
      var bytes = new byte[18];
      RANDOM.nextBytes(bytes);
      var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      store.createInvite(id, hash(token), actor, clock.millis());
      return token;
    });
  }

  public Outcome<ConversationId> revokeInvite(AccountId actor, ConversationId id, String token) {
    return adminOf(actor, id).flatMap(group -> token != null && store.revokeInvite(id, hash(token), clock.millis())
        ? Outcome.ok(id)
        : Outcome.refused(ErrorCode.INVITE_INVALID, "no such invite link for this group"));
  }

  public CompletableFuture<Outcome<Conversation>> join(DeviceId actor, String token) {
    var group = token == null || token.isBlank() ? java.util.Optional.<ConversationId>empty() : store.findInvite(hash(token));
    if (group.isEmpty()) {
      return CompletableFuture.completedFuture(Outcome.refused(ErrorCode.INVITE_INVALID, "this invite link is not valid (revoked?)"));
    }
    return change(actor, group.get(), new GroupChange.JoinByInvite());
  }

  private Outcome<Conversation> adminOf(AccountId actor, ConversationId id) {
    return info(actor, id).flatMap(group -> group.isAdmin(actor)
        ? Outcome.ok(group)
        : Outcome.refused(ErrorCode.NOT_AN_ADMIN, "only admins may manage invite links"));
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
