package dev.parley.server.edge;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket after its upgrade, served by a plain Netty handler. Vert.x does the upgrade (the path
 * check, 503 while starting, the handshake, the frame decoder and encoder); then this handler takes
 * the channel over ({@link WebSocketEndpoint#accept}), because Vert.x's own WebSocket keeps ~14 KB per
 * socket for the socket's whole life: a queue for writes from other threads whose first chunk is a
 * 1,024-slot array (4.8 KB), and the upgraded HTTP/1 connection with its request, response, headers
 * and a second such queue (6.8 KB), all reachable from its channel handler. With that handler out of
 * the pipeline, an idle socket costs Netty's channel and Parley's {@link DeviceConnection}, ~3.3 KB
 * (docs/performance.md, "Idle connections").
 *
 * <p>It does for Parley what Vert.x's WebSocket did: text messages (continuation frames joined by
 * Netty's aggregator before it), a pong for every ping, and the close handshake: a close from the
 * client is echoed and the channel closed; a close from the server waits for the client's echo, at
 * most {@link #CLOSE_TIMEOUT}, then closes the channel.
 *
 * <p>Threads: Netty calls the handler, and so the {@link Listener}, on the channel's event loop.
 * {@link #sendText}, {@link #close} and {@link #ping} may be called from any thread. Text and close
 * take effect in call order across threads: a call off the event loop becomes a task, and a call on
 * it also queues behind such tasks while any are pending. Flushes are coalesced like Vert.x's: once
 * per read (for replies), and once per run of queued writes (for a committed batch of deliveries), so
 * a burst costs one syscall per socket, not one per frame.
 */
final class NettyWebSocket extends ChannelInboundHandlerAdapter {
  /** How long a close from the server waits for the client's echo: Vert.x's default closing timeout. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private static final VarHandle QUEUED;

  static {
    try {
      QUEUED = MethodHandles.lookup().findVarHandle(NettyWebSocket.class, "queued", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** What the socket reports, on its event loop. */
  interface Listener {
    void onText(String text);

    void onBinary();

    void onPong();

    void onError(Throwable error);

    /** The channel is closed, by either side; called once. */
    void onClosed();
  }

  private final Channel channel;
  // Set once by start(), before this handler joins the pipeline; read on the event loop.
  private Listener listener;
  // Writes and closes handed to the event loop and not yet done: changed with QUEUED from any thread.
  private volatile int queued;
  // Event loop only.
  private boolean reading;
  private boolean flushNeeded;
  private boolean closeSent;
  private boolean closeReported;
  private ScheduledFuture<?> closeTimeout;

  NettyWebSocket(Channel channel) {
    this.channel = channel;
  }

  /**
   * Takes the channel over (on its event loop): {@code replaced}, the handler that served the socket
   * until now, leaves the pipeline with all it holds, and the frames that follow come to
   * {@code listener}. Messages longer than {@code maxMessageBytes} close the socket with 1009.
   */
  void start(ChannelHandlerContext replaced, Listener listener, int maxMessageBytes) {
    this.listener = listener;
    if (replaced.isRemoved()) {
      // The client left during the upgrade and the channel's pipeline is already torn down.
      reportClosed();
      return;
    }
    var pipeline = replaced.pipeline();
    pipeline.addBefore(replaced.name(), "parley-ws-aggregator", new WebSocketFrameAggregator(maxMessageBytes));
    pipeline.replace(replaced.name(), "parley-ws", this);
    if (!channel.isActive()) {
      // The client left during the upgrade, and its channelInactive may have gone to the old handler:
      // report the close after any such event still queued (reportClosed runs once either way).
      channel.eventLoop().execute(this::reportClosed);
    }
  }

  /** Sends one text message; dropped once the close handshake has begun. */
  void sendText(String text) {
    sendText(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one text message, already UTF-8; dropped once the close handshake has begun. */
  void sendText(byte[] utf8) {
    // Copied on the calling thread, to keep that work off the event loop.
    var frame = new TextWebSocketFrame(channel.alloc().directBuffer(utf8.length).writeBytes(utf8));
    inOrder(() -> {
      if (closeSent || !channel.isActive()) {
        ReferenceCountUtil.release(frame);
      } else {
        channel.write(frame, channel.voidPromise());
        flushNeeded = true;
      }
    });
  }

  /** Starts the close handshake with {@code code} and {@code reason}, after the text sent before. */
  void close(short code, String reason) {
    inOrder(() -> {
      if (closeSent || !channel.isActive()) {
        return;
      }
      closeSent = true;
      channel.write(new CloseWebSocketFrame(code, reason), channel.voidPromise());
      flushNeeded = true;
      closeTimeout = channel.eventLoop().schedule(() -> channel.close(), CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    });
  }

  /** A heartbeat ping; its order among the other frames does not matter. */
  void ping() {
    channel.eventLoop().execute(() -> {
      if (!closeSent && channel.isActive()) {
        channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
      }
    });
  }

  /** Runs {@code write} on the event loop, after the writes handed over before it, then flushes when due. */
  private void inOrder(Runnable write) {
    if (channel.eventLoop().inEventLoop() && queued == 0) {
      write.run();
      if (!reading) {
        flush();
      }
      return;
    }
    QUEUED.getAndAdd(this, 1);
    channel.eventLoop().execute(() -> {
      write.run();
      // The last of a run of queued writes flushes them all.
      if ((int) QUEUED.getAndAdd(this, -1) == 1) {
        flush();
      }
    });
  }

  private void flush() {
    if (flushNeeded) {
      flushNeeded = false;
      channel.flush();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    reading = true;
    try {
      switch (msg) {
        case TextWebSocketFrame text -> listener.onText(text.text());
        case PongWebSocketFrame _ -> listener.onPong();
        case PingWebSocketFrame ping -> {
          if (!closeSent) {
            channel.write(new PongWebSocketFrame(ping.content().retain()), channel.voidPromise());
            flushNeeded = true;
          }
        }
        case CloseWebSocketFrame close -> onClose(close);
        case BinaryWebSocketFrame _ -> listener.onBinary();
        default -> {
          // Continuation frames never get here: the aggregator joins them into their message.
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onClose(CloseWebSocketFrame close) {
    if (closeSent) {
      // The client's answer to our close: the handshake is complete.
      channel.close();
      return;
    }
    // The client closes: echo its status and reason, then close the channel.
    closeSent = true;
    channel.writeAndFlush(new CloseWebSocketFrame(true, 0, close.content().retainedDuplicate()))
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    reading = false;
    flush();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    listener.onError(cause);
    // A frame or message over the limits, or a broken frame: say so with the close code that fits and
    // close at once (after a broken frame the decoder reads nothing more, so no echo would come).
    // Anything else (a reset connection, above all) just closes the channel.
    var status = switch (cause) {
      case CorruptedWebSocketFrameException corrupted -> corrupted.closeStatus();
      case TooLongFrameException _ -> WebSocketCloseStatus.MESSAGE_TOO_BIG;
      default -> null;
    };
    if (status != null && !closeSent && channel.isActive()) {
      closeSent = true;
      channel.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
    } else {
      channel.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (closeTimeout != null) {
      closeTimeout.cancel(false);
    }
    reportClosed();
    ctx.fireChannelInactive();
  }

  private void reportClosed() {
    if (!closeReported) {
      closeReported = true;
      listener.onClosed();
    }
  }
}
