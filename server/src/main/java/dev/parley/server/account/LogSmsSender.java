package dev.parley.server.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: no SMS leaves the machine. The code is logged and appended as
 * {@code PHONE CODE} to {@code <data>/sms-outbox.log}, where a person or a test script can read it.
 */
public final class LogSmsSender implements SmsSender {
  private static final Logger log = LoggerFactory.getLogger(LogSmsSender.class);

  private final Path outbox;

  public LogSmsSender(Path dataDir) {
    this.outbox = dataDir.resolve("sms-outbox.log");
  }

  @Override
  public synchronized void send(String e164, String code) throws SmsException {
    log.info("one-time code for {}: {} (sms.sender=log; also in {})", e164, code, outbox);
    try {
      Files.createDirectories(outbox.getParent());
      Files.writeString(outbox, e164 + " " + code + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new SmsException("cannot append to " + outbox + ": " + e.getMessage(), e);
    }
  }
}
