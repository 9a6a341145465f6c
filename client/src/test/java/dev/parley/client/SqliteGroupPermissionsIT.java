package dev.parley.client;

import dev.parley.server.testing.TestServer;

class SqliteGroupPermissionsIT extends GroupPermissionsTests {
  @Override
  TestServer.StoreKind store() {
    return TestServer.StoreKind.SQLITE;
  }
}
