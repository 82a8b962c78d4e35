package dev.tokensieve.core.report;

import static java.util.Objects.requireNonNull;

/**
 * One model's share of a session: the requests it answered, split out of the session by each
 * request's own model, so that a session that used two models books each its own spend.
 *
 * @param model the model as the trace names it
 * @param requests how many requests it answered
 * @param costUsd what they cost
 * @param priced whether the model had a price (reported or listed); if not, cost is 0 and says so
 * @param tokens their tokens (input + cache writes + cache reads + output)
 * @param spend their tokens and dollars by label (the reasons are the session's, not kept here)
 */
public record ModelSpend(
    String model, int requests, double costUsd, boolean priced, long tokens, SpendBreakdown spend) {
  /** Requires the model and the spend. */
  public ModelSpend {
    requireNonNull(model, "model");
    requireNonNull(spend, "spend");
  }

  /** A share whose tokens and label split are not known (a report read from an older document). */
  public ModelSpend(String model, int requests, double costUsd, boolean priced) {
    this(model, requests, costUsd, priced, 0, SpendBreakdown.NONE);
  }
}
