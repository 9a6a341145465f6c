package dev.parley.server.edge;

import java.util.concurrent.atomic.AtomicReference;

/** Where the server is in its life; {@code /health} and the request gate read it. */
public final class Lifecycle {
  public enum State { STARTING, READY, STOPPING }

  private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);

  public State state() {
    return state.get();
  }

  public void ready() {
    state.compareAndSet(State.STARTING, State.READY);
  }

  public void stopping() {
    state.set(State.STOPPING);
  }

  public boolean isReady() {
    return state.get() == State.READY;
  }
}
