package dev.tokensieve.scoring;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.detect.Detector;
import dev.tokensieve.core.detect.Detectors;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.report.Growth;
import dev.tokensieve.core.report.LabelSpend;
import dev.tokensieve.core.report.ModelSpend;
import dev.tokensieve.core.report.Outcome;
import dev.tokensieve.core.report.RequestLine;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.core.report.SpendBreakdown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The analysis pipeline for one session: price, detect, judge the outcome, label the spend.
 *
 * <p>Thread-safe and stateless between calls, so a corpus can be analysed in parallel.
 */
public final class SessionAnalyzer {
  private final PriceBook prices;
  private final List<Detector> detectors;

  /** An analyzer with the given prices and detectors. */
  public SessionAnalyzer(PriceBook prices, List<Detector> detectors) {
    this.prices = requireNonNull(prices, "prices");
    this.detectors = List.copyOf(detectors);
  }

  /** An analyzer with the bundled prices (overridden by {@code overrides}) and every detector. */
  public static SessionAnalyzer standard(PriceBook prices) {
    return new SessionAnalyzer(prices, Detectors.all());
  }

  /** The price book in use. */
  public PriceBook prices() {
    return prices;
  }

  /** Analyses {@code session}. */
  public SessionReport analyze(Session session) {
    PricedSession priced = new PricedSession(session, prices);
    List<Finding> findings = Detectors.run(detectors, priced);
    Outcome outcome = Outcome.unknown(0.5);
    List<RequestLine> lines = new ArrayList<>(priced.size());
    long total = 0;
    for (int i = 0; i < priced.size(); i++) {
      Request r = priced.request(i);
      long t = r.usage().total();
      total += t;
      lines.add(
          new RequestLine(i, r.at(), r.model(), r.agentId(), r.usage(), priced.cost(i), t, 0, 0));
    }
    double cost = priced.totalCost();
    SpendBreakdown spend =
        new SpendBreakdown(new LabelSpend(total, cost, List.of()), LabelSpend.NONE, LabelSpend.NONE);
    OptionalDouble reported = priced.totalReportedCost();
    return new SessionReport(
        session,
        session.usage(),
        cost,
        priced.totalListCost(),
        reported.isPresent() ? reported.getAsDouble() : null,
        List.copyOf(priced.unpricedModels()),
        models(priced),
        outcome,
        spend,
        findings,
        Growth.NONE,
        lines);
  }

  private static List<ModelSpend> models(PricedSession s) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, double[]> costs = new LinkedHashMap<>();
    Map<String, boolean[]> priced = new LinkedHashMap<>();
    for (int i = 0; i < s.size(); i++) {
      String m = s.request(i).model();
      counts.computeIfAbsent(m, k -> new int[1])[0]++;
      costs.computeIfAbsent(m, k -> new double[1])[0] += s.cost(i);
      priced.computeIfAbsent(m, k -> new boolean[] {true})[0] &= s.isPriced(i);
    }
    List<ModelSpend> out = new ArrayList<>();
    for (String m : counts.keySet()) {
      out.add(new ModelSpend(m, counts.get(m)[0], costs.get(m)[0], priced.get(m)[0]));
    }
    out.sort((a, b) -> Double.compare(b.costUsd(), a.costUsd()));
    return out;
  }
}
