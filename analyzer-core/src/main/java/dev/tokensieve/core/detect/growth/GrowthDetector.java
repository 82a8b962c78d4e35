package dev.tokensieve.core.detect.growth;

import dev.tokensieve.core.Checks;
import dev.tokensieve.core.detect.Amounts;
import dev.tokensieve.core.detect.Detector;
import dev.tokensieve.core.detect.Timeline;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.report.Growth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Finds {@link FindingKind#CONTEXT_GROWTH}: a main-agent context that grows with every request, so
 * that the session's input grows with the square of its length, and computes the what-if saving of
 * one compaction at the best point.
 *
 * <p>The fit is an ordinary least-squares line of {@code usage.context()} against the position of
 * each main-agent request (sub-agents have their own contexts and are left out). The what-if:
 * compacting after request {@code c} replaces the context accumulated since the first request by a
 * summary, so every later request of the same epoch (until the session's own next compaction)
 * carries {@code context(c) - baseline} fewer tokens, where {@code baseline = context(first) +
 * summaryTokens}; growth then restarts from the baseline. The compaction itself costs a read of the
 * whole context and the summary's output. The best point maximises the net saving.
 *
 * <p>The finding claims the tax tokens of each later request (the input and cache-read tokens above
 * the compacted curve, cache reads first) at that request's rates. Label: inefficient.
 */
public final class GrowthDetector implements Detector {
  /** The stable id. */
  public static final String ID = "context-growth";

  /**
   * Main-agent requests below which no finding is made: a fit on fewer points is noise, and a
   * session that short pays a small tax whatever its slope.
   */
  public static final int DEFAULT_MIN_REQUESTS = 20;

  /**
   * How well a line must explain the context sizes. Below 0.5 the context is not growing steadily
   * (it is dominated by jumps, or already compacted often), and a single compaction point is a poor
   * model of what the agent could have done.
   */
  public static final double MIN_R2 = 0.5;

  /**
   * The part of the main agent's context tokens a compaction must remove to be "material". With
   * linear growth from {@code y0} over {@code m} requests the best single compaction removes {@code
   * 1 / (2 + 4 y0 / (slope m))} of them: 25% means the context grew to about three times its
   * starting size, the point where compaction is the obvious advice rather than a nicety.
   */
  public static final double DEFAULT_MIN_TAX_FRACTION = 0.25;

  /**
   * The part of the session's cost the net saving of the best compaction must reach. The token tax
   * alone can be large where its price is not: on cached prompts a removed token saves a tenth of
   * an input token's price. On the real-session truth set (eval/truth) the SWE-bench runs that a
   * reader marks as ordinary were reported for net savings of 1.0% to 1.5% of their cost (under
   * $0.01 each), while the sessions a reader marks as growing out of hand save 4% to 27%.
   */
  public static final double MIN_SAVING_SHARE = 0.03;

  /**
   * The largest context, in tokens, a session must reach for its growth to be a finding. Compaction
   * answers context pressure; a context that never passed 50k fits every current model's window
   * several times over, and no agent compacts there. On the real-session truth set (eval/truth) 18
   * SWE-bench runs peaking at 20k to 45k were reported as growing, for savings of 1% to 17% of a
   * $0.50 to $0.95 run; the sessions a reader marks as growing out of hand peak at 95k to 164k.
   */
  public static final long MIN_PEAK_CONTEXT = 50_000;

  /**
   * The size of a compaction summary, in tokens: Claude Code's and Codex's summaries of long
   * sessions run from 2k to 8k tokens; 5k is their middle.
   */
  public static final long SUMMARY_TOKENS = 5_000;

  private final int minRequests;
  private final double minTaxFraction;

  /** A detector with the default thresholds. */
  public GrowthDetector() {
    this(DEFAULT_MIN_REQUESTS, DEFAULT_MIN_TAX_FRACTION);
  }

  /**
   * A detector with the given thresholds.
   *
   * @param minRequests main-agent requests needed for a finding, in [3, 1000000]
   * @param minTaxFraction the part of the context tokens the tax must reach, in [0, 1]
   */
  public GrowthDetector(int minRequests, double minTaxFraction) {
    this.minRequests = Checks.inRange(minRequests, 3, 1_000_000, "minRequests");
    if (!(minTaxFraction >= 0 && minTaxFraction <= 1)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "minTaxFraction must be in [0, 1], was %s", minTaxFraction));
    }
    this.minTaxFraction = minTaxFraction;
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * The growth fit of {@code session} for the report: slope, intercept and R² of context against
   * main-agent request position, whether the tax is material, and the net what-if saving of the
   * best compaction; {@link Growth#NONE} with fewer than 3 main-agent requests.
   */
  public Growth fit(PricedSession session) {
    Model m = Model.of(session);
    if (m.size < 3) {
      return Growth.NONE;
    }
    return new Growth(
        m.slope,
        m.intercept,
        m.r2,
        isQuadratic(m, session.totalCost()),
        Math.max(0, m.netSavingUsd),
        m.best < 0 ? -1 : m.index[m.best]);
  }

  @Override
  public List<Finding> detect(PricedSession session) {
    Model m = Model.of(session);
    if (m.size < 3 || !isQuadratic(m, session.totalCost())) {
      return List.of();
    }
    // concatenation, not String.format: this runs for every growing session (Amounts.fixed)
    String r2 = Amounts.fixed(m.r2, 2);
    String summary =
        "context grew by "
            + Amounts.tokens(Math.round(m.slope))
            + " tokens a request over "
            + m.size
            + " requests (R² "
            + r2
            + "); compacting after request "
            + m.index[m.best]
            + " would have saved "
            + Amounts.usd(m.netSavingUsd);
    List<String> evidence = new ArrayList<>();
    evidence.add(
        "fit: context ≈ "
            + Amounts.tokens(Math.round(m.intercept))
            + " + "
            + Amounts.tokens(Math.round(m.slope))
            + " × request (R² "
            + r2
            + ")");
    evidence.add(
        "context from "
            + Amounts.tokens(m.y[0])
            + " to "
            + Amounts.tokens(m.maxContext)
            + " tokens; "
            + Amounts.tokens(m.totalContext)
            + " context tokens in all");
    evidence.add(
        "compacting after request "
            + m.index[m.best]
            + " (context "
            + Amounts.tokens(m.y[m.best])
            + " → "
            + Amounts.tokens(m.baseline)
            + "): "
            + Amounts.tokens(m.taxTokens)
            + " fewer tokens on "
            + m.charges.size()
            + " requests, "
            + Amounts.usd(m.taxUsd)
            + ", minus "
            + Amounts.usd(m.overheadUsd)
            + " for the compaction itself");
    Charge first = m.charges.get(0);
    Charge last = m.charges.get(m.charges.size() - 1);
    return List.of(
        new Finding(
            FindingKind.CONTEXT_GROWTH,
            first.request(),
            last.request(),
            SpendLabel.INEFFICIENT,
            summary,
            evidence,
            m.charges));
  }

  private boolean isQuadratic(Model m, double cost) {
    return m.size >= minRequests
        && m.slope > 0
        && m.r2 >= MIN_R2
        && m.best >= 0
        && m.netSavingUsd > 0
        && m.netSavingUsd >= MIN_SAVING_SHARE * cost
        && m.maxContext >= MIN_PEAK_CONTEXT
        && m.taxTokens >= minTaxFraction * m.totalContext;
  }

  /** The fit and the best compaction point of one session, computed in O(main requests). */
  private static final class Model {
    final int size;
    final int[] index;
    final long[] y;
    double slope;
    double intercept;
    double r2;
    long baseline;
    long maxContext;
    long totalContext;
    int best = -1;
    long taxTokens;
    double taxUsd;
    double overheadUsd;
    double netSavingUsd;
    List<Charge> charges = List.of();

    /**
     * The model of {@code session}, computed once and kept with it: the report's fit and the
     * finding read the same model, which depends on the session alone (not on the thresholds).
     */
    static Model of(PricedSession session) {
      return session.derived(Model.class, Model::new);
    }

    private Model(PricedSession session) {
      Timeline timeline = Timeline.of(session);
      int n = session.size();
      int[] idx = new int[n];
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (timeline.isMain(i)) {
          idx[count++] = i;
        }
      }
      size = count;
      index = idx;
      y = new long[count];
      if (count < 3) {
        return;
      }
      SimpleRegression regression = new SimpleRegression();
      double[] rate = new double[count];
      int[] epoch = new int[count];
      for (int k = 0; k < count; k++) {
        Usage u = session.request(idx[k]).usage();
        y[k] = u.context();
        regression.addData(k, y[k]);
        maxContext = Math.max(maxContext, y[k]);
        totalContext += y[k];
        epoch[k] = timeline.epoch(idx[k]);
        // average USD per context token of the request: what a removed token would have cost
        rate[k] =
            y[k] == 0
                ? 0
                : session.costOf(
                        idx[k],
                        new Usage(
                            u.input(), u.cacheWrite5m(), u.cacheWrite1h(), u.cacheRead(), 0, 0))
                    / y[k];
      }
      slope = finite(regression.getSlope());
      intercept = finite(regression.getIntercept());
      r2 = finite(regression.getRSquare());
      baseline = y[0] + SUMMARY_TOKENS;
      // suffix sums of rates within an epoch: later[k] = sum of rate over (k, end of epoch]
      double[] later = new double[count];
      int[] laterCount = new int[count];
      for (int k = count - 2; k >= 0; k--) {
        if (epoch[k + 1] == epoch[k]) {
          later[k] = later[k + 1] + rate[k + 1];
          laterCount[k] = laterCount[k + 1] + 1;
        }
      }
      double bestEstimate = 0;
      for (int c = 0; c < count - 1; c++) {
        long removed = y[c] - baseline;
        if (removed <= 0 || laterCount[c] == 0) {
          continue;
        }
        double estimate = removed * later[c] - overhead(session, idx[c], y[c]);
        if (estimate > bestEstimate) {
          bestEstimate = estimate;
          best = c;
        }
      }
      if (best < 0) {
        return;
      }
      long removed = y[best] - baseline;
      Timeline.Claims claims = timeline.newClaims();
      List<Charge> out = new ArrayList<>();
      for (int k = best + 1; k < count && epoch[k] == epoch[best]; k++) {
        long tax = Math.min(removed, Math.max(0, y[k] - baseline));
        Usage part = claims.claim(idx[k], tax);
        if (part.context() > 0) {
          double usd = session.costOf(idx[k], part);
          out.add(new Charge(idx[k], part.context(), usd));
          taxTokens += part.context();
          taxUsd += usd;
        }
      }
      charges = out;
      overheadUsd = overhead(session, idx[best], y[best]);
      netSavingUsd = taxUsd - overheadUsd;
      if (out.isEmpty()) {
        best = -1;
      }
    }

    /** A compaction reads the whole context (from cache) and writes a summary. */
    private static double overhead(PricedSession session, int request, long context) {
      return session.costOf(request, new Usage(0, 0, 0, context, SUMMARY_TOKENS, 0));
    }

    private static double finite(double v) {
      return Double.isFinite(v) ? v : 0;
    }
  }
}
