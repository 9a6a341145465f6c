package dev.parley.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSmsSenderTest {
  @TempDir Path dir;

  @Test
  void codeIsAppendedAsPhoneAndCodeToTheOutbox() throws Exception {
    // given
    var sender = new LogSmsSender(dir);

    // when
    sender.send("+447911123456", "123456");
    sender.send("+33612345678", "654321");

    // then
    assertThat(Files.readAllLines(dir.resolve("sms-outbox.log")))
        .containsExactly("+447911123456 123456", "+33612345678 654321");
  }

  @Test
  void outboxKeepsEarlierLinesAcrossSenders() throws Exception {
    // given
    new LogSmsSender(dir).send("+447911123456", "111111");

    // when
    new LogSmsSender(dir).send("+447911123456", "222222");

    // then
    assertThat(Files.readAllLines(dir.resolve("sms-outbox.log")))
        .containsExactly("+447911123456 111111", "+447911123456 222222");
  }

  @Test
  void missingDataDirectoryIsCreated() throws Exception {
    // given
    var data = dir.resolve("not/yet/there");

    // when
    new LogSmsSender(data).send("+447911123456", "123456");

    // then
    assertThat(data.resolve("sms-outbox.log")).hasContent("+447911123456 123456");
  }

  @Test
  void unwritableOutboxIsAnSmsException() throws Exception {
    // given: the outbox path is taken by a directory
    Files.createDirectories(dir.resolve("sms-outbox.log"));

    // then
    assertThatExceptionOfType(SmsSender.SmsException.class)
        .isThrownBy(() -> new LogSmsSender(dir).send("+447911123456", "123456"))
        .withMessageContaining("sms-outbox.log");
  }
}
