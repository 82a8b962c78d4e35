package dev.tokensieve.core.report;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.SpendLabel;

/** A session's (or a group's) spend split by label; the three add up to the total. */
public record SpendBreakdown(LabelSpend productive, LabelSpend inefficient, LabelSpend wasteful) {
  /** Nothing spent. */
  public static final SpendBreakdown NONE =
      new SpendBreakdown(LabelSpend.NONE, LabelSpend.NONE, LabelSpend.NONE);

  /** Requires all three. */
  public SpendBreakdown {
    requireNonNull(productive, "productive");
    requireNonNull(inefficient, "inefficient");
    requireNonNull(wasteful, "wasteful");
  }

  /** The spend under {@code label}. */
  public LabelSpend of(SpendLabel label) {
    switch (label) {
      case PRODUCTIVE:
        return productive;
      case INEFFICIENT:
        return inefficient;
      default:
        return wasteful;
    }
  }

  /** All tokens. */
  public long tokens() {
    return productive.tokens() + inefficient.tokens() + wasteful.tokens();
  }

  /** All dollars. */
  public double costUsd() {
    return productive.costUsd() + inefficient.costUsd() + wasteful.costUsd();
  }
}
