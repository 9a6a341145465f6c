package dev.parley.bench;

import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.FrameCodec;
import dev.parley.protocol.frame.FrameDecodeException;
import dev.parley.protocol.frame.ServerFrame;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One device's WebSocket, as lean as the protocol allows: authenticated by the upgrade request's
 * {@code Authorization} header (no extra round trip), frames decoded with the protocol module's
 * codec, and acks batched: every delivery is acked, in frames of up to {@value #ACK_BATCH} ids, sent
 * when the event loop has handled what it read (a task queued behind the read), so the deliveries
 * that arrive together are acked together without a timer per socket.
 *
 * <p>Threads: every handler runs on the socket's Vert.x event loop ({@link #context}); all mutable
 * state here is confined to it. {@link #send} may be called from any thread (Vert.x hands the write
 * to the event loop).
 */
final class BenchSocket {
  static final FrameCodec CODEC = new FrameCodec();
  static final int ACK_BATCH = 64;

  /**
   * The sockets of one event loop with acks to send, flushed by one task queued behind the loop's
   * current work. Confined to its event loop's thread.
   */
  private static final class AckFlusher {
    private static final ThreadLocal<AckFlusher> OF_THIS_LOOP = ThreadLocal.withInitial(AckFlusher::new);
    private final List<BenchSocket> waiting = new ArrayList<>();

    void add(BenchSocket socket, Context context) {
      if (waiting.isEmpty()) {
        context.runOnContext(_ -> flush());
      }
      waiting.add(socket);
    }

    private void flush() {
      for (var socket : waiting) {
        socket.ackQueued = false;
        socket.flushAcks();
      }
      waiting.clear();
    }
  }

  /** What the workload does with the frames; called on the socket's event loop. */
  interface Listener {
    void onFrame(BenchSocket socket, ServerFrame frame, long receivedNanos);

    default void onClose(BenchSocket socket, Short code) {}
  }

  private final Vertx vertx;
  private final WebSocket socket;
  private volatile Context context; // the socket's event loop, set once connected
  private final Listener listener;
  private final List<Long> pendingAcks = new ArrayList<>(ACK_BATCH);
  private boolean ackQueued;
  private volatile boolean closed;
  final int index;

  private BenchSocket(Vertx vertx, WebSocket socket, Listener listener, int index) {
    this.vertx = vertx;
    this.socket = socket;
    this.listener = listener;
    this.index = index;
  }

  /**
   * Connects and authenticates; the future completes on the upgrade (frames follow: ready, backlog,
   * caught-up). Handlers are set before the upgrade: with header authentication the server writes
   * {@code ready} at once, and a handler set afterwards could miss it.
   */
  static Future<BenchSocket> connect(Vertx vertx, WebSocketClient client, URI server, String accessToken, int index,
      Listener listener) {
    var options = new WebSocketConnectOptions()
        .setHost(server.getHost())
        .setPort(server.getPort())
        .setURI("/v1/ws")
        .setConnectTimeout(30_000)
        .setTimeout(60_000)
        .putHeader("Authorization", "Bearer " + accessToken);
    var ws = client.webSocket();
    var socket = new BenchSocket(vertx, ws, listener, index);
    ws.textMessageHandler(socket::onText);
    ws.closeHandler(_ -> {
      socket.closed = true;
      listener.onClose(socket, ws.closeStatusCode());
    });
    ws.exceptionHandler(_ -> { });
    return ws.connect(options).map(_ -> {
      socket.context = vertx.getOrCreateContext();
      return socket;
    });
  }

  private void onText(String text) {
    long now = System.nanoTime();
    ServerFrame frame;
    try {
      frame = CODEC.decodeServer(text);
    } catch (FrameDecodeException e) {
      throw new IllegalStateException("the server sent an undecodable frame: " + text, e);
    }
    if (frame instanceof ServerFrame.Delivery delivery) {
      queueAck(delivery.deliveryId());
    }
    listener.onFrame(this, frame, now);
  }

  private void queueAck(long deliveryId) {
    pendingAcks.add(deliveryId);
    if (pendingAcks.size() >= ACK_BATCH) {
      flushAcks();
    } else if (!ackQueued) {
      ackQueued = true;
      AckFlusher.OF_THIS_LOOP.get().add(this, Vertx.currentContext());
    }
  }

  private void flushAcks() {
    if (pendingAcks.isEmpty() || closed) {
      return;
    }
    send(new ClientFrame.Ack(List.copyOf(pendingAcks)));
    pendingAcks.clear();
  }

  void send(ClientFrame frame) {
    sendText(CODEC.encode(frame));
  }

  void sendText(String text) {
    if (!closed) {
      socket.writeTextMessage(text);
    }
  }

  /** Runs {@code task} on this socket's event loop, where its listener's state lives. */
  void runOnLoop(Runnable task) {
    context.runOnContext(_ -> task.run());
  }

  boolean isClosed() {
    return closed;
  }

  Future<Void> close() {
    closed = true;
    return socket.close();
  }
}
