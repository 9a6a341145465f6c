package dev.parley.server.account;

import java.util.ArrayList;
import java.util.List;

/** Records every code it is asked to send; {@link #failNext} makes the provider refuse. */
final class RecordingSmsSender implements SmsSender {
  record Sms(String phone, String code) {}

  private final List<Sms> sent = new ArrayList<>();
  private boolean failNext;

  @Override
  public synchronized void send(String e164, String code) throws SmsException {
    if (failNext) {
      failNext = false;
      throw new SmsException("provider answered 503", null);
    }
    sent.add(new Sms(e164, code));
  }

  synchronized void failNext() {
    failNext = true;
  }

  synchronized List<Sms> sent() {
    return List.copyOf(sent);
  }

  synchronized String lastCode() {
    return sent.getLast().code();
  }
}
