package dev.parley.server.groups.http;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.rest.CreateGroupRequest;
import dev.parley.protocol.rest.GroupInfo;
import dev.parley.protocol.rest.GroupInvite;
import dev.parley.protocol.rest.GroupSettingsUpdate;
import dev.parley.protocol.rest.GroupUpdate;
import dev.parley.protocol.rest.JoinRequest;
import dev.parley.protocol.rest.MembersRequest;
import dev.parley.server.groups.Conversation;
import dev.parley.server.groups.GroupChange;
import dev.parley.server.groups.GroupService;
import dev.parley.server.http.BadRequest;
import dev.parley.server.http.Reply;
import dev.parley.server.http.RestRoutes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** REST endpoints of groups (docs/protocol.md, "Groups"). */
public final class GroupRoutes {
  private static final long COMMIT_TIMEOUT_SECONDS = 30;

  private final GroupService groups;
  private final RestRoutes rest;

  public GroupRoutes(GroupService groups, RestRoutes rest) {
    this.groups = groups;
    this.rest = rest;
  }

  public void mount(Router router) {
    router.post("/v1/groups").handler(rest.authed((ctx, device) -> {
      var request = RestRoutes.body(ctx, CreateGroupRequest.class);
      return await(groups.create(device, request.name(), request.description(), request.members()))
          .map(group -> new Reply(201, info(group)));
    }));
    router.post("/v1/groups/join").handler(rest.authed((ctx, device) ->
        await(groups.join(device, RestRoutes.body(ctx, JoinRequest.class).token())).map(GroupRoutes::info)));
    router.get("/v1/groups/:groupId").handler(rest.authed((ctx, device) ->
        groups.info(device.account(), groupId(ctx)).map(GroupRoutes::info)));
    router.patch("/v1/groups/:groupId").handler(rest.authed((ctx, device) -> {
      var update = RestRoutes.body(ctx, GroupUpdate.class);
      return change(ctx, device, new GroupChange.Edit(update.name(), update.description()));
    }));
    router.patch("/v1/groups/:groupId/settings").handler(rest.authed((ctx, device) -> {
      var update = RestRoutes.body(ctx, GroupSettingsUpdate.class);
      return change(ctx, device, new GroupChange.ChangeSettings(update.onlyAdminsSend(), update.onlyAdminsEditInfo()));
    }));
    router.post("/v1/groups/:groupId/members").handler(rest.authed((ctx, device) ->
        change(ctx, device, new GroupChange.AddMembers(accounts(RestRoutes.body(ctx, MembersRequest.class))))));
    router.delete("/v1/groups/:groupId/members/:accountId").handler(rest.authed((ctx, device) ->
        change(ctx, device, new GroupChange.RemoveMember(accountId(ctx)))));
    router.post("/v1/groups/:groupId/leave").handler(rest.authed((ctx, device) ->
        change(ctx, device, new GroupChange.Leave()).map(_ -> Reply.noContent())));
    router.post("/v1/groups/:groupId/admins").handler(rest.authed((ctx, device) -> {
      var accounts = accounts(RestRoutes.body(ctx, MembersRequest.class));
      if (accounts.size() != 1) {
        throw new BadRequest(ErrorCode.BAD_REQUEST, "promote one account at a time");
      }
      return change(ctx, device, new GroupChange.Promote(accounts.getFirst()));
    }));
    router.delete("/v1/groups/:groupId/admins/:accountId").handler(rest.authed((ctx, device) ->
        change(ctx, device, new GroupChange.Demote(accountId(ctx)))));
    router.post("/v1/groups/:groupId/invites").handler(rest.authed((ctx, device) -> {
      var group = groupId(ctx);
      return groups.createInvite(device.account(), group).map(token -> new Reply(201, new GroupInvite(group, token)));
    }));
    router.delete("/v1/groups/:groupId/invites/:token").handler(rest.authed((ctx, device) ->
        groups.revokeInvite(device.account(), groupId(ctx), ctx.pathParam("token")).map(_ -> Reply.noContent())));
  }

  private Outcome<GroupInfo> change(RoutingContext ctx, DeviceId device, GroupChange change) {
    return await(groups.change(device, groupId(ctx), change)).map(GroupRoutes::info);
  }

  /** Route logic runs on a virtual thread, so waiting for the commit blocks nothing else. */
  private static <T> Outcome<T> await(java.util.concurrent.CompletableFuture<Outcome<T>> future) {
    try {
      return future.get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the group change could not be stored", e.getCause());
    } catch (TimeoutException e) {
      return Outcome.refused(ErrorCode.UNAVAILABLE, "the group change is taking too long; check the group before retrying");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.refused(ErrorCode.UNAVAILABLE, "interrupted");
    }
  }

  static GroupInfo info(Conversation group) {
    return new GroupInfo(group.id(), group.name(), group.description(), group.settings(),
        group.members().stream()
            .map(m -> new GroupInfo.Member(m.account(), m.role().name().toLowerCase(Locale.ROOT), m.joinedSeq()))
            .toList(),
        group.createdAt());
  }

  private static List<AccountId> accounts(MembersRequest request) {
    if (request.accountIds() == null || request.accountIds().isEmpty()) {
      throw new BadRequest(ErrorCode.BAD_REQUEST, "accountIds must name at least one account");
    }
    return request.accountIds();
  }

  private static ConversationId groupId(RoutingContext ctx) {
    try {
      var id = new ConversationId(ctx.pathParam("groupId"));
      if (id.isDirect()) {
        throw new BadRequest(ErrorCode.CONVERSATION_NOT_FOUND, "a direct conversation is not a group");
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw new BadRequest(ErrorCode.BAD_REQUEST, e.getMessage());
    }
  }

  private static AccountId accountId(RoutingContext ctx) {
    try {
      return new AccountId(ctx.pathParam("accountId"));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(ErrorCode.BAD_REQUEST, e.getMessage());
    }
  }
}
