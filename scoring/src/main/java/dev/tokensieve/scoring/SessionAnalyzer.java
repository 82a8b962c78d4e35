package dev.tokensieve.scoring;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.detect.Detector;
import dev.tokensieve.core.detect.Detectors;
import dev.tokensieve.core.detect.growth.GrowthDetector;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.report.Growth;
import dev.tokensieve.core.report.LabelSpend;
import dev.tokensieve.core.report.ModelSpend;
import dev.tokensieve.core.report.Outcome;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.RequestLine;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.core.report.SpendBreakdown;
import dev.tokensieve.scoring.attribution.Teams;
import dev.tokensieve.scoring.label.SpendLabeler;
import dev.tokensieve.scoring.label.SpendLabels;
import dev.tokensieve.scoring.model.Features;
import dev.tokensieve.scoring.model.OutcomeModel;
import dev.tokensieve.scoring.outcome.Estimate;
import dev.tokensieve.scoring.outcome.OutcomeSignals;
import dev.tokensieve.scoring.outcome.OutcomeVerdict;
import dev.tokensieve.scoring.outcome.OutcomesFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The analysis pipeline for one session: price, detect, read the outcome signals, estimate
 * pSuccess, judge the outcome (an outcomes file overrides the trace), label the spend.
 *
 * <p>Thread-safe and stateless between calls, so a corpus can be analysed in parallel.
 */
public final class SessionAnalyzer {
  private final PriceBook prices;
  private final List<Detector> detectors;
  private final OutcomeModel model;
  private final @Nullable OutcomesFile outcomes;
  private final GrowthDetector growth;
  private final Teams teams;

  /** An analyzer with the given prices and detectors, the bundled model, no outcomes file. */
  public SessionAnalyzer(PriceBook prices, List<Detector> detectors) {
    this(prices, detectors, OutcomeModel.bundled(), null);
  }

  /**
   * An analyzer with every part given.
   *
   * @param outcomes external outcomes that override the trace's verdict, or null
   */
  public SessionAnalyzer(
      PriceBook prices,
      List<Detector> detectors,
      OutcomeModel model,
      @Nullable OutcomesFile outcomes) {
    this(prices, detectors, model, outcomes, Teams.NONE);
  }

  private SessionAnalyzer(
      PriceBook prices,
      List<Detector> detectors,
      OutcomeModel model,
      @Nullable OutcomesFile outcomes,
      Teams teams) {
    this.teams = requireNonNull(teams, "teams");
    this.prices = requireNonNull(prices, "prices");
    this.detectors = List.copyOf(detectors);
    this.model = requireNonNull(model, "model");
    this.outcomes = outcomes;
    GrowthDetector configured = new GrowthDetector();
    for (Detector d : this.detectors) {
      if (d instanceof GrowthDetector) {
        configured = (GrowthDetector) d; // the report's fit uses the same thresholds as the finding
      }
    }
    this.growth = configured;
  }

  /** An analyzer with {@code prices}, every detector and the bundled outcome model. */
  public static SessionAnalyzer standard(PriceBook prices) {
    return new SessionAnalyzer(prices, Detectors.all());
  }

  /** This analyzer with {@code file}'s outcomes overriding the traces' verdicts. */
  public SessionAnalyzer withOutcomes(OutcomesFile file) {
    return new SessionAnalyzer(prices, detectors, model, requireNonNull(file, "file"), teams);
  }

  /**
   * This analyzer attributing sessions to users, teams and repositories with {@code teams} (users
   * and repositories are derived from working directories even with {@link Teams#NONE}).
   */
  public SessionAnalyzer withTeams(Teams teams) {
    return new SessionAnalyzer(prices, detectors, model, outcomes, teams);
  }

  /** The price book in use. */
  public PriceBook prices() {
    return prices;
  }

  /** The outcome model in use. */
  public OutcomeModel model() {
    return model;
  }

