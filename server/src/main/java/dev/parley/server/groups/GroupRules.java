package dev.parley.server.groups;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.GroupEvent;
import dev.parley.protocol.GroupSettings;
import dev.parley.protocol.Outcome;
import dev.parley.server.groups.Conversation.Member;
import dev.parley.server.groups.Conversation.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who may change what in a group, and what a change does. Pure: given the group as it is (read in the
 * same transaction that will write the result), the actor and the change, it answers the plan or the
 * refusal. The rules, as WhatsApp users know them:
 * <ul>
 *   <li>the creator is the owner; owners and admins add and remove members, promote and demote, and
 *       change settings; nobody can remove or demote the owner;
 *   <li>any member may rename and describe the group unless only admins may edit its info;
 *   <li>any member may leave; when the last admin (or owner) goes, the longest-standing member
 *       becomes an admin;
 *   <li>a group holds at most {@code maxMembers}.
 * </ul>
 */
public final class GroupRules {
  public static final int MAX_NAME = 100;
  public static final int MAX_DESCRIPTION = 512;

  private final int maxMembers;
  private final Predicate<AccountId> accountExists;

  public GroupRules(int maxMembers, Predicate<AccountId> accountExists) {
    this.maxMembers = maxMembers;
    this.accountExists = accountExists;
  }

  public int maxMembers() {
    return maxMembers;
  }

  public Outcome<GroupPlan> plan(ConversationId id, Optional<Conversation> current, AccountId actor, GroupChange change, long now) {
    if (change instanceof GroupChange.Create create) {
      return create(id, actor, create, now);
    }
    if (current.isEmpty() || current.get().kind() != Conversation.Kind.GROUP) {
      return Outcome.refused(ErrorCode.CONVERSATION_NOT_FOUND, "no such group");
    }
    var group = current.get();
    if (change instanceof GroupChange.JoinByInvite) {
      return join(group, actor, now);
    }
    var self = group.member(actor);
    if (self.isEmpty()) {
      return Outcome.refused(ErrorCode.NOT_A_MEMBER, "you are not a member of this group");
    }
    boolean admin = self.get().role().isAdmin();
    return switch (change) {
      case GroupChange.Edit edit -> edit(group, actor, admin, edit);
      case GroupChange.ChangeSettings settings -> admin ? settings(group, actor, settings) : notAdmin("change the settings");
      case GroupChange.AddMembers add -> admin ? add(group, actor, add.accounts(), now) : notAdmin("add members");
      case GroupChange.RemoveMember remove -> remove.account().equals(actor)
          ? leave(group, actor)
          : admin ? remove(group, actor, remove.account()) : notAdmin("remove members");
      case GroupChange.Leave _ -> leave(group, actor);
      case GroupChange.Promote promote -> admin ? setRole(group, actor, promote.account(), Role.ADMIN) : notAdmin("promote members");
      case GroupChange.Demote demote -> admin ? setRole(group, actor, demote.account(), Role.MEMBER) : notAdmin("demote admins");
      case GroupChange.Create _, GroupChange.JoinByInvite _ -> throw new IllegalStateException("handled above");
    };
  }

