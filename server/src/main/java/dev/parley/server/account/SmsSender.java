package dev.parley.server.account;

/**
 * Delivers a one-time code to a phone. Implementations: {@code LogSmsSender} (embedded default) and
 * {@code HttpSmsSender} (an SMS provider's REST API). Called on a virtual thread; may block.
 */
public interface SmsSender {

  /** Sends the code; throws {@link SmsException} if the provider refused or could not be reached. */
  void send(String e164, String code) throws SmsException;

  final class SmsException extends Exception {
    public SmsException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
