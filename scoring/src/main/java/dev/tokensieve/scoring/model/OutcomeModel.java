package dev.tokensieve.scoring.model;

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
   * The calibrated probability of success, in [0, 1].
   *
   * @param features indexed by {@link Feature#ordinal()}, of length {@link Feature#COUNT}
   */
  double pSuccess(double[] features);

  /** The model bundled with TokenSieve (trained by {@code OutcomeModelTrainingTest}, seeded). */
  static OutcomeModel bundled() {
    return LogisticOutcomeModel.bundled();
  }
}