  private Outcome<GroupPlan> create(ConversationId id, AccountId actor, GroupChange.Create create, long now) {
    var name = create.name() == null ? "" : create.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "a group needs a name of 1.." + MAX_NAME + " characters");
    }
    var description = create.description() == null ? "" : create.description();
    if (description.length() > MAX_DESCRIPTION) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "description is longer than " + MAX_DESCRIPTION + " characters");
    }
    var requested = create.members() == null ? List.<AccountId>of() : create.members();
    if (requested.stream().anyMatch(java.util.Objects::isNull)) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "members must be account ids");
    }
    var invited = new LinkedHashSet<AccountId>(requested);
    invited.remove(actor);
    if (invited.size() + 1 > maxMembers) {
      return Outcome.refused(ErrorCode.GROUP_FULL, "a group holds at most " + maxMembers + " members");
    }
    for (var account : invited) {
      if (!accountExists.test(account)) {
        return Outcome.refused(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + account);
      }
    }
    var members = new ArrayList<Member>();
    members.add(new Member(actor, Role.OWNER, now, 0));
    invited.forEach(account -> members.add(new Member(account, Role.MEMBER, now, 0)));
    var group = new Conversation(id, Conversation.Kind.GROUP, name, description, GroupSettings.DEFAULTS, members, now);
    var events = new ArrayList<GroupEvent>();
    events.add(new GroupEvent(GroupEvent.Type.CREATED, actor, List.of(), name, description, null));
    if (!invited.isEmpty()) {
      events.add(GroupEvent.of(GroupEvent.Type.MEMBERS_ADDED, actor, List.copyOf(invited)));
    }
    return Outcome.ok(new GroupPlan(group, events, Set.of()));
  }

  private Outcome<GroupPlan> edit(Conversation group, AccountId actor, boolean admin, GroupChange.Edit edit) {
    if (group.settings().onlyAdminsEditInfo() && !admin) {
      return notAdmin("edit this group's info");
    }
    var events = new ArrayList<GroupEvent>();
    var name = group.name();
    var description = group.description();
    if (edit.name() != null && !edit.name().strip().equals(name)) {
      name = edit.name().strip();
      if (name.isEmpty() || name.length() > MAX_NAME) {
        return Outcome.refused(ErrorCode.BAD_REQUEST, "a group needs a name of 1.." + MAX_NAME + " characters");
      }
      events.add(new GroupEvent(GroupEvent.Type.RENAMED, actor, List.of(), name, null, null));
    }
    if (edit.description() != null && !edit.description().equals(description)) {
      description = edit.description();
      if (description.length() > MAX_DESCRIPTION) {
        return Outcome.refused(ErrorCode.BAD_REQUEST, "description is longer than " + MAX_DESCRIPTION + " characters");
      }
      events.add(new GroupEvent(GroupEvent.Type.DESCRIPTION_CHANGED, actor, List.of(), null, description, null));
    }
    return Outcome.ok(new GroupPlan(group.withInfo(name, description), events, Set.of()));
  }

  private static Outcome<GroupPlan> settings(Conversation group, AccountId actor, GroupChange.ChangeSettings change) {
    var current = group.settings();
    var next = new GroupSettings(
        change.onlyAdminsSend() == null ? current.onlyAdminsSend() : change.onlyAdminsSend(),
        change.onlyAdminsEditInfo() == null ? current.onlyAdminsEditInfo() : change.onlyAdminsEditInfo());
    if (next.equals(current)) {
      return Outcome.ok(new GroupPlan(group, List.of(), Set.of()));
    }
    return Outcome.ok(new GroupPlan(group.withSettings(next),
        List.of(new GroupEvent(GroupEvent.Type.SETTINGS_CHANGED, actor, List.of(), null, null, next)), Set.of()));
  }

  private Outcome<GroupPlan> add(Conversation group, AccountId actor, List<AccountId> accounts, long now) {
    if (accounts == null || accounts.isEmpty() || accounts.stream().anyMatch(java.util.Objects::isNull)) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "accountIds must name at least one account");
    }
    var adding = new LinkedHashSet<>(accounts);
    for (var account : adding) {
      if (group.isMember(account)) {
        return Outcome.refused(ErrorCode.ALREADY_A_MEMBER, account + " is already a member");
      }
      if (!accountExists.test(account)) {
        return Outcome.refused(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + account);
      }
    }
    if (group.members().size() + adding.size() > maxMembers) {
      return Outcome.refused(ErrorCode.GROUP_FULL, "a group holds at most " + maxMembers + " members");
    }
    var members = new ArrayList<>(group.members());
    adding.forEach(account -> members.add(new Member(account, Role.MEMBER, now, 0)));
    return Outcome.ok(new GroupPlan(group.withMembers(members),
        List.of(GroupEvent.of(GroupEvent.Type.MEMBERS_ADDED, actor, List.copyOf(adding))), Set.of()));
  }

  private Outcome<GroupPlan> join(Conversation group, AccountId actor, long now) {
    if (group.isMember(actor)) {
      return Outcome.refused(ErrorCode.ALREADY_A_MEMBER, "you are already a member");
    }
    if (group.members().size() + 1 > maxMembers) {
      return Outcome.refused(ErrorCode.GROUP_FULL, "a group holds at most " + maxMembers + " members");
    }
    var members = new ArrayList<>(group.members());
    members.add(new Member(actor, Role.MEMBER, now, 0));
    return Outcome.ok(new GroupPlan(group.withMembers(members),
        List.of(GroupEvent.of(GroupEvent.Type.JOINED_BY_INVITE, actor, List.of(actor))), Set.of()));
  }

  private static Outcome<GroupPlan> remove(Conversation group, AccountId actor, AccountId target) {
    var member = group.member(target);
    if (member.isEmpty()) {
      return Outcome.refused(ErrorCode.MEMBER_NOT_FOUND, target + " is not a member");
    }
    if (member.get().role() == Role.OWNER) {
      return Outcome.refused(ErrorCode.OWNER_PROTECTED, "the owner cannot be removed");
    }
    var remaining = group.members().stream().filter(m -> !m.account().equals(target)).toList();
    var events = new ArrayList<GroupEvent>();
    events.add(GroupEvent.of(GroupEvent.Type.MEMBER_REMOVED, actor, List.of(target)));
    return Outcome.ok(withAnAdmin(group.withMembers(remaining), actor, events, Set.of(target)));
  }

  private static Outcome<GroupPlan> leave(Conversation group, AccountId actor) {
    var remaining = group.members().stream().filter(m -> !m.account().equals(actor)).toList();
    var events = new ArrayList<GroupEvent>();
    events.add(GroupEvent.of(GroupEvent.Type.MEMBER_LEFT, actor, List.of(actor)));
    return Outcome.ok(withAnAdmin(group.withMembers(remaining), actor, events, Set.of(actor)));
  }

  private static Outcome<GroupPlan> setRole(Conversation group, AccountId actor, AccountId target, Role role) {
    var member = group.member(target);
    if (member.isEmpty()) {
      return Outcome.refused(ErrorCode.MEMBER_NOT_FOUND, target + " is not a member");
    }
    if (member.get().role() == Role.OWNER) {
      return Outcome.refused(ErrorCode.OWNER_PROTECTED, "the owner's role cannot be changed");
    }
    if (member.get().role() == role) {
      return Outcome.ok(new GroupPlan(group, List.of(), Set.of()));
    }
    var members = group.members().stream().map(m -> m.account().equals(target) ? m.withRole(role) : m).toList();
    var events = new ArrayList<GroupEvent>();
    events.add(GroupEvent.of(role == Role.ADMIN ? GroupEvent.Type.PROMOTED : GroupEvent.Type.DEMOTED, actor, List.of(target)));
    return Outcome.ok(withAnAdmin(group.withMembers(members), actor, events, Set.of()));
  }

  /** When no admin is left, the longest-standing member becomes one. */
  private static GroupPlan withAnAdmin(Conversation group, AccountId actor, List<GroupEvent> events, Set<AccountId> alsoNotify) {
    if (group.members().isEmpty() || group.members().stream().anyMatch(m -> m.role().isAdmin())) {
      return new GroupPlan(group, events, alsoNotify);
    }
    var senior = group.members().stream()
        .min(Comparator.comparingLong(Member::joinedSeq).thenComparingLong(Member::joinedAt))
        .orElseThrow();
    var members = group.members().stream().map(m -> m == senior ? m.withRole(Role.ADMIN) : m).toList();
    var all = new ArrayList<>(events);
    all.add(GroupEvent.of(GroupEvent.Type.PROMOTED, actor, List.of(senior.account())));
    return new GroupPlan(group.withMembers(members), all, alsoNotify);
  }

  private static Outcome<GroupPlan> notAdmin(String what) {
    return Outcome.refused(ErrorCode.NOT_AN_ADMIN, "only admins may " + what);
  }
}
