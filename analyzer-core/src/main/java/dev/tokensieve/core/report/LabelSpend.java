package dev.tokensieve.core.report;

import static dev.tokensieve.core.Checks.nonNegative;

import dev.tokensieve.core.model.FindingKind;
import java.util.List;

/**
 * The tokens and dollars one spend label got, and why.
 *
 * @param tokens tokens with this label
 * @param costUsd their cost
 * @param reasons the finding kinds that put tokens under this label (empty for plain productive)
 */
public record LabelSpend(long tokens, double costUsd, List<FindingKind> reasons) {
  /** Nothing. */
  public static final LabelSpend NONE = new LabelSpend(0, 0, List.of());

  /** Rejects negative tokens and copies the reasons. */
  public LabelSpend {
    nonNegative(tokens, "tokens");
    reasons = List.copyOf(reasons);
  }
}
