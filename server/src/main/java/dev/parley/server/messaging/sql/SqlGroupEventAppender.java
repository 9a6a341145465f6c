package dev.parley.server.messaging.sql;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.GroupEvent;
import dev.parley.server.cluster.Router;
import dev.parley.server.groups.sql.EventAppender;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Records group events as system messages in the group change's own transaction, and routes them after the commit. */
public final class SqlGroupEventAppender implements EventAppender {
  private final SqlMessageStore messages;
  private final Router router;

  public SqlGroupEventAppender(SqlMessageStore messages, Router router) {
    this.messages = messages;
    this.router = router;
  }

  @Override
  public Appended append(Connection connection, ConversationId id, DeviceId actor, GroupEvent event, List<DeviceId> recipients,
      long now) throws SQLException {
    var appended = messages.appendEvent(connection, id, actor, event, recipients, now);
    return new Appended(appended.seq(), () -> appended.deliveries().forEach(d -> router.deliver(d.device(), d.delivery())));
  }
}
