package dev.parley.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.protocol.rest.OtpRequest;
import dev.parley.protocol.rest.SessionTokens;
import dev.parley.protocol.rest.VerifyRequest;
import dev.parley.server.account.JwtKeys;
import dev.parley.server.account.RefreshTokenStore;
import dev.parley.server.account.TokenService;
import dev.parley.server.config.AccountConfig;
import dev.parley.server.testing.RawSocket;
import dev.parley.server.testing.RestClient;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets its error code; the socket stays usable where that makes sense; nothing is stored. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
  private static final AtomicInteger PHONES = new AtomicInteger(100);

  @TempDir
  static Path dir;

  private TestServer server;
  private RestClient rest;

  @BeforeAll
  void start() {
    server = TestServer.start(dir, TestServer.StoreKind.SQLITE);
    rest = new RestClient(server);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static String newPhone() {
    return "+1415555%04d".formatted(PHONES.incrementAndGet());
  }

  private RawSocket authenticatedSocket(SessionTokens session) {
    var socket = RawSocket.connect(server.webSocketUrl());
    socket.send(new ClientFrame.Auth(session.accessToken()));
    socket.next(ServerFrame.Ready.class);
    socket.next(ServerFrame.CaughtUp.class);
    return socket;
  }

  private static void assertStillUsable(RawSocket socket) {
    socket.send(new ClientFrame.Ping("still-there"));
    assertThat(socket.next(ServerFrame.Pong.class).id()).isEqualTo("still-there");
  }

  @Test
  void malformedJsonIsRefusedAndTheSocketStaysUsable() {
    try (var socket = authenticatedSocket(rest.signIn(newPhone(), "phone"))) {
      // when
      socket.sendText("{\"type\": \"send\", oops");
      // then
      assertThat(socket.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
      assertStillUsable(socket);
    }
  }

  @Test
  void unknownFrameTypeIsRefusedAndTheSocketStaysUsable() {
    try (var socket = authenticatedSocket(rest.signIn(newPhone(), "phone"))) {
      // when
      socket.sendText("{\"type\": \"teleport\", \"to\": \"mars\"}");
      // then
      var error = socket.next(ServerFrame.Error.class);
      assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_FRAME);
      assertThat(error.message()).contains("teleport");
      assertStillUsable(socket);
    }
  }

  @Test
  void oversizedFrameIsRefusedAndTheSocketStaysUsable() {
    try (var socket = authenticatedSocket(rest.signIn(newPhone(), "phone"))) {
      // when
      socket.sendText("{\"type\":\"ping\",\"id\":\"" + "x".repeat(server.config().edge().maxFrameBytes() + 10) + "\"}");
      // then
      assertThat(socket.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
      assertStillUsable(socket);
    }
  }

  @Test
  void oversizedPayloadIsRefusedAndNothingIsStored() {
    // given
    var alice = rest.signIn(newPhone(), "phone");
    var bob = rest.signIn(newPhone(), "phone");
    var conversation = ConversationId.direct(alice.accountId(), bob.accountId());
    try (var socket = authenticatedSocket(alice)) {
      // when
      socket.send(new ClientFrame.Send("big", conversation, "x".repeat(64 * 1024 + 1), null));
      // then
      var error = socket.next(ServerFrame.Error.class);
      assertThat(error.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
      assertThat(error.ref()).isEqualTo("big");
      assertStillUsable(socket);
    }
    assertThat(server.server().messageStore().pendingCount(new DeviceId(bob.accountId(), 1))).isZero();
    assertThat(server.server().messageStore().lastSeq(conversation)).isZero();
  }

  @Test
  void sendingToAConversationOneIsNotInIsRefusedAndNothingIsStored() {
    // given
    var alice = rest.signIn(newPhone(), "phone");
    var bob = rest.signIn(newPhone(), "phone");
    var carol = rest.signIn(newPhone(), "phone");
    var bobAndCarol = ConversationId.direct(bob.accountId(), carol.accountId());
    try (var socket = authenticatedSocket(alice)) {
      // when
      socket.send(new ClientFrame.Send("nosy", bobAndCarol, "hi", null));
      // then
      var error = socket.next(ServerFrame.Error.class);
      assertThat(error.code()).isEqualTo(ErrorCode.NOT_A_MEMBER);
      assertThat(error.ref()).isEqualTo("nosy");
      socket.send(new ClientFrame.Send("ghost", ConversationId.newGroup(), "hi", null));
      assertThat(socket.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.CONVERSATION_NOT_FOUND);
      assertStillUsable(socket);
    }
    assertThat(server.server().messageStore().lastSeq(bobAndCarol)).isZero();
    assertThat(server.server().messageStore().pendingCount(new DeviceId(bob.accountId(), 1))).isZero();
  }

  @Test
  void sendingToAnAccountThatDoesNotExistIsRefused() {
    var alice = rest.signIn(newPhone(), "phone");
    try (var socket = authenticatedSocket(alice)) {
      socket.send(new ClientFrame.Send("c", ConversationId.direct(alice.accountId(), AccountId.random()), "hi", null));
      assertThat(socket.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
    }
  }

  @Test
  void perDevicePayloadsThatMissADeviceAreRefusedWithTheDeviceList() {
    // given: bob has two devices, alice addresses the first and one that does not exist
    var alice = rest.signIn(newPhone(), "phone");
    var bobPhone = newPhone();
    var bob = rest.signIn(bobPhone, "phone");
    rest.signIn(bobPhone, "laptop");
    var conversation = ConversationId.direct(alice.accountId(), bob.accountId());
    try (var socket = authenticatedSocket(alice)) {
      // when
      socket.send(new ClientFrame.Send("e2ee", conversation, null, List.of(
          new ClientFrame.DevicePayload(bob.accountId(), 1, "c1"), new ClientFrame.DevicePayload(bob.accountId(), 7, "c7"))));
      // then
      var error = socket.next(ServerFrame.Error.class);
      assertThat(error.code()).isEqualTo(ErrorCode.DEVICES_MISMATCH);
      assertThat(error.details().missingDevices()).containsExactly(new ServerFrame.DeviceRef(bob.accountId(), 2));
      assertThat(error.details().extraDevices()).containsExactly(new ServerFrame.DeviceRef(bob.accountId(), 7));
    }
    assertThat(server.server().messageStore().lastSeq(conversation)).isZero();
  }

  @Test
  void aFirstFrameThatIsNotAuthClosesTheSocket() {
    try (var socket = RawSocket.connect(server.webSocketUrl())) {
      socket.send(new ClientFrame.Ping("p"));
      assertThat(socket.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
      assertThat(socket.awaitClose()).isEqualTo(CloseCodes.AUTHENTICATION_FAILED);
    }
  }

  @Test
  void anExpiredTokenIsRefusedWithTokenExpired() {
    // given: a token the server's own key signed, issued 20 minutes ago
    var session = rest.signIn(newPhone(), "phone");
    var past = InstantSource.fixed(Instant.now().minusSeconds(20 * 60));
    var minter = new TokenService(JwtKeys.loadOrCreate(server.config().dataDir()), NO_REFRESH_TOKENS, AccountConfig.DEFAULTS, past);
    var expired = minter.issue(new DeviceId(session.accountId(), session.deviceId()), false).accessToken();
    try (var socket = RawSocket.connect(server.webSocketUrl())) {
      // when
      socket.send(new ClientFrame.Auth(expired));
      // then
      assertThat(socket.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.TOKEN_EXPIRED);
      assertThat(socket.awaitClose()).isEqualTo(CloseCodes.AUTHENTICATION_FAILED);
    }
    assertThat(rest.call("GET", "/v1/devices", null, expired).errorCode()).isEqualTo("token_expired");
  }

  @Test
  void aForgedTokenIsRefusedWithTokenInvalid() {
    // given: a well-formed token for a real device, signed by a key the server does not know
    var session = rest.signIn(newPhone(), "phone");
    var forger = new TokenService(JwtKeys.generateEphemeral(), NO_REFRESH_TOKENS, AccountConfig.DEFAULTS, InstantSource.system());
    var forged = forger.issue(new DeviceId(session.accountId(), session.deviceId()), false).accessToken();
    try (var socket = RawSocket.connect(server.webSocketUrl())) {
      // when
      socket.send(new ClientFrame.Auth(forged));
      // then
      assertThat(socket.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.TOKEN_INVALID);
      assertThat(socket.awaitClose()).isEqualTo(CloseCodes.AUTHENTICATION_FAILED);
    }
    var answer = rest.call("GET", "/v1/devices", null, forged);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.errorCode()).isEqualTo("token_invalid");
  }

  @Test
  void aWrongCodeSixTimesLocksTheCodeAndCreatesNoAccount() {
    // given
    var phone = newPhone();
    assertThat(rest.post("/v1/accounts/otp", new OtpRequest(phone)).status()).isEqualTo(202);
    var right = server.codeFor(phone);
    var wrong = right.equals("000000") ? "111111" : "000000";
    // when
    var answers = new java.util.ArrayList<RestClient.Answer>();
    for (int i = 0; i < 6; i++) {
      answers.add(rest.post("/v1/accounts/verify", new VerifyRequest(phone, wrong, "phone")));
    }
    var withRightCode = rest.post("/v1/accounts/verify", new VerifyRequest(phone, right, "phone"));
    // then
    assertThat(answers.subList(0, 4)).allSatisfy(a -> {
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.errorCode()).isEqualTo("invalid_code");
    });
    assertThat(answers.subList(4, 6)).allSatisfy(a -> {
      assertThat(a.status()).isEqualTo(429);
      assertThat(a.errorCode()).isEqualTo("too_many_attempts");
    });
    assertThat(withRightCode.status()).isNotEqualTo(200);
    var lookup = rest.call("POST", "/v1/contacts/lookup", "{\"phones\":[\"" + phone + "\"]}",
        rest.signIn(newPhone(), "phone").accessToken());
    assertThat(lookup.status()).isEqualTo(200);
    assertThat(lookup.json().path("contacts").size()).isZero();
  }

  @Test
  void anInvalidPhoneNumberIsRefused() {
    for (var phone : new String[] {"+1555", "0044 20 7946 0000", "not a number", ""}) {
      var answer = rest.post("/v1/accounts/otp", new OtpRequest(phone));
      assertThat(answer.status()).as(phone).isEqualTo(400);
      assertThat(answer.errorCode()).as(phone).isEqualTo("invalid_phone");
    }
  }

  @Test
  void restErrorsAreJsonWithACode() {
    assertThat(rest.call("GET", "/v1/devices", null, null).errorCode()).isEqualTo("unauthenticated");
    assertThat(rest.call("GET", "/v1/nowhere", null, null).errorCode()).isEqualTo("not_found");
    assertThat(rest.call("POST", "/v1/accounts/otp", "{not json", null).errorCode()).isEqualTo("malformed_json");
    assertThat(rest.call("POST", "/v1/accounts/otp", "", null).errorCode()).isEqualTo("bad_request");
  }

  private static final RefreshTokenStore NO_REFRESH_TOKENS = new RefreshTokenStore() {
    @Override
    public void insert(RefreshToken token) {}

    @Override
    public Optional<RefreshToken> find(String tokenHash) {
      return Optional.empty();
    }

    @Override
    public boolean spend(String tokenHash, long now) {
      return false;
    }

    @Override
    public void revokeFamily(String familyId, long now) {}

    @Override
    public void revokeDevice(DeviceId device, long now) {}
  };
}
