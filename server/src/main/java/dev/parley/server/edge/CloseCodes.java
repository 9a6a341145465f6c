package dev.parley.server.edge;

/** WebSocket close codes the server uses (docs/protocol.md); 4xxx mirror HTTP statuses. */
public final class CloseCodes {
  public static final short GOING_AWAY = 1001;
  public static final short MESSAGE_TOO_BIG = 1009;
  public static final short INTERNAL_ERROR = 1011;
  public static final short AUTHENTICATION_FAILED = 4401;
  public static final short DEVICE_REMOVED = 4403;
  public static final short TIMEOUT = 4408;
  public static final short REPLACED = 4409;

  private CloseCodes() {}
}
