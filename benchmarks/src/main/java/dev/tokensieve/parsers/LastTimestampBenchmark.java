package dev.tokensieve.parsers;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The last timestamp of a 64 KiB Claude Code tail, read once per file while sniffing: the backward
 * byte search against the decode-everything-and-regex reference it replaced.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LastTimestampBenchmark {
  private static final Pattern TIMESTAMP =
      Pattern.compile("\"timestamp\"\\s*:\\s*\"([^\"]{10,40})\"");

  private byte[] tail;

  @Setup
  public void setUp() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < 70_000; i++) {
      sb.append("{\"parentUuid\":\"p")
          .append(i)
          .append("\",\"type\":\"user\",\"message\":")
          .append("{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"content\":\"")
          .append("ok — résumé ".repeat(30))
          .append("\"}]},\"timestamp\":\"2025-06-01T10:")
          .append(String.format(java.util.Locale.ROOT, "%02d:%02d.000Z", i / 60 % 60, i % 60))
          .append("\",\"sessionId\":\"s\"}\n");
    }
    byte[] all = sb.toString().getBytes(StandardCharsets.UTF_8);
    tail = java.util.Arrays.copyOfRange(all, all.length - 64 * 1024, all.length);
  }

  @Benchmark
  public @Nullable Instant backwardSearch() {
    return TraceScanner.lastTimestamp(tail, tail.length);
  }

  @Benchmark
  public @Nullable Instant regexReference() {
    Matcher m = TIMESTAMP.matcher(new String(tail, StandardCharsets.UTF_8));
    Instant last = null;
    while (m.find()) {
      try {
        last = Instant.parse(m.group(1));
      } catch (DateTimeException e) {
        // keep the previous one
      }
    }
    return last;
  }
}