  /**
   * The outcome model's input for {@code session}: exactly the vector {@link #analyze} gives the
   * model (prices, every detector's findings and the trace's signals; never an outcomes file).
   * Training sets are built with this, so that the model learns from what it will be shown.
   */
  public double[] features(Session session) {
    PricedSession priced = new PricedSession(session, prices);
    return Features.of(priced, Detectors.run(detectors, priced), OutcomeSignals.read(priced));
  }

  /** Analyses {@code session}. */
  public SessionReport analyze(Session trace) {
    Session session = teams.attribute(trace);
    PricedSession priced = new PricedSession(session, prices);
    List<Finding> findings = Detectors.run(detectors, priced);
    List<OutcomeSignal> signals = OutcomeSignals.read(priced);
    Estimate estimate =
        model.estimate(
            Features.of(priced, findings, signals), session.agent(), Features.model(session));
    Optional<OutcomeSignal> external =
        outcomes == null ? Optional.empty() : outcomes.signal(session.id());
    Outcome outcome = OutcomeVerdict.decide(session.agent(), signals, estimate, external);
    SpendLabels labels = SpendLabeler.label(priced, findings, outcome);
    List<RequestLine> lines = new ArrayList<>(priced.size());
    for (int i = 0; i < priced.size(); i++) {
      Request r = priced.request(i);
      SpendLabels.Split split = labels.requests().get(i);
      lines.add(
          new RequestLine(
              i,
              r.at(),
              r.model(),
              r.agentId(),
              r.usage(),
              priced.cost(i),
              split.productiveTokens(),
              split.inefficientTokens(),
              split.wastefulTokens()));
    }
    OptionalDouble reported = priced.totalReportedCost();
    Growth growth = this.growth.fit(priced);
    return new SessionReport(
        session,
        session.usage(),
        priced.totalCost(),
        priced.totalListCost(),
        reported.isPresent() ? reported.getAsDouble() : null,
        List.copyOf(priced.unpricedModels()),
        models(priced, labels),
        outcome,
        labels.breakdown(),
        findings,
        growth,
        lines);
  }

  private static List<ModelSpend> models(PricedSession s, SpendLabels labels) {
    // one tally per model, looked up once per run of requests to one model: this runs per session
    Map<String, ModelTally> tallies = new LinkedHashMap<>();
    @Nullable String lastModel = null;
    @Nullable ModelTally tally = null;
    for (int i = 0; i < s.size(); i++) {
      String m = s.request(i).model();
      if (tally == null || !m.equals(lastModel)) {
        tally = tallies.computeIfAbsent(m, k -> new ModelTally());
        lastModel = m;
      }
      SpendLabels.Split split = labels.requests().get(i);
      tally.requests++;
      tally.costUsd += s.cost(i);
      tally.priced &= s.isPriced(i);
      tally.tokens += s.request(i).usage().total();
      tally.productiveTokens += split.productiveTokens();
      tally.inefficientTokens += split.inefficientTokens();
      tally.wastefulTokens += split.wastefulTokens();
      tally.productiveUsd += split.productiveUsd();
      tally.inefficientUsd += split.inefficientUsd();
      tally.wastefulUsd += split.wastefulUsd();
    }
    List<ModelSpend> out = new ArrayList<>();
    for (Map.Entry<String, ModelTally> e : tallies.entrySet()) {
      ModelTally t = e.getValue();
      SpendBreakdown spend =
          new SpendBreakdown(
              new LabelSpend(t.productiveTokens, t.productiveUsd, List.of()),
              new LabelSpend(t.inefficientTokens, t.inefficientUsd, List.of()),
              new LabelSpend(t.wastefulTokens, t.wastefulUsd, List.of()));
      out.add(new ModelSpend(e.getKey(), t.requests, t.costUsd, t.priced, t.tokens, spend));
    }
    out.sort((a, b) -> Double.compare(b.costUsd(), a.costUsd()));
    return out;
  }

  /** Requests and spend of one model in a session. */
  private static final class ModelTally {
    int requests;
    double costUsd;
    boolean priced = true;
    long tokens;
    long productiveTokens;
    long inefficientTokens;
    long wastefulTokens;
    double productiveUsd;
    double inefficientUsd;
    double wastefulUsd;
  }
}
