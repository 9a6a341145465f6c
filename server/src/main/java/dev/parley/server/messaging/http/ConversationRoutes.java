package dev.parley.server.messaging.http;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.rest.ConversationSummary;
import dev.parley.server.groups.MembershipService;
import dev.parley.server.http.BadRequest;
import dev.parley.server.http.RestRoutes;
import dev.parley.server.messaging.MessagingService;
import io.vertx.ext.web.Router;
import java.util.Locale;

/** REST endpoints for a device's conversations and their history (docs/protocol.md). */
public final class ConversationRoutes {
  private static final int DEFAULT_PAGE = 50;

  private final MessagingService messaging;
  private final MembershipService membership;
  private final RestRoutes rest;

  public ConversationRoutes(MessagingService messaging, MembershipService membership, RestRoutes rest) {
    this.messaging = messaging;
    this.membership = membership;
    this.rest = rest;
  }

  public void mount(Router router) {
    router.get("/v1/conversations").handler(rest.authed((ctx, device) -> Outcome.ok(
        membership.conversationsOf(device.account()).stream()
            .map(c -> new ConversationSummary(c.id(), c.kind().name().toLowerCase(Locale.ROOT), c.memberAccounts(),
                messaging.store().lastSeq(c.id())))
            .toList())));
    router.get("/v1/conversations/:conversationId/messages").handler(rest.authed((ctx, device) -> {
      ConversationId conversation;
      try {
        conversation = new ConversationId(ctx.pathParam("conversationId"));
      } catch (IllegalArgumentException e) {
        throw new BadRequest(ErrorCode.BAD_REQUEST, e.getMessage());
      }
      Long before = RestRoutes.query(ctx, "before", Long::valueOf, null);
      Long after = RestRoutes.query(ctx, "after", Long::valueOf, null);
      int limit = RestRoutes.query(ctx, "limit", Integer::valueOf, DEFAULT_PAGE);
      return messaging.history(device, conversation, before, after, limit);
    }));
    router.get("/v1/conversations/:conversationId/messages/:messageId/receipts").handler(rest.authed((ctx, device) -> {
      ConversationId conversation;
      MessageId message;
      try {
        conversation = new ConversationId(ctx.pathParam("conversationId"));
        message = new MessageId(ctx.pathParam("messageId"));
      } catch (IllegalArgumentException e) {
        throw new BadRequest(ErrorCode.BAD_REQUEST, e.getMessage());
      }
      return messaging.receipts(device.account(), conversation, message);
    }));
  }
}
