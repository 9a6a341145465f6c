package dev.parley.server.edge;

import dev.parley.protocol.DeviceId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.server.messaging.MessagingService;
import dev.parley.server.messaging.SendRequest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Translates an authenticated device's frames into messaging calls and their results into frames. */
public final class ClientFrameHandler {
  private static final Logger log = LoggerFactory.getLogger(ClientFrameHandler.class);
  static final int MAX_ACK_IDS = 1000;

  private final MessagingService messaging;
  private final InstantSource clock;

  public ClientFrameHandler(MessagingService messaging, InstantSource clock) {
    this.messaging = messaging;
    this.clock = clock;
  }

  /** Whether {@link #handle} can take {@code frame} without blocking (on an event loop). */
  boolean handlesWithoutBlocking(ClientFrame frame) {
    return switch (frame) {
      case ClientFrame.Ack _, ClientFrame.Ping _ -> true;
      case ClientFrame.Send send -> send.conversationId() != null && messaging.checksFromCache(send.conversationId());
      case ClientFrame.Read read -> read.conversationId() != null && messaging.checksFromCache(read.conversationId());
      case ClientFrame.Auth _ -> false;
    };
  }

  void handle(DeviceConnection connection, ClientFrame frame) {
    var device = connection.device();
    switch (frame) {
      case ClientFrame.Auth _ -> connection.send(
          new ServerFrame.Error(null, ErrorCode.ALREADY_AUTHENTICATED, "this socket is already authenticated"));
      case ClientFrame.Send send -> send(connection, device, send);
      case ClientFrame.Ack ack -> ack(connection, device, ack);
      case ClientFrame.Read read -> read(connection, device, read);
      case ClientFrame.Ping ping -> connection.send(new ServerFrame.Pong(ping.id(), clock.millis()));
    }
  }

  private void send(DeviceConnection connection, DeviceId device, ClientFrame.Send send) {
    SendRequest request;
    try {
      request = new SendRequest(send.clientMessageId(), send.conversationId(), send.payload(), devicePayloads(send));
    } catch (IllegalArgumentException | NullPointerException e) {
      connection.send(new ServerFrame.Error(send.clientMessageId(), ErrorCode.INVALID_FRAME,
          "payloads must name accountId and a positive deviceId"));
      return;
    }
    messaging.send(device, request).whenComplete((outcome, failure) -> {
      if (failure != null) {
        log.error("storing a message from {} failed", device, failure);
        connection.send(new ServerFrame.Error(send.clientMessageId(), ErrorCode.UNAVAILABLE,
            "the message could not be stored; retry with the same clientMessageId"));
        return;
      }
      switch (outcome) {
        case Outcome.Ok<?>(var receiptValue) -> {
          var receipt = (dev.parley.server.messaging.SendReceipt) receiptValue;
          connection.send(new ServerFrame.Sent(receipt.clientMessageId(), receipt.messageId(), receipt.conversationId(),
              receipt.seq(), receipt.serverTime()));
        }
        case Outcome.Refused<?>(var code, var message, var details) ->
            connection.send(new ServerFrame.Error(send.clientMessageId(), code, message, details));
      }
    });
  }

  private static List<SendRequest.DevicePayload> devicePayloads(ClientFrame.Send send) {
    if (send.payloads() == null) {
      return null;
    }
    var payloads = new ArrayList<SendRequest.DevicePayload>(send.payloads().size());
    for (var copy : send.payloads()) {
      Objects.requireNonNull(copy, "payload entry");
      payloads.add(new SendRequest.DevicePayload(new DeviceId(copy.accountId(), copy.deviceId()), copy.payload()));
    }
    return payloads;
  }

  private void ack(DeviceConnection connection, DeviceId device, ClientFrame.Ack ack) {
    var ids = ack.deliveryIds();
    if (ids == null || ids.isEmpty() || ids.size() > MAX_ACK_IDS || ids.stream().anyMatch(Objects::isNull)) {
      connection.send(new ServerFrame.Error(null, ErrorCode.INVALID_FRAME, "deliveryIds must hold 1.." + MAX_ACK_IDS + " ids"));
      return;
    }
    // The window opens now, not when the delete commits: the stream reads past its cursor, so an
    // acked delivery is never sent again on this socket even before its row is gone. A backlog then
    // drains at the speed of the socket, not of the commit (docs/performance.md).
    var stream = connection.stream();
    int freed = stream.acknowledged(ids);
    messaging.ack(device, ids).whenComplete((_, failure) -> {
      stream.ackStored(freed);
      if (failure != null) {
        log.error("recording acks from {} failed", device, failure);
        connection.send(new ServerFrame.Error(null, ErrorCode.UNAVAILABLE, "the ack could not be stored; ack again"));
      }
    });
  }

  private void read(DeviceConnection connection, DeviceId device, ClientFrame.Read read) {
    if (read.conversationId() == null) {
      connection.send(new ServerFrame.Error(null, ErrorCode.INVALID_FRAME, "conversationId is required"));
      return;
    }
    messaging.markRead(device, read.conversationId(), read.seq()).whenComplete((outcome, failure) -> {
      if (failure != null) {
        log.error("recording a read from {} failed", device, failure);
        connection.send(new ServerFrame.Error(null, ErrorCode.UNAVAILABLE, "the read marker could not be stored"));
      } else if (outcome instanceof Outcome.Refused<Long>(var code, var message, var details)) {
        connection.send(new ServerFrame.Error(null, code, message, details));
      }
    });
  }
}
