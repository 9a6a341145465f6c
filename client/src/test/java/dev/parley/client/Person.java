package dev.parley.client;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.rest.SessionTokens;
import dev.parley.server.testing.TestServer;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** One signed-in device driven through the real SDK, with a recording listener, for end-to-end tests. */
final class Person implements AutoCloseable {
  final RecordingListener events = new RecordingListener();
  final MemorySessionStore sessionStore = new MemorySessionStore();
  final ParleyClient client;

  private Person(URI server, UnaryOperator<ParleyClient.Builder> customize) {
    this.client = customize.apply(ParleyClient.builder(server).sessionStore(sessionStore).listener(events)).build();
  }

  /** Signs a device in on {@code phone} (creating the account on first use); does not connect. */
  static Person signIn(TestServer server, String phone, String deviceName) {
    return signIn(server.url(), server::codeFor, phone, deviceName, UnaryOperator.identity());
  }

  static Person signIn(URI url, java.util.function.Function<String, String> codes, String phone, String deviceName,
      UnaryOperator<ParleyClient.Builder> customize) {
    var person = new Person(url, customize);
    person.client.accounts().requestCode(phone);
    person.client.accounts().verify(phone, codes.apply(phone), deviceName);
    return person;
  }

  /** A second client for the same session (after a server restart on another port, say). */
  static Person resume(URI url, SessionTokens session, UnaryOperator<ParleyClient.Builder> customize) {
    var person = new Person(url, customize);
    person.sessionStore.save(session);
    return person;
  }

  Person connected() {
    client.connect();
    try {
      client.caughtUp().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("did not catch up", e);
    }
    return this;
  }

  SessionTokens session() {
    return client.session().orElseThrow();
  }

  AccountId account() {
    return session().accountId();
  }

  DeviceId device() {
    return new DeviceId(session().accountId(), session().deviceId());
  }

  @Override
  public void close() {
    client.close();
  }
}
