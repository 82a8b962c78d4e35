package dev.tokensieve.scoring.outcome;

import dev.tokensieve.core.report.PSuccessBasis;

/**
 * What the outcome model says about one session, and how far the verdict may trust it.
 *
 * @param pSuccess the calibrated probability of success
 * @param basis {@link PSuccessBasis#MODEL} if the session's agent was in the model's training data
 *     (the verdict follows the bands), {@link PSuccessBasis#OUT_OF_DOMAIN} if not (the verdict
 *     follows the trace's evidence and says why pSuccess is not used)
 * @param successAt pSuccess at or above which the label is SUCCESS (the validated success band)
 * @param successPrecision the success band's precision on validation runs
 * @param failureAt pSuccess at or below which the label is FAILURE (the validated failure band)
 * @param failurePrecision the failure band's precision on validation runs
 */
public record Estimate(
    double pSuccess,
    PSuccessBasis basis,
    double successAt,
    double successPrecision,
    double failureAt,
    double failurePrecision) {
  /** Checks the probability and the bands. */
  public Estimate {
    if (!(pSuccess >= 0 && pSuccess <= 1)) {
      throw new IllegalArgumentException("pSuccess must be in [0, 1], was " + pSuccess);
    }
    if (basis == PSuccessBasis.EXTERNAL) {
      throw new IllegalArgumentException("a model's estimate cannot be EXTERNAL");
    }
    if (!(failureAt < successAt)) {
      throw new IllegalArgumentException(
          "the failure band (<= "
              + failureAt
              + ") must lie below the success band (>= "
              + successAt
              + ")");
    }
  }
}
