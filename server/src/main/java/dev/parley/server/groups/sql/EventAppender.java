package dev.parley.server.groups.sql;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.GroupEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Appends a group's system message inside the transaction that changes the group, so the change
 * and its record commit together. Messaging implements it (messages are its tables); the root wires it.
 */
public interface EventAppender {

  /** The event's seq, and what to do after the commit (route its deliveries). */
  record Appended(long seq, Runnable afterCommit) {}

  Appended append(Connection connection, ConversationId id, DeviceId actor, GroupEvent event, List<DeviceId> recipients, long now)
      throws SQLException;
}
