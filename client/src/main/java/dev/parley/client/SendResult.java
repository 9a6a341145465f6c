package dev.parley.client;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.protocol.frame.ServerFrame.ErrorDetails;
import java.time.Instant;

/**
 * How a send ended: stored by the server ({@link SentMessage}) or refused ({@link SendRefused}).
 * A refusal is a value, not an exception, because the caller must handle it (show "not sent",
 * re-fetch devices); use {@link #orThrow()} where a refusal is a bug.
 */
public sealed interface SendResult {
  String clientMessageId();

  ConversationId conversationId();

  /** The stored message, or throws {@link ParleyApiException} carrying the refusal's code. */
  SentMessage orThrow();

  /** The server stored the message durably; {@code seq} orders it in its conversation. */
  record SentMessage(
      String clientMessageId, MessageId messageId, ConversationId conversationId, long seq, Instant serverTime)
      implements SendResult {
    public static SentMessage of(ServerFrame.Sent sent) {
      return new SentMessage(
          sent.clientMessageId(), sent.messageId(), sent.conversationId(), sent.seq(),
          Instant.ofEpochMilli(sent.serverTime()));
    }

    @Override
    public SentMessage orThrow() {
      return this;
    }
  }

  /**
   * The server (or the SDK, for a payload over the size limit) refused the message; nothing was
   * stored and the SDK will not retry it. {@code details} is null unless the code carries some,
   * as {@link ErrorCode#DEVICES_MISMATCH} does.
   */
  record SendRefused(
      String clientMessageId, ConversationId conversationId, ErrorCode code, String message, ErrorDetails details)
      implements SendResult {
    @Override
    public SentMessage orThrow() {
      throw new ParleyApiException(code, code.httpStatus(), message, details);
    }
  }
}
