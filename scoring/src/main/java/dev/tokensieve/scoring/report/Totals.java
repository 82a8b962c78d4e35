package dev.tokensieve.scoring.report;

import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.LabelSpend;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.core.report.SpendBreakdown;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Sums of many session reports: the {@code totals} of a report. Not thread-safe. */
public final class Totals {
  private int sessions;
  private long requests;
  private Usage tokens = Usage.ZERO;
  private double costUsd;
  private final long[] labelTokens = new long[3];
  private final double[] labelUsd = new double[3];
  private final List<Set<FindingKind>> reasons =
      List.of(
          EnumSet.noneOf(FindingKind.class),
          EnumSet.noneOf(FindingKind.class),
          EnumSet.noneOf(FindingKind.class));

  /** Adds one session's report. */
  public Totals add(SessionReport r) {
    sessions++;
    requests += r.requests();
    tokens = tokens.plus(r.tokens());
    costUsd += r.costUsd();
    SpendBreakdown s = r.spend();
    add(0, s.productive());
    add(1, s.inefficient());
    add(2, s.wasteful());
    return this;
  }

  private void add(int i, LabelSpend l) {
    labelTokens[i] += l.tokens();
    labelUsd[i] += l.costUsd();
    reasons.get(i).addAll(l.reasons());
  }

  /** The number of sessions added. */
  public int sessions() {
    return sessions;
  }

  /** Their requests. */
  public long requests() {
    return requests;
  }

  /** Their tokens. */
  public Usage tokens() {
    return tokens;
  }

  /** Their cost. */
  public double costUsd() {
    return costUsd;
  }

  /** Their spend by label, with the union of reasons. */
  public SpendBreakdown spend() {
    return new SpendBreakdown(
        new LabelSpend(labelTokens[0], labelUsd[0], List.copyOf(reasons.get(0))),
        new LabelSpend(labelTokens[1], labelUsd[1], List.copyOf(reasons.get(1))),
        new LabelSpend(labelTokens[2], labelUsd[2], List.copyOf(reasons.get(2))));
  }
}
