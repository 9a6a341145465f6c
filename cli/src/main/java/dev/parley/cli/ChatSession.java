package dev.parley.cli;

import dev.parley.client.ClientListener;
import dev.parley.client.ConnectionState;
import dev.parley.client.DeliveryReceipt;
import dev.parley.client.HistoryQuery;
import dev.parley.client.IncomingMessage;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyException;
import dev.parley.client.ReadReceipt;
import dev.parley.client.SendResult;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.MessageId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * One interactive chat. The main thread reads lines and sends them; the SDK's event thread prints
 * what arrives above the prompt ({@link LineReader#printAbove}, which JLine makes safe while a line
 * is being typed). Lines typed while offline wait in the SDK's outbox and go out on reconnect.
 *
 * <p>The screen is a transcript: each of your messages is printed when the server has stored it
 * (✓), and printed again when a recipient's device has it (✓✓) and when it has been read
 * (✓✓ read). Messages of this chat are acked and marked read once printed; messages of other
 * conversations are announced but left unacked, for {@code listen} or their own chat.
 */
final class ChatSession implements ClientListener {
  private static final int SCROLLBACK = 20;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

  private enum Tick {
    SENT("✓"), DELIVERED("✓✓"), READ("✓✓ read");

    final String mark;

    Tick(String mark) {
      this.mark = mark;
    }
  }

  /** One of your messages in this chat. Guarded by the session's lock. */
  private static final class Mine {
    final String text;
    final long seq;
    final Instant time;
    Tick tick = Tick.SENT;

    Mine(String text, long seq, Instant time) {
      this.text = text;
      this.seq = seq;
      this.time = time;
    }
  }

  private final CliContext context;
  private final ConversationId conversation;
  private final AccountId me;
  private final LineReader reader;
  private final ParleyClient client;
  private final People people;
  private final Object lock = new Object();
  // Guarded by lock. Your messages by id, and receipts that overtook the answer to their send.
  private final Map<MessageId, Mine> mine = new LinkedHashMap<>();
  private final Set<MessageId> deliveredEarly = new HashSet<>();
  private final Set<ConversationId> announced = new HashSet<>();
  private volatile boolean everConnected;
  private volatile boolean offlineShown;
  private volatile ErrorCode revoked;

  ChatSession(CliContext context, ConversationId conversation, AccountId me, LineReader reader) {
    this.context = context;
    this.conversation = conversation;
    this.me = me;
    this.reader = reader;
    this.client = context.client(this, builder -> builder);
    this.people = new People(context, client, me);
  }

  int run(String title) {
    try {
      show("-- chat with " + title + (title.equals(conversation.value()) ? "" : " (" + conversation.value() + ")")
          + ". /help for commands, /quit to leave.");
      long lastSeen = scrollback(SCROLLBACK);
      client.connect();
      if (lastSeen > 0) {
        client.markRead(conversation, lastSeen);
      }
      while (revoked == null) {
        String line;
        try {
          line = reader.readLine("> ");
        } catch (UserInterruptException | EndOfFileException e) {
          break;
        }
        if (revoked != null) {
          break;
        }
        var text = line.strip();
        if (text.isEmpty()) {
          continue;
        }
        if (text.startsWith("/")) {
          if (!command(text)) {
            break;
          }
        } else {
          send(text);
        }
      }
    } finally {
      client.close();
    }
    if (revoked != null) {
      throw CliFailure.revoked(revoked);
    }
    return ExitCodes.OK;
  }

  /** Runs a /command; false means quit. */
  private boolean command(String text) {
    var words = text.split("\\s+");
    switch (words[0]) {
      case "/quit", "/exit", "/q" -> {
        return false;
      }
      case "/help", "/?" -> {
        show("-- /history [N]  show the last N messages (default " + SCROLLBACK + ")");
        show("-- /quit         leave (Ctrl-D too)");
        show("-- ticks: ✓ stored by the server, ✓✓ delivered to a device, ✓✓ read");
      }
      case "/history" -> {
        int n = SCROLLBACK;
        if (words.length > 1) {
          try {
            n = Integer.parseInt(words[1]);
          } catch (NumberFormatException e) {
            n = -1;
          }
        }
        if (n < 1 || n > Limits.MAX_HISTORY_PAGE) {
          show("-- usage: /history N, with N from 1 to " + Limits.MAX_HISTORY_PAGE);
        } else {
          scrollback(n);
        }
      }
      default -> show("-- unknown command " + words[0] + "; /help lists them");
    }
    return true;
  }

  private void send(String text) {
    if (text.length() * 3L > Limits.MAX_PAYLOAD_BYTES
        && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Limits.MAX_PAYLOAD_BYTES) {
      show("-- not sent: over " + Limits.MAX_PAYLOAD_BYTES + " bytes");
      return;
    }
    var connected = client.state() == ConnectionState.CONNECTED;
    if (!connected) {
      show(TIME.format(Instant.now()) + " you: " + text + "  … (not connected: sent once the connection is up)");
    }
    // Completed on an SDK thread once the server answers; receipts may overtake it (deliveredEarly).
    client.send(conversation, text).thenAccept(result -> sendEnded(text, result));
  }

  /** Prints the last {@code n} messages; returns the newest seq shown, or 0. */
  private long scrollback(int n) {
    try {
      var page = client.history(conversation, HistoryQuery.latest(n));
      if (page.hasMore() || !page.messages().isEmpty()) {
        show("-- last " + page.messages().size() + " messages");
      }
      long last = 0;
      for (var entry : page.messages()) {
        var time = Instant.ofEpochMilli(entry.serverTime());
        var text = entry.payload() == null ? "(no copy for this device)" : entry.payload();
        if (entry.senderAccountId().equals(me)) {
          synchronized (lock) {
            var own = mine.computeIfAbsent(entry.messageId(), id -> new Mine(text, entry.seq(), time));
            show(line(own));
          }
        } else {
          show(TIME.format(time) + " " + people.label(entry.senderAccountId()) + ": " + text);
        }
        last = entry.seq();
      }
      return last;
    } catch (ParleyException e) {
      show("-- history unavailable: " + describe(e));
      return 0;
    }
  }

  private void sendEnded(String text, SendResult result) {
    switch (result) {
      case SendResult.SentMessage sent -> {
        synchronized (lock) {
          var own = new Mine(text, sent.seq(), sent.serverTime());
          if (deliveredEarly.remove(sent.messageId())) {
            own.tick = Tick.DELIVERED;
          }
          var earlier = mine.putIfAbsent(sent.messageId(), own);
          show(line(earlier == null ? own : earlier));
        }
      }
      case SendResult.SendRefused refused ->
          show("-- not sent: " + refused.code().wireName() + ": " + refused.message());
    }
  }

  @Override
  public void onMessage(IncomingMessage message) {
    if (!message.conversationId().equals(conversation)) {
      if (announced.add(message.conversationId())) {
        show("-- new message from " + people.label(message.sender().account()) + " in another conversation ("
            + message.conversationId().value() + "); 'parley chat' it or 'parley listen'");
      }
      return;
    }
    if (message.sender().account().equals(me)) {
      synchronized (lock) {
        var own = mine.computeIfAbsent(message.messageId(), id -> new Mine(message.payload(), message.seq(), message.serverTime()));
        show(line(own));
      }
    } else {
      show(TIME.format(message.serverTime()) + " " + people.label(message.sender().account()) + ": " + message.payload());
      client.markRead(conversation, message.seq());
    }
    message.ack();
  }

  @Override
  public void onDelivered(DeliveryReceipt receipt) {
    if (!receipt.conversationId().equals(conversation) || receipt.recipient().account().equals(me)) {
      return;
    }
    synchronized (lock) {
      var own = mine.get(receipt.messageId());
      if (own == null) {
        deliveredEarly.add(receipt.messageId());
      } else if (own.tick == Tick.SENT) {
        own.tick = Tick.DELIVERED;
        show(line(own));
      }
    }
  }

  @Override
  public void onRead(ReadReceipt receipt) {
    if (!receipt.conversationId().equals(conversation) || receipt.reader().account().equals(me)) {
      return;
    }
    synchronized (lock) {
      Mine newest = null;
      for (var own : mine.values()) {
        if (own.seq <= receipt.seq() && own.tick != Tick.READ) {
          own.tick = Tick.READ;
          newest = own;
        }
      }
      // One line for the newest: everything before it is read too.
      if (newest != null) {
        show(line(newest));
      }
    }
  }

  @Override
  public void onStateChanged(ConnectionState state) {
    switch (state) {
      case CONNECTED -> {
        if (everConnected || offlineShown) {
          show("-- connected");
        }
        everConnected = true;
        offlineShown = false;
      }
      case WAITING_TO_RECONNECT -> {
        if (!offlineShown) {
          offlineShown = true;
          show("-- offline: reconnecting; what you type is sent when the connection is back");
        }
      }
      default -> {}
    }
  }

  @Override
  public void onSessionRevoked(ErrorCode code) {
    revoked = code;
    show("-- your session was revoked (" + code.wireName() + "): press Enter, then sign in again with 'parley verify'");
  }

  @Override
  public void onReplaced() {
    show("-- another program took over this device's connection; this chat no longer receives");
  }

  private static String line(Mine own) {
    return TIME.format(own.time) + " you: " + own.text + "  " + own.tick.mark;
  }

  private static String describe(ParleyException e) {
    return switch (e) {
      case dev.parley.client.ParleyApiException api -> api.code().wireName() + ": " + api.serverMessage();
      case dev.parley.client.ParleyUnreachableException _ -> "the server cannot be reached";
      default -> e.getMessage();
    };
  }

  private void show(String text) {
    reader.printAbove(text);
  }
}
