package dev.tokensieve.parsers;

import dev.tokensieve.core.model.Instants;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One transcript line's timestamp: {@link Instants#parse} against {@link Instant#parse}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TimestampsBenchmark {
  public String text = "2025-06-01T10:17:42.123Z";

  @Benchmark
  public Instant timestampsParse() {
    return Instants.parse(text);
  }

  @Benchmark
  public Instant instantParseReference() {
    return Instant.parse(text);
  }
}
