package dev.parley.client;

import dev.parley.client.internal.HttpJson;
import dev.parley.client.internal.RestCalls;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.rest.CreateGroupRequest;
import dev.parley.protocol.rest.GroupInfo;
import dev.parley.protocol.rest.GroupInvite;
import dev.parley.protocol.rest.GroupSettingsUpdate;
import dev.parley.protocol.rest.GroupUpdate;
import dev.parley.protocol.rest.JoinRequest;
import dev.parley.protocol.rest.MembersRequest;
import dev.parley.protocol.rest.MessageReceipts;
import java.util.List;

/**
 * Group chats over REST: create, info, membership, roles, settings, invite links, and who has
 * received and read a message. Obtain it from {@link ParleyClient#groups()}. A group is a
 * conversation: send to it with {@link ParleyClient#send} like any other, and every change arrives
 * on the socket as a system message ({@link IncomingMessage#event()}) in order with the messages.
 *
 * <p>Every method blocks for one HTTP round trip, is thread-safe, and throws
 * {@link ParleyApiException} when the server refuses (for example {@code not_an_admin},
 * {@code group_full}, {@code member_not_found}, {@code owner_protected}) and
 * {@link ParleyUnreachableException} when it cannot be reached.
 */
public final class Groups {
  private final RestCalls rest;

  Groups(RestCalls rest) {
    this.rest = rest;
  }

  /** Creates a group owned by this account, with {@code members} in it. */
  public GroupInfo create(String name, String description, List<AccountId> members) {
    return rest.authorized("POST", "v1/groups", new CreateGroupRequest(name, description, members), HttpJson.type(GroupInfo.class));
  }

  public GroupInfo info(ConversationId group) {
    return rest.authorized("GET", path(group), null, HttpJson.type(GroupInfo.class));
  }

  /** Changes the name and/or description (null keeps a field). */
  public GroupInfo edit(ConversationId group, String name, String description) {
    return rest.authorized("PATCH", path(group), new GroupUpdate(name, description), HttpJson.type(GroupInfo.class));
  }

  /** Admins only: who may send, who may edit the info (null keeps a setting). */
  public GroupInfo settings(ConversationId group, Boolean onlyAdminsSend, Boolean onlyAdminsEditInfo) {
    return rest.authorized("PATCH", path(group) + "/settings", new GroupSettingsUpdate(onlyAdminsSend, onlyAdminsEditInfo),
        HttpJson.type(GroupInfo.class));
  }

  /** Admins only. */
  public GroupInfo addMembers(ConversationId group, List<AccountId> accounts) {
    return rest.authorized("POST", path(group) + "/members", new MembersRequest(accounts), HttpJson.type(GroupInfo.class));
  }

  /** Admins only; the owner cannot be removed. Removing yourself is leaving. */
  public GroupInfo removeMember(ConversationId group, AccountId account) {
    return rest.authorized("DELETE", path(group) + "/members/" + HttpJson.pathSegment(account.value()), null,
        HttpJson.type(GroupInfo.class));
  }

  public GroupInfo promote(ConversationId group, AccountId account) {
    return rest.authorized("POST", path(group) + "/admins", new MembersRequest(List.of(account)), HttpJson.type(GroupInfo.class));
  }

  public GroupInfo demote(ConversationId group, AccountId account) {
    return rest.authorized("DELETE", path(group) + "/admins/" + HttpJson.pathSegment(account.value()), null,
        HttpJson.type(GroupInfo.class));
  }

  public void leave(ConversationId group) {
    rest.authorized("POST", path(group) + "/leave", null, null);
  }

  /** Admins only: a new invite link token. Anyone holding it can {@link #join} until it is revoked. */
  public GroupInvite createInvite(ConversationId group) {
    return rest.authorized("POST", path(group) + "/invites", null, HttpJson.type(GroupInvite.class));
  }

  public void revokeInvite(ConversationId group, String token) {
    rest.authorized("DELETE", path(group) + "/invites/" + HttpJson.pathSegment(token), null, null);
  }

  public GroupInfo join(String inviteToken) {
    return rest.authorized("POST", "v1/groups/join", new JoinRequest(inviteToken), HttpJson.type(GroupInfo.class));
  }

  /**
   * Which devices have received, and which members have read, one of this account's messages;
   * {@link MessageReceipts#deliveredToAll()} and {@link MessageReceipts#readByAll()} say whether every
   * current member has.
   */
  public MessageReceipts receipts(ConversationId conversation, MessageId message) {
    return rest.authorized("GET", "v1/conversations/" + HttpJson.pathSegment(conversation.value()) + "/messages/"
        + HttpJson.pathSegment(message.value()) + "/receipts", null, HttpJson.type(MessageReceipts.class));
  }

  private static String path(ConversationId group) {
    return "v1/groups/" + HttpJson.pathSegment(group.value());
  }
}
