package dev.parley.server.messaging.sql;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.frame.ServerFrame.DeviceRef;
import dev.parley.protocol.frame.ServerFrame.MessageRef;
import java.util.ArrayList;
import java.util.List;

/**
 * How a queued {@code delivered} receipt keeps its devices and messages in the deliveries table's
 * {@code receipt} column: {@code account/device,account/device|seq/messageId,seq/messageId}. Account
 * and message ids are UUIDs, so the separators cannot occur inside them; the column is written and
 * read only here (and by migration V4, which converts the receipts queued before it).
 */
final class ReceiptColumn {
  private ReceiptColumn() {}

  static String encode(List<DeviceRef> devices, List<MessageRef> messages) {
    var out = new StringBuilder(devices.size() * 40 + messages.size() * 44);
    for (int i = 0; i < devices.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(devices.get(i).accountId().value()).append('/').append(devices.get(i).deviceId());
    }
    out.append('|');
    for (int i = 0; i < messages.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(messages.get(i).seq()).append('/').append(messages.get(i).messageId().value());
    }
    return out.toString();
  }

  static List<DeviceRef> devices(String column) {
    var devices = new ArrayList<DeviceRef>();
    for (var item : part(column, 0).split(",")) {
      int slash = item.indexOf('/');
      devices.add(new DeviceRef(new AccountId(item.substring(0, slash)), Integer.parseInt(item.substring(slash + 1))));
    }
    return devices;
  }

  static List<MessageRef> messages(String column) {
    var messages = new ArrayList<MessageRef>();
    for (var item : part(column, 1).split(",")) {
      int slash = item.indexOf('/');
      messages.add(new MessageRef(new MessageId(item.substring(slash + 1)), Long.parseLong(item.substring(0, slash))));
    }
    return messages;
  }

  private static String part(String column, int index) {
    int bar = column.indexOf('|');
    if (bar < 0) {
      throw new IllegalArgumentException("not a receipt column: " + column);
    }
    return index == 0 ? column.substring(0, bar) : column.substring(bar + 1);
  }
}
