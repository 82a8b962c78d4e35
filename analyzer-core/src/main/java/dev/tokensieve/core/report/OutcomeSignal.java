package dev.tokensieve.core.report;

import static java.util.Objects.requireNonNull;

/**
 * One piece of outcome evidence.
 *
 * @param kind what it shows
 * @param request the request index it was found at, or -1 for evidence from outside the trace
 * @param evidence the text that shows it ({@code 12 passed in 1.20s})
 */
public record OutcomeSignal(SignalKind kind, int request, String evidence) {
  /** Requires kind and evidence. */
  public OutcomeSignal {
    requireNonNull(kind, "kind");
    requireNonNull(evidence, "evidence");
  }
}
