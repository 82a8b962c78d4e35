package dev.tokensieve.scoring.model;

import dev.tokensieve.core.report.PSuccessBasis;
import dev.tokensieve.scoring.outcome.Estimate;
import dev.tokensieve.scoring.outcome.OutcomeVerdict;

/**
 * Estimates the probability that a session succeeded from its features.
 *
 * <p>Implementations are immutable and thread-safe; no third-party type appears here, so the
 * learning library can change without touching callers.
 */
public interface OutcomeModel {
  /** A short description: the algorithm and what it was trained on. */
  String name();

  /**
   * The calibrated probability of success, in [0, 1], for a session of an unnamed agent and model
   * (normalised with the statistics of all training runs).
   *
   * @param features indexed by {@link Feature#ordinal()}, of length {@link Feature#COUNT}
   */
  double pSuccess(double[] features);

  /**
   * The calibrated probability of success of a session of {@code agent} on {@code model}: the
   * features are normalised with that group's statistics where the model has them.
   */
  default double pSuccess(double[] features, String agent, String model) {
    return pSuccess(features);
  }

  /** Whether sessions of {@code agent} were in the training data (the model's domain). */
  default boolean covers(String agent) {
    return true;
  }

  /** pSuccess with its basis and validated bands, for {@link OutcomeVerdict#decide}. */
  default Estimate estimate(double[] features, String agent, String model) {
    return new Estimate(
        pSuccess(features, agent, model),
        covers(agent) ? PSuccessBasis.MODEL : PSuccessBasis.OUT_OF_DOMAIN,
        OutcomeVerdict.SUCCESS_THRESHOLD,
        Double.NaN,
        OutcomeVerdict.FAILURE_THRESHOLD,
        Double.NaN);
  }

  /** The model bundled with TokenSieve (written by {@code tokensieve train}, seeded). */
  static OutcomeModel bundled() {
    return LogisticOutcomeModel.bundled();
  }
}
