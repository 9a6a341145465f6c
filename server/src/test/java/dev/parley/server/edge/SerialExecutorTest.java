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
  void executeHereRunsOnTheCallingThreadWhenNothingIsQueued() {
    // given an executor that would only ever queue its tasks
    var handedOff = new ArrayList<Runnable>();
    var serial = new SerialExecutor(handedOff::add);
    var ran = new ArrayList<String>();

    // when
    serial.executeHere(() -> ran.add("here"));

    // then
    assertThat(ran).containsExactly("here");
    assertThat(handedOff).isEmpty();
  }

  @Test
  void executeHereQueuesBehindATaskStillWaitingToRun() {
    // given a task handed to the executor that has not run yet
    var handedOff = new ArrayList<Runnable>();
    var serial = new SerialExecutor(handedOff::add);
    var ran = new ArrayList<String>();
    serial.execute(() -> ran.add("first"));

    // when
    serial.executeHere(() -> ran.add("second"));

    // then nothing ran on the calling thread, and the drain runs both in order
    assertThat(ran).isEmpty();
    assertThat(handedOff).hasSize(1);
    handedOff.getFirst().run();
    assertThat(ran).containsExactly("first", "second");
  }

  @Test
  void tasksQueuedWhileATaskRunsHereAreHandedToTheExecutor() {
    // given
    var handedOff = new ArrayList<Runnable>();
    var serial = new SerialExecutor(handedOff::add);
    var ran = new ArrayList<String>();

    // when a task running on the calling thread queues another
    serial.executeHere(() -> {
      ran.add("here");
      serial.execute(() -> ran.add("queued"));
    });

    // then the queued one waits for the executor, not for the next frame
    assertThat(ran).containsExactly("here");
    assertThat(handedOff).hasSize(1);
    handedOff.getFirst().run();
    assertThat(ran).containsExactly("here", "queued");
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
