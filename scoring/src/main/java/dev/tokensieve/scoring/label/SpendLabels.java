package dev.tokensieve.scoring.label;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.report.SpendBreakdown;
import java.util.List;

/**
 * A session's spend split by label, as a whole and per request.
 *
 * @param breakdown the session's totals by label, with reasons; tokens add up to the session's
 *     total exactly and dollars to its cost within floating-point rounding
 * @param requests each request's split, by request index
 * @param lastProgressRequest the last request that made progress (an edit, a passing test run, a
 *     commit, a push, a PR), or -1 if none did
 * @param tailFrom the first request of the wasteful tail of a failed or abandoned session, or the
 *     number of requests when there is no such tail
 */
public record SpendLabels(
    SpendBreakdown breakdown, List<Split> requests, int lastProgressRequest, int tailFrom) {

  /** Requires the breakdown and copies the splits. */
  public SpendLabels {
    requireNonNull(breakdown, "breakdown");
    requests = List.copyOf(requests);
  }

  /**
   * One request's tokens and dollars by label.
   *
   * @param productiveTokens tokens labelled productive
   * @param inefficientTokens tokens labelled inefficient
   * @param wastefulTokens tokens labelled wasteful
   * @param productiveUsd dollars labelled productive
   * @param inefficientUsd dollars labelled inefficient
   * @param wastefulUsd dollars labelled wasteful
   */
  public record Split(
      long productiveTokens,
      long inefficientTokens,
      long wastefulTokens,
      double productiveUsd,
      double inefficientUsd,
      double wastefulUsd) {

    /** The tokens under {@code label}. */
    public long tokens(SpendLabel label) {
      switch (label) {
        case PRODUCTIVE:
          return productiveTokens;
        case INEFFICIENT:
          return inefficientTokens;
        default:
          return wastefulTokens;
      }
    }

    /** All tokens of the request. */
    public long totalTokens() {
      return productiveTokens + inefficientTokens + wastefulTokens;
    }

    /** All dollars of the request. */
    public double totalUsd() {
      return productiveUsd + inefficientUsd + wastefulUsd;
    }
  }
}
