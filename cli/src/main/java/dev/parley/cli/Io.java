package dev.parley.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a run of the CLI talks to: its streams and environment. {@code systemTerminal} says whether
 * the streams are the process's own, so the interactive chat may open the real terminal (raw mode,
 * window size); otherwise it runs a plain terminal over the given streams, as tests do.
 */
record Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean systemTerminal) {}
