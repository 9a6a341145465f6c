package dev.parley.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.client.DeliveryReceipt;
import dev.parley.client.IncomingMessage;
import dev.parley.client.ReadReceipt;
import dev.parley.client.SendResult;
import dev.parley.protocol.Json;
import dev.parley.protocol.rest.HistoryPage;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * The {@code --json} output: one object per line, each with a {@code type}. Field names follow the
 * wire protocol's frames; docs/cli.md documents every shape, so fields may be added but never
 * renamed or removed. Absent (null) fields are left out.
 */
final class JsonLines {
  private JsonLines() {}

  @JsonPropertyOrder({"type", "conversationId", "messageId", "seq", "senderAccountId", "senderDeviceId", "serverTime", "payload"})
  record Message(String type, String conversationId, String messageId, long seq, String senderAccountId,
      int senderDeviceId, long serverTime, String payload) {
    static Message of(IncomingMessage m) {
      return new Message("message", m.conversationId().value(), m.messageId().value(), m.seq(),
          m.sender().account().value(), m.sender().number(), m.serverTime().toEpochMilli(), m.payload());
    }

    static Message of(HistoryPage page, HistoryPage.Entry e) {
      return new Message("message", page.conversationId().value(), e.messageId().value(), e.seq(),
          e.senderAccountId().value(), e.senderDeviceId(), e.serverTime(), e.payload());
    }
  }

  @JsonPropertyOrder({"type", "conversationId", "messageId", "seq", "accountId", "deviceId", "serverTime"})
  record Delivered(String type, String conversationId, String messageId, long seq, String accountId, int deviceId,
      long serverTime) {
    static Delivered of(DeliveryReceipt r) {
      return new Delivered("delivered", r.conversationId().value(), r.messageId().value(), r.seq(),
          r.recipient().account().value(), r.recipient().number(), r.serverTime().toEpochMilli());
    }
  }

  @JsonPropertyOrder({"type", "conversationId", "seq", "accountId", "deviceId", "serverTime"})
  record Read(String type, String conversationId, long seq, String accountId, int deviceId, long serverTime) {
    static Read of(ReadReceipt r) {
      return new Read("read", r.conversationId().value(), r.seq(), r.reader().account().value(),
          r.reader().number(), r.serverTime().toEpochMilli());
    }
  }

  @JsonPropertyOrder({"type", "conversationId", "messageId", "seq", "serverTime", "clientMessageId"})
  record Sent(String type, String conversationId, String messageId, long seq, long serverTime, String clientMessageId) {
    static Sent of(SendResult.SentMessage s) {
      return new Sent("sent", s.conversationId().value(), s.messageId().value(), s.seq(), s.serverTime().toEpochMilli(),
          s.clientMessageId());
    }
  }

  /** Prints one object as one line; callers on several threads share {@code out}, so it locks it. */
  static void print(PrintStream out, Object value) {
    String line;
    try {
      line = Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
