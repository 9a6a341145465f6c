package dev.parley.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parley.protocol.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one run: an ordered map that becomes the JSON object ({@code workload},
 * {@code parameters}, {@code deliveredPerSecond}, {@code latencyMs}, {@code lost}, {@code duplicated},
 * ...) and the human table. {@link #failed} holds why the run must exit non-zero (lost or duplicated
 * messages, refused frames, sockets that did not connect).
 */
final class Report {
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final StringBuilder failures = new StringBuilder();

  Report(String workload, Map<String, Object> parameters) {
    fields.put("workload", workload);
    fields.put("parameters", parameters);
  }

  Report put(String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
    return this;
  }

  void fail(String why) {
    failures.append(failures.isEmpty() ? "" : "; ").append(why);
  }

  boolean failed() {
    return !failures.isEmpty();
  }

  String failures() {
    return failures.toString();
  }

  Map<String, Object> fields() {
    return fields;
  }

  Object get(String name) {
    return fields.get(name);
  }

  void printTable(PrintStream out) {
    out.println();
    print(out, "", fields);
    out.println(failed() ? "FAILED: " + failures : "OK");
  }

  @SuppressWarnings("unchecked")
  private static void print(PrintStream out, String prefix, Map<String, Object> map) {
    for (var entry : map.entrySet()) {
      var name = prefix + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> nested) {
        print(out, name + ".", (Map<String, Object>) nested);
      } else {
        out.printf("  %-32s %s%n", name, format(entry.getValue()));
      }
    }
  }

  static String format(Object value) {
    return switch (value) {
      case Double d when Math.abs(d) >= 1000 -> String.format("%,.0f", d);
      case Double d -> String.format("%.2f", d);
      case Long l -> String.format("%,d", l);
      case Integer i -> String.format("%,d", i);
      default -> String.valueOf(value);
    };
  }

  void writeJson(Path file) throws IOException {
    var out = new LinkedHashMap<>(fields);
    out.put("ok", !failed());
    if (failed()) {
      out.put("failures", failures.toString());
    }
    Files.writeString(file, Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n");
  }
}
