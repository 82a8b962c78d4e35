package dev.tokensieve.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A pattern of waste a detector found, with the requests and tokens behind it.
 *
 * @param kind what was found
 * @param firstRequest the first request the pattern covers (0-based)
 * @param lastRequest the last request the pattern covers (0-based, inclusive)
 * @param label the spend label the pattern implies for the tokens it claims
 * @param summary one line a person can check without opening the trace (credentials scrubbed)
 * @param evidence further lines: the repeated command, the file, the gap in minutes, ...
 *     (credentials scrubbed: {@link Secrets})
 * @param charges the tokens of each request the finding claims, in request order
 */
public record Finding(
    FindingKind kind,
    int firstRequest,
    int lastRequest,
    SpendLabel label,
    String summary,
    List<String> evidence,
    List<Charge> charges) {

  /** Checks the range, copies the lists and scrubs credentials out of the text. */
  public Finding {
    requireNonNull(kind, "kind");
    requireNonNull(label, "label");
    summary = Secrets.scrub(requireNonNull(summary, "summary"));
    evidence = Secrets.scrub(List.copyOf(evidence));
    charges = List.copyOf(charges);
    if (firstRequest < 0 || lastRequest < firstRequest) {
      throw new IllegalArgumentException(
          "request range must be 0 <= first <= last, was ["
              + firstRequest
              + ", "
              + lastRequest
              + "]");
    }
  }

  /** The tokens the finding claims. */
  public long tokens() {
    long sum = 0;
    for (Charge c : charges) {
      sum += c.tokens();
    }
    return sum;
  }

  /** What the claimed tokens cost, in USD. */
  public double costUsd() {
    double sum = 0;
    for (Charge c : charges) {
      sum += c.costUsd();
    }
    return sum;
  }
}
