package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every group action by every kind of actor, through the SDK: the expected outcome of each cell of
 * the matrix (null = allowed). Each cell runs on a fresh group: the owner, an admin, a member, a
 * bystander member (the target of member actions), and a removed member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GroupPermissionsTests {
  private static final AtomicInteger PHONES = new AtomicInteger(4000);

  enum Role { OWNER, ADMIN, MEMBER, NON_MEMBER, REMOVED }

  enum Action { SEND, READ_HISTORY, RENAME, CHANGE_SETTINGS, ADD_MEMBER, REMOVE_MEMBER, REMOVE_OWNER, PROMOTE, DEMOTE_ADMIN,
    CREATE_INVITE, LEAVE }

  @TempDir
  static Path dir;

  private TestServer server;
  private Person owner;
  private Person admin;
  private Person member;
  private Person bystander;
  private Person outsider;
  private Person removed;
  private Person newcomer;

  /** The database the server under test runs on. */
  abstract TestServer.StoreKind store();

  @BeforeAll
  void start() {
    server = TestServer.start(dir, store());
    owner = person();
    admin = person();
    member = person();
    bystander = person();
    outsider = person();
    removed = person();
    newcomer = person();
  }

  private Person person() {
    return Person.signIn(server.url(), server::codeFor, "+1415555%04d".formatted(PHONES.incrementAndGet()), "device",
        b -> b.autoAck(true)).connected();
  }

  @AfterAll
  void stop() {
    for (var person : List.of(owner, admin, member, bystander, outsider, removed, newcomer)) {
      person.close();
    }
    server.close();
  }

  static Stream<Arguments> matrix() {
    var n = ErrorCode.NOT_A_MEMBER;
    var a = ErrorCode.NOT_AN_ADMIN;
    var p = ErrorCode.OWNER_PROTECTED;
    //                          OWNER ADMIN MEMBER NON_MEMBER REMOVED
    return Stream.of(
        row(Action.SEND,            null, null, null, n, n),
        row(Action.READ_HISTORY,    null, null, null, n, n),
        row(Action.RENAME,          null, null, null, n, n),
        row(Action.CHANGE_SETTINGS, null, null, a,    n, n),
        row(Action.ADD_MEMBER,      null, null, a,    n, n),
        row(Action.REMOVE_MEMBER,   null, null, a,    n, n),
        row(Action.REMOVE_OWNER,    null, p,    a,    n, n),
        row(Action.PROMOTE,         null, null, a,    n, n),
        row(Action.DEMOTE_ADMIN,    null, null, a,    n, n),
        row(Action.CREATE_INVITE,   null, null, a,    n, n),
        row(Action.LEAVE,           null, null, null, n, n))
        .flatMap(cells -> cells);
  }

  private static Stream<Arguments> row(Action action, ErrorCode... outcomes) {
    return Stream.of(Role.values()).map(role -> Arguments.of(role, action, outcomes[role.ordinal()]));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("matrix")
  void eachRoleMayDoExactlyWhatTheRulesAllow(Role role, Action action, ErrorCode expected) throws Exception {
    // given a fresh group
    var group = owner.client.groups().create("Matrix", "", List.of(admin.account(), member.account(), bystander.account(),
        removed.account())).conversationId();
    owner.client.groups().promote(group, admin.account());
    owner.client.groups().removeMember(group, removed.account());
    var actor = switch (role) {
      case OWNER -> owner;
      case ADMIN -> admin;
      case MEMBER -> member;
      case NON_MEMBER -> outsider;
      case REMOVED -> removed;
    };

    // when
    var refusal = attempt(actor, group, action);

    // then
    assertThat(refusal).as("%s %s", role, action).isEqualTo(expected);
  }

  /** Runs the action; null if allowed, else the refusal's code. */
  private ErrorCode attempt(Person actor, ConversationId group, Action action) throws Exception {
    if (action == Action.SEND) {
      var result = actor.client.send(group, "hello").get(10, TimeUnit.SECONDS);
      return result instanceof SendResult.SendRefused refused ? refused.code() : null;
    }
    var groups = actor.client.groups();
    var failure = catchThrowableOfType(ParleyApiException.class, () -> {
      switch (action) {
        case READ_HISTORY -> actor.client.history(group, HistoryQuery.latest(10));
        case RENAME -> groups.edit(group, "Renamed", null);
        case CHANGE_SETTINGS -> groups.settings(group, true, null);
        case ADD_MEMBER -> groups.addMembers(group, List.of(newcomer.account()));
        case REMOVE_MEMBER -> groups.removeMember(group, bystander.account());
        case REMOVE_OWNER -> groups.removeMember(group, owner.account());
        case PROMOTE -> groups.promote(group, bystander.account());
        case DEMOTE_ADMIN -> groups.demote(group, admin.account());
        case CREATE_INVITE -> groups.createInvite(group);
        case LEAVE -> groups.leave(group);
        case SEND -> throw new IllegalStateException("handled above");
      }
    });
    return failure == null ? null : failure.code();
  }

  private ConversationId freshGroup() {
    return owner.client.groups().create("Rules", "", List.of(admin.account(), member.account())).conversationId();
  }

  private static ErrorCode refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    var failure = catchThrowableOfType(ParleyApiException.class, call);
    assertThat(failure).as("refused").isNotNull();
    return failure.code();
  }

  @org.junit.jupiter.api.Test
  void addingAnAccountThatDoesNotExistOrIsAlreadyInChangesNothing() {
    // given
    var group = freshGroup();
    var before = owner.client.groups().info(group);
    // when / then
    assertThat(refusal(() -> owner.client.groups().addMembers(group, List.of(dev.parley.protocol.AccountId.random()))))
        .isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
    assertThat(refusal(() -> owner.client.groups().addMembers(group, List.of(member.account()))))
        .isEqualTo(ErrorCode.ALREADY_A_MEMBER);
    assertThat(owner.client.groups().info(group)).isEqualTo(before);
  }

  @org.junit.jupiter.api.Test
  void removingANonMemberChangesNothing() {
    var group = freshGroup();
    var before = owner.client.groups().info(group);
    assertThat(refusal(() -> owner.client.groups().removeMember(group, outsider.account()))).isEqualTo(ErrorCode.MEMBER_NOT_FOUND);
    assertThat(owner.client.groups().info(group)).isEqualTo(before);
  }

  @org.junit.jupiter.api.Test
  void aNonAdminChangingSettingsChangesNothing() {
    var group = freshGroup();
    var before = owner.client.groups().info(group);
    assertThat(refusal(() -> member.client.groups().settings(group, true, true))).isEqualTo(ErrorCode.NOT_AN_ADMIN);
    assertThat(owner.client.groups().info(group)).isEqualTo(before);
  }

  @org.junit.jupiter.api.Test
  void exceedingTheSizeLimitChangesNothing(@TempDir Path otherDir) {
    // given a server whose groups hold at most three members
    try (var small = TestServer.start(otherDir, store(),
            config -> config.withGroups(new dev.parley.server.config.GroupsConfig(3)));
        var a = Person.signIn(small.url(), small::codeFor, "+1415555" + PHONES.incrementAndGet(), "a", b -> b);
        var b2 = Person.signIn(small.url(), small::codeFor, "+1415555" + PHONES.incrementAndGet(), "b", b -> b);
        var c = Person.signIn(small.url(), small::codeFor, "+1415555" + PHONES.incrementAndGet(), "c", b -> b);
        var d = Person.signIn(small.url(), small::codeFor, "+1415555" + PHONES.incrementAndGet(), "d", b -> b)) {
      // when / then
      assertThat(refusal(() -> a.client.groups().create("Too big", "", List.of(b2.account(), c.account(), d.account()))))
          .isEqualTo(ErrorCode.GROUP_FULL);
      var group = a.client.groups().create("Full", "", List.of(b2.account(), c.account())).conversationId();
      assertThat(refusal(() -> a.client.groups().addMembers(group, List.of(d.account())))).isEqualTo(ErrorCode.GROUP_FULL);
      assertThat(a.client.groups().info(group).members()).hasSize(3);
    }
  }

  @org.junit.jupiter.api.Test
  void anInviteLinkLetsAnyoneJoinUntilRevoked() {
    // given
    var group = freshGroup();
    var invite = owner.client.groups().createInvite(group);
    // when
    var joined = outsider.client.groups().join(invite.token());
    owner.client.groups().revokeInvite(group, invite.token());
    // then
    assertThat(joined.members()).extracting(m -> m.accountId()).contains(outsider.account());
    assertThat(refusal(() -> newcomer.client.groups().join(invite.token()))).isEqualTo(ErrorCode.INVITE_INVALID);
    assertThat(owner.client.groups().info(group).members()).extracting(m -> m.accountId()).doesNotContain(newcomer.account());
  }

  @org.junit.jupiter.api.Test
  void inAnAnnouncementGroupOnlyAdminsSend() throws Exception {
    // given
    var group = freshGroup();
    owner.client.groups().settings(group, true, null);
    // when
    var byMember = member.client.send(group, "may I?").get(10, TimeUnit.SECONDS);
    var byOwner = owner.client.send(group, "announcement").get(10, TimeUnit.SECONDS);
    // then
    assertThat(byMember).isInstanceOfSatisfying(SendResult.SendRefused.class,
        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.NOT_AN_ADMIN));
    assertThat(byOwner).isInstanceOf(SendResult.SentMessage.class);
  }

  @org.junit.jupiter.api.Test
  void whenTheLastAdminLeavesTheLongestStandingMemberBecomesAdmin() {
    // given a group of the owner and two members; the second joined later
    var group = owner.client.groups().create("Succession", "", List.of(member.account())).conversationId();
    owner.client.groups().addMembers(group, List.of(bystander.account()));
    // when the owner, the only admin, leaves
    owner.client.groups().leave(group);
    // then the member who was there first is now an admin; the later one is not
    var roles = member.client.groups().info(group).members().stream()
        .collect(java.util.stream.Collectors.toMap(m -> m.accountId(), m -> m.role()));
    assertThat(roles).containsEntry(member.account(), "admin").containsEntry(bystander.account(), "member")
        .doesNotContainKey(owner.account());
  }
}
