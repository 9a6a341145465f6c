package dev.parley.server;

import io.vertx.ext.web.Router;

/** What a browser sees at {@code /} until the web client lands: that the server runs, and where to go next. */
final class LandingPage {
  private final String html;

  LandingPage(String version) {
    this.html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Parley</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
        <h1>Parley %s is running</h1>
        <p>This server speaks the Parley protocol over <code>/v1/ws</code> (WebSocket) and <code>/v1/*</code> (REST).
        Health: <a href="/health">/health</a>.</p>
        <p>From a terminal: <code>./parley register +14155550101</code>, then <code>./parley verify +14155550101 CODE</code> (the code is in the server log and <code>data/sms-outbox.log</code>), then <code>./parley chat PHONE</code>. Programs use the Java SDK (<code>dev.parley.client.ParleyClient</code>); docs/protocol.md describes the wire protocol.</p>
        </body></html>
        """.formatted(version);
  }

  void mount(Router router) {
    router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(html));
  }
}
