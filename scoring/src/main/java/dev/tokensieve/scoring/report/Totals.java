package dev.tokensieve.scoring.report;

import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.LabelSpend;
import dev.tokensieve.core.report.ModelSpend;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.core.report.SpendBreakdown;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

  private final Map<String, ModelTotal> models = new TreeMap<>();

  /**
   * One model's share of the corpus, each request booked to its own model.
   *
   * @param model the model
   * @param sessions the sessions that used it
   * @param requests the requests it answered
   * @param tokens their tokens
   * @param costUsd their cost
   * @param priced whether every one of them had a price
   * @param spend their spend by label
   */
  public record ModelTotal(
      String model,
      int sessions,
      long requests,
      long tokens,
      double costUsd,
      boolean priced,
      SpendBreakdown spend) {}

  /** Adds one session's report. */
  public Totals add(SessionReport r) {
    for (ModelSpend m : r.models()) {
      models.merge(
          m.model(),
          new ModelTotal(
              m.model(), 1, m.requests(), m.tokens(), m.costUsd(), m.priced(), m.spend()),
          Totals::plus);
    }
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

  private static ModelTotal plus(ModelTotal a, ModelTotal b) {
    return new ModelTotal(
        a.model(),
        a.sessions() + b.sessions(),
        a.requests() + b.requests(),
        a.tokens() + b.tokens(),
        a.costUsd() + b.costUsd(),
        a.priced() && b.priced(),
        new SpendBreakdown(
            plus(a.spend().productive(), b.spend().productive()),
            plus(a.spend().inefficient(), b.spend().inefficient()),
            plus(a.spend().wasteful(), b.spend().wasteful())));
  }

  private static LabelSpend plus(LabelSpend a, LabelSpend b) {
    return new LabelSpend(a.tokens() + b.tokens(), a.costUsd() + b.costUsd(), List.of());
  }

  /** Every model's share, dearest first (then by name). */
  public List<ModelTotal> models() {
    List<ModelTotal> out = new ArrayList<>(models.values());
    out.sort(
        Comparator.comparingDouble(ModelTotal::costUsd)
            .reversed()
            .thenComparing(ModelTotal::model));
    return out;
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
