package dev.parley.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds (HdrHistogram, 3 significant digits, up to 10 minutes), recorded from any
 * thread and reported in milliseconds. A value above the range is clamped rather than dropped, so a
 * stall still shows as the max.
 */
final class LatencyStats {
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);

  void recordNanos(long nanos) {
    histogram.recordValue(Math.clamp(nanos / 1000, 0, HIGHEST_MICROS));
  }

  long count() {
    return histogram.getTotalCount();
  }

  /** {@code p50, p90, p99, p999, max} in milliseconds, as the JSON report names them. */
  Map<String, Double> summaryMillis() {
    var summary = new LinkedHashMap<String, Double>();
    summary.put("p50", millis(histogram.getValueAtPercentile(50)));
    summary.put("p90", millis(histogram.getValueAtPercentile(90)));
    summary.put("p99", millis(histogram.getValueAtPercentile(99)));
    summary.put("p999", millis(histogram.getValueAtPercentile(99.9)));
    summary.put("max", millis(histogram.getMaxValue()));
    return summary;
  }

  private static double millis(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
