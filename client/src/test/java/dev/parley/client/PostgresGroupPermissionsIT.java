package dev.parley.client;

import dev.parley.server.testing.TestServer;

class PostgresGroupPermissionsIT extends GroupPermissionsTests {
  @Override
  TestServer.StoreKind store() {
    return TestServer.StoreKind.POSTGRES;
  }
}
