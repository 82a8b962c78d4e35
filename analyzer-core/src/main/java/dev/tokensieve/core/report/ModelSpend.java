package dev.tokensieve.core.report;

import static java.util.Objects.requireNonNull;

/**
 * One model's share of a session.
 *
 * @param model the model as the trace names it
 * @param requests how many requests it answered
 * @param costUsd what they cost
 * @param priced whether the model had a price (reported or listed); if not, cost is 0 and says so
 */
public record ModelSpend(String model, int requests, double costUsd, boolean priced) {
  /** Requires the model. */
  public ModelSpend {
    requireNonNull(model, "model");
  }
}
