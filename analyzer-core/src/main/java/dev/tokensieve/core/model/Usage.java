package dev.tokensieve.core.model;

import static dev.tokensieve.core.Checks.nonNegative;

/**
 * The tokens of one request, normalised so that every format means the same thing.
 *
 * <p>{@code input} is fresh, uncached input; cache writes are kept apart by lifetime because they
 * are priced differently ({@code cacheWriteUnknown} where the trace does not say, priced as 5
 * minutes, as the vendor defaults); {@code output} includes reasoning, as vendors bill it; {@code
 * reasoning} is the informative subset of output that was thinking.
 */
public record Usage(
    long input, long cacheWrite5m, long cacheWrite1h, long cacheRead, long output, long reasoning) {

  /** No tokens at all. */
  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0);

  /** Rejects negative counts and reasoning larger than output. */
  public Usage {
    nonNegative(input, "input");
    nonNegative(cacheWrite5m, "cacheWrite5m");
    nonNegative(cacheWrite1h, "cacheWrite1h");
    nonNegative(cacheRead, "cacheRead");
    nonNegative(output, "output");
    nonNegative(reasoning, "reasoning");
  }

  /** Usage with only fresh input and output. */
  public static Usage of(long input, long output) {
    return new Usage(input, 0, 0, 0, output, 0);
  }

  /** All cache writes, whatever their lifetime. */
  public long cacheWrite() {
    return cacheWrite5m + cacheWrite1h;
  }

  /** Everything the model read this request: fresh input, cache writes and cache reads. */
  public long context() {
    return input + cacheWrite5m + cacheWrite1h + cacheRead;
  }

  /** {@code input + cacheWrite + cacheRead + output}: what DESIGN.md calls the total. */
  public long total() {
    return context() + output;
  }

  /** The field-wise sum. */
  public Usage plus(Usage o) {
    return new Usage(
        input + o.input,
        cacheWrite5m + o.cacheWrite5m,
        cacheWrite1h + o.cacheWrite1h,
        cacheRead + o.cacheRead,
        output + o.output,
        reasoning + o.reasoning);
  }

  /** Whether every count is zero. */
  public boolean isZero() {
    return total() == 0 && reasoning == 0;
  }
}
