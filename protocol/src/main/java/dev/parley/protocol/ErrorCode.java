package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every error a client can be told about: the machine-readable code on the wire and the HTTP status
 * the REST API answers with. WebSocket errors carry the same codes in an {@code error} frame.
 */
public enum ErrorCode {
  BAD_REQUEST("bad_request", 400),
  MALFORMED_JSON("malformed_json", 400),
  UNKNOWN_FRAME("unknown_frame", 400),
  INVALID_FRAME("invalid_frame", 400),
  FRAME_TOO_LARGE("frame_too_large", 413),
  PAYLOAD_TOO_LARGE("payload_too_large", 413),
  INVALID_PHONE("invalid_phone", 400),
  OTP_THROTTLED("otp_throttled", 429),
  INVALID_CODE("invalid_code", 401),
  CODE_EXPIRED("code_expired", 401),
  TOO_MANY_ATTEMPTS("too_many_attempts", 429),
  UNAUTHENTICATED("unauthenticated", 401),
  TOKEN_EXPIRED("token_expired", 401),
  TOKEN_INVALID("token_invalid", 401),
  REFRESH_TOKEN_INVALID("refresh_token_invalid", 401),
  REFRESH_TOKEN_REUSED("refresh_token_reused", 401),
  ALREADY_AUTHENTICATED("already_authenticated", 400),
  ACCOUNT_NOT_FOUND("account_not_found", 404),
  DEVICE_NOT_FOUND("device_not_found", 404),
  CONVERSATION_NOT_FOUND("conversation_not_found", 404),
  NOT_A_MEMBER("not_a_member", 403),
  DEVICES_MISMATCH("devices_mismatch", 409),
  NOT_AN_ADMIN("not_an_admin", 403),
  OWNER_PROTECTED("owner_protected", 403),
  GROUP_FULL("group_full", 409),
  ALREADY_A_MEMBER("already_a_member", 409),
  MEMBER_NOT_FOUND("member_not_found", 404),
  INVITE_INVALID("invite_invalid", 404),
  NOT_FOUND("not_found", 404),
  METHOD_NOT_ALLOWED("method_not_allowed", 405),
  RATE_LIMITED("rate_limited", 429),
  UNAVAILABLE("unavailable", 503),
  INTERNAL("internal", 500);

  private final String wireName;
  private final int httpStatus;

  ErrorCode(String wireName, int httpStatus) {
    this.wireName = wireName;
    this.httpStatus = httpStatus;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The code for a wire name; unknown names (a newer server) map to {@link #INTERNAL}. */
  @JsonCreator
  public static ErrorCode fromWire(String name) {
    for (var code : values()) {
      if (code.wireName.equals(name)) {
        return code;
      }
    }
    return INTERNAL;
  }
}
