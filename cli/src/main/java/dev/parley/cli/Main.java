package dev.parley.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code parley} command. {@link #run} is the whole program: it never calls
 * {@link System#exit}, so tests drive it in-process and read its exit code.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    var io = new Io(System.in, System.out, System.err, System.getenv(), true);
    int code = run(args, io);
    System.out.flush();
    System.exit(code);
  }

  /** Runs one command with no standard input; returns its exit code (see {@link ExitCodes}). */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, new ByteArrayInputStream(new byte[0]), out, err);
  }

  /** Runs one command reading {@code in} (the chat reads it as a plain, non-system terminal). */
  public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    return run(args, new Io(in, out, err, env, false));
  }

  static int run(String[] args, Io io) {
    var commandLine = new CommandLine(new ParleyCommand(io));
    commandLine.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8));
    if (!io.systemTerminal()) {
      commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    }
    commandLine.setParameterExceptionHandler(FailureHandler::usage);
    commandLine.setExecutionExceptionHandler(new FailureHandler());
    int code = commandLine.execute(args);
    io.out().flush();
    io.err().flush();
    return code;
  }
}
