package dev.tokensieve.core.price;

import static dev.tokensieve.core.Checks.nonNegative;
import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Usage;

/**
 * What one model charges, in USD per token, with an optional long-context tier.
 *
 * <p>When a request's context (input + cache writes + cache reads) exceeds {@code
 * longContextThreshold}, the vendor bills the <em>whole</em> request at the long-context rates, as
 * Anthropic and Google document it. A threshold of 0 means the model has no tier.
 */
public record ModelPrice(String model, Rates base, long longContextThreshold, Rates longContext) {

  /** Requires the rates; without a tier, the long-context rates must equal the base. */
  public ModelPrice {
    requireNonNull(model, "model");
    requireNonNull(base, "base");
    requireNonNull(longContext, "longContext");
    nonNegative(longContextThreshold, "longContextThreshold");
  }

  /** A price without a long-context tier. */
  public static ModelPrice flat(String model, Rates base) {
    return new ModelPrice(model, base, 0, base);
  }

  /** The rates that apply to a request whose context is {@code contextTokens}. */
  public Rates ratesFor(long contextTokens) {
    return longContextThreshold > 0 && contextTokens > longContextThreshold ? longContext : base;
  }

  /** The cost of {@code usage} billed at the tier its own context selects. */
  public double cost(Usage usage) {
    return cost(usage, usage.context());
  }

  /**
   * The cost of {@code part} of a request whose whole context was {@code contextTokens}: a slice of
   * a long-context request is billed at the long-context rates.
   */
  public double cost(Usage part, long contextTokens) {
    return ratesFor(contextTokens).cost(part);
  }

  /**
   * Per-token rates in USD.
   *
   * @param input fresh input
   * @param output output (reasoning included)
   * @param cacheWrite5m 5-minute cache writes (also used where the lifetime is unknown)
   * @param cacheWrite1h 1-hour cache writes
   * @param cacheRead cache reads
   */
  public record Rates(
      double input, double output, double cacheWrite5m, double cacheWrite1h, double cacheRead) {
    /** Rejects negative or non-finite rates. */
    public Rates {
      nonNegative(input, "input");
      nonNegative(output, "output");
      nonNegative(cacheWrite5m, "cacheWrite5m");
      nonNegative(cacheWrite1h, "cacheWrite1h");
      nonNegative(cacheRead, "cacheRead");
    }

    /** Rates given in USD per million tokens, as price lists print them. */
    public static Rates perMillion(
        double input, double output, double cacheWrite5m, double cacheWrite1h, double cacheRead) {
      double m = 1_000_000d;
      return new Rates(input / m, output / m, cacheWrite5m / m, cacheWrite1h / m, cacheRead / m);
    }

    /** The cost of {@code u} at these rates. */
    public double cost(Usage u) {
      return u.input() * input
          + u.output() * output
          + u.cacheWrite5m() * cacheWrite5m
          + u.cacheWrite1h() * cacheWrite1h
          + u.cacheRead() * cacheRead;
    }
  }
}
