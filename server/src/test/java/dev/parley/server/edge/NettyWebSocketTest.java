package dev.parley.server.edge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NettyWebSocketTest {
  private static final int MAX_MESSAGE_BYTES = 64;

  private final RecordingListener listener = new RecordingListener();

  /** A channel as Vert.x leaves it after the upgrade, with NettyWebSocket in place of Vert.x's handler. */
  private NettyWebSocket started(EmbeddedChannel channel) {
    var socket = new NettyWebSocket(channel);
    socket.start(channel.pipeline().context("handler"), listener, MAX_MESSAGE_BYTES);
    return socket;
  }

  private static EmbeddedChannel upgradedChannel() {
    var channel = new EmbeddedChannel();
    channel.pipeline().addLast("handler", new ChannelInboundHandlerAdapter());
    return channel;
  }

  @Test
  void aTextFrameReachesTheListener() {
    // given
    var channel = upgradedChannel();
    started(channel);

    // when
    channel.writeInbound(new TextWebSocketFrame("{\"type\":\"ping\"}"));

    // then
    assertThat(listener.events).containsExactly("text {\"type\":\"ping\"}");
  }

  @Test
  void aMessageInSeveralFramesArrivesWhole() {
    // given
    var channel = upgradedChannel();
    started(channel);

    // when
    channel.writeInbound(new TextWebSocketFrame(false, 0, "hel"));
    channel.writeInbound(new ContinuationWebSocketFrame(true, 0, "lo"));

    // then
    assertThat(listener.events).containsExactly("text hello");
  }

  @Test
  void aPingIsAnsweredWithAPongCarryingItsData() {
    // given
    var channel = upgradedChannel();
    started(channel);

    // when
    channel.writeInbound(new PingWebSocketFrame(Unpooled.copiedBuffer("beat", UTF_8)));

    // then
    PongWebSocketFrame pong = channel.readOutbound();
    assertThat(pong.content().toString(UTF_8)).isEqualTo("beat");
    pong.release();
  }

  @Test
  void aCloseFromTheClientIsEchoedAndClosesTheChannel() {
    // given
    var channel = upgradedChannel();
    started(channel);

    // when
    channel.writeInbound(new CloseWebSocketFrame(4000, "bye"));

    // then
    CloseWebSocketFrame echo = channel.readOutbound();
    assertThat(echo.statusCode()).isEqualTo(4000);
    assertThat(echo.reasonText()).isEqualTo("bye");
    echo.release();
    assertThat(channel.isOpen()).isFalse();
    assertThat(listener.events).containsExactly("closed");
  }

  @Test
  void aCloseFromTheServerClosesTheChannelOnTheClientsEcho() {
    // given
    var channel = upgradedChannel();
    var socket = started(channel);

    // when
    socket.close((short) 4408, "idle");

    // then
    CloseWebSocketFrame close = channel.readOutbound();
    assertThat(close.statusCode()).isEqualTo(4408);
    assertThat(close.reasonText()).isEqualTo("idle");
    close.release();
    assertThat(channel.isOpen()).isTrue();
    channel.writeInbound(new CloseWebSocketFrame(4408, "idle"));
    assertThat(channel.isOpen()).isFalse();
    assertThat(channel.outboundMessages()).isEmpty();
    assertThat(listener.events).containsExactly("closed");
  }

  @Test
  void aCloseFromTheServerClosesTheChannelAfterTheTimeoutWithoutAnEcho() {
    // given
    var channel = upgradedChannel();
    var socket = started(channel);
    socket.close((short) 4408, "idle");
    ReferenceCountUtil.release(channel.readOutbound());

    // when
    channel.advanceTimeBy(NettyWebSocket.CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    // then
    assertThat(channel.isOpen()).isFalse();
    assertThat(listener.events).containsExactly("closed");
  }

  @Test
  void textSentAfterTheCloseIsDropped() {
    // given
    var channel = upgradedChannel();
    var socket = started(channel);
    socket.sendText("first");
    socket.close((short) 1001, "going away");

    // when
    socket.sendText("too late");

    // then
    assertThat(texts(channel)).containsExactly("first", "close 1001");
  }

  @Test
  void aMessageOverTheLimitClosesTheSocketWith1009() {
    // given
    var channel = upgradedChannel();
    started(channel);

    // when
    channel.writeInbound(new TextWebSocketFrame(false, 0, "x".repeat(MAX_MESSAGE_BYTES)));
    channel.writeInbound(new ContinuationWebSocketFrame(true, 0, "y"));

    // then
    CloseWebSocketFrame close = channel.readOutbound();
    assertThat(close.statusCode()).isEqualTo(1009);
    close.release();
    assertThat(channel.isOpen()).isFalse();
    assertThat(listener.events).contains("closed").noneMatch(event -> event.startsWith("text"));
  }

  @Test
  void aClientThatLeftDuringTheUpgradeIsReportedClosed() {
    // given
    var channel = upgradedChannel();
    var vertxHandler = channel.pipeline().context("handler");
    channel.close();

    // when
    new NettyWebSocket(channel).start(vertxHandler, listener, MAX_MESSAGE_BYTES);
    channel.runPendingTasks();

    // then
    assertThat(listener.events).containsExactly("closed");
  }

  @Test
  void textSentFromOtherThreadsKeepsItsOrderAndARunOfItIsFlushedOnce() throws Exception {
    // given: a socket on a real event loop, which is kept busy while 100 messages are handed over
    var group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    var written = new CopyOnWriteArrayList<String>();
    var flushes = new AtomicInteger();
    var socket = new CompletableFuture<NettyWebSocket>();
    var address = new LocalAddress("parley-" + System.nanoTime());
    try {
      new ServerBootstrap().group(group).channel(LocalServerChannel.class).childHandler(new ChannelInitializer<LocalChannel>() {
        @Override
        protected void initChannel(LocalChannel channel) {
          channel.pipeline().addLast(new Recorder(written, flushes)).addLast("handler", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
              var started = new NettyWebSocket(ctx.channel());
              started.start(ctx, listener, MAX_MESSAGE_BYTES);
              socket.complete(started);
            }
          });
        }
      }).bind(address).sync();
      var client = new Bootstrap().group(group).channel(LocalChannel.class).handler(new ChannelInboundHandlerAdapter())
          .connect(address).sync().channel();
      var server = socket.get(5, TimeUnit.SECONDS);
      var loopBusy = new CountDownLatch(1);
      client.eventLoop().execute(() -> {
        try {
          loopBusy.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });

      // when
      IntStream.rangeClosed(1, 100).forEach(i -> server.sendText(Integer.toString(i)));
      loopBusy.countDown();

      // then
      await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 100);
      assertThat(written).isEqualTo(IntStream.rangeClosed(1, 100).mapToObj(Integer::toString).toList());
      assertThat(flushes.get()).isEqualTo(1);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  private static List<String> texts(EmbeddedChannel channel) {
    var texts = new ArrayList<String>();
    for (Object message; (message = channel.readOutbound()) != null; ) {
      texts.add(describe((WebSocketFrame) message));
      ReferenceCountUtil.release(message);
    }
    return texts;
  }

  private static String describe(WebSocketFrame frame) {
    return switch (frame) {
      case TextWebSocketFrame text -> text.text();
      case CloseWebSocketFrame close -> "close " + close.statusCode();
      default -> frame.getClass().getSimpleName();
    };
  }

  /** Records the text frames written to the channel and counts its flushes. */
  private static final class Recorder extends ChannelOutboundHandlerAdapter {
    private final List<String> written;
    private final AtomicInteger flushes;

    Recorder(List<String> written, AtomicInteger flushes) {
      this.written = written;
      this.flushes = flushes;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof TextWebSocketFrame text) {
        written.add(text.text());
      }
      ReferenceCountUtil.release(msg);
      promise.setSuccess();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      flushes.incrementAndGet();
    }
  }

  /** Records what the socket reports. */
  private static final class RecordingListener implements NettyWebSocket.Listener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onText(String text) {
      events.add("text " + text);
    }

    @Override
    public void onBinary() {
      events.add("binary");
    }

    @Override
    public void onPong() {
      events.add("pong");
    }

    @Override
    public void onError(Throwable error) {
      events.add("error " + error.getClass().getSimpleName());
    }

    @Override
    public void onClosed() {
      events.add("closed");
    }
  }
}
