package dev.parley.protocol;

/** Limits that both ends must agree on. */
public final class Limits {
  /** Largest payload in one message (or one device's copy), in UTF-8 bytes. */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
  /** Longest clientMessageId; SDKs use UUIDs (36). */
  public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 64;
  /** Most messages one history page returns. */
  public static final int MAX_HISTORY_PAGE = 200;

  private Limits() {}
}
