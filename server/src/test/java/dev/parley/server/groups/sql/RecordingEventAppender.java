package dev.parley.server.groups.sql;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.GroupEvent;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Numbers events per conversation as messaging would, and records them with their recipients. */
public final class RecordingEventAppender implements EventAppender {
  public record Recorded(ConversationId conversation, long seq, GroupEvent event, List<DeviceId> recipients) {}

  public final List<Recorded> recorded = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<ConversationId, Long> seqs = new ConcurrentHashMap<>();

  @Override
  public Appended append(Connection connection, ConversationId id, DeviceId actor, GroupEvent event, List<DeviceId> recipients,
      long now) {
    long seq = seqs.merge(id, 1L, Long::sum);
    recorded.add(new Recorded(id, seq, event, List.copyOf(recipients)));
    return new Appended(seq, () -> {});
  }

  public List<Recorded> of(ConversationId id) {
    return recorded.stream().filter(r -> r.conversation().equals(id)).toList();
  }
}
