package dev.parley.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

  @Test
  void tasksRunOneAtATimeInSubmissionOrder() {
    // given
    var ran = new ArrayList<String>();
    var serial = new SerialExecutor(Runnable::run);

    // when
    serial.execute(() -> {
      ran.add("first");
      serial.execute(() -> ran.add("third"));
      ran.add("second");
    });

    // then
    assertThat(ran).containsExactly("first", "second", "third");
  }

  @Test
  void aTaskThatThrowsDoesNotStopTheTasksAfterIt() {
    // Issue 6: the exception escaped the loop, which stayed marked running: no later task ever ran.
    // given
    var ran = new ArrayList<String>();
    var serial = new SerialExecutor(Runnable::run);

    // when
    serial.execute(() -> {
      throw new IllegalStateException("a bug in a task");
    });
    serial.execute(() -> ran.add("next"));

    // then
    assertThat(ran).containsExactly("next");
  }
}
