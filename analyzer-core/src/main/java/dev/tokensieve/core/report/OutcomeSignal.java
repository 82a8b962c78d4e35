package dev.tokensieve.core.report;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Secrets;

/**
 * One piece of outcome evidence.
 *
 * @param kind what it shows
 * @param request the request index it was found at, or -1 for evidence from outside the trace
 * @param evidence the text that shows it ({@code 12 passed in 1.20s}), credentials scrubbed
 */
public record OutcomeSignal(SignalKind kind, int request, String evidence) {
  /** Requires kind and evidence. */
  public OutcomeSignal {
    requireNonNull(kind, "kind");
    evidence = Secrets.scrub(requireNonNull(evidence, "evidence"));
  }
}
