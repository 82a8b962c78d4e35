package dev.tokensieve.core.report;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A session's outcome: the label, the calibrated probability of success, and the evidence.
 *
 * @param label the verdict
 * @param pSuccess the outcome model's calibrated probability that the session succeeded
 * @param signals the evidence, in request order
 * @param basis what pSuccess rests on, and so whether the label follows it
 * @param reason why the label is what it is, in a sentence (empty where nothing needs saying)
 */
public record Outcome(
    OutcomeLabel label,
    double pSuccess,
    List<OutcomeSignal> signals,
    PSuccessBasis basis,
    String reason) {
  /** Checks the probability and copies the signals. */
  public Outcome {
    requireNonNull(label, "label");
    requireNonNull(basis, "basis");
    requireNonNull(reason, "reason");
    if (!(pSuccess >= 0 && pSuccess <= 1)) {
      throw new IllegalArgumentException("pSuccess must be in [0, 1], was " + pSuccess);
    }
    signals = List.copyOf(signals);
  }

  /** An outcome whose label follows the model's pSuccess, with nothing more to say. */
  public Outcome(OutcomeLabel label, double pSuccess, List<OutcomeSignal> signals) {
    this(label, pSuccess, signals, PSuccessBasis.MODEL, "");
  }

  /** An outcome with no evidence at all. */
  public static Outcome unknown(double pSuccess) {
    return new Outcome(OutcomeLabel.UNKNOWN, pSuccess, List.of());
  }
}
