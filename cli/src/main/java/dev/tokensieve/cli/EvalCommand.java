package dev.tokensieve.cli;

import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.datasets.CorpusFormat;
import dev.tokensieve.datasets.GroundTruth;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.scoring.eval.DetectorEvaluation;
import dev.tokensieve.scoring.eval.Metrics;
import dev.tokensieve.scoring.model.Feature;
import dev.tokensieve.scoring.model.OutcomeModel;
import dev.tokensieve.scoring.model.OutcomeModelTrainer;
import dev.tokensieve.scoring.model.TrainingSet;
import dev.tokensieve.scoring.outcome.OutcomeVerdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tokensieve eval}: measures the whole pipeline against ground truth. Generates a seeded
 * corpus, reads it back with the real scanner, and prints the parser's exactness, each detector's
 * precision and recall, the outcome model's cross-validated quality (on generated sessions and on
 * real trajectories with known outcomes), and whether the spend labels put waste where it is.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Measures TokenSieve against ground truth: generates a seeded corpus, parses it with the",
      "real scanner, and prints parser accuracy, per-kind detector precision and recall, the",
      "outcome model's cross-validated AUC and calibration, and a spend-label sanity check.",
      "Real trajectories with outcomes (--real) are evaluated too, e.g.",
      "  tokensieve eval --real ../shared/samples/mini-swe-agent",
      "Hand-annotated real sessions (--truth) are measured instead of a generated corpus, e.g.",
      "  tokensieve eval --truth eval/truth/real-sessions.json"
    })
final class EvalCommand implements Callable<Integer> {
  /** Scenarios with no waste planted on purpose: findings there are false alarms. */
  static final Set<String> CLEAN = Set.of("CLEAN_SUCCESS", "QUIET_SUCCESS", "CLEAN_FAILURE");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin CorpusOptions opts = new CorpusOptions();

  @Option(
      names = "--keep-corpus",
      paramLabel = "DIR",
      description =
          "Write the generated corpus here and keep it (default: a temporary folder, deleted).")
  @Nullable Path keep;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Parsing and analysis threads (default: one per core).")
  int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

  @Option(names = "--json", description = "Print the measurements as one JSON document.")
  boolean json;

  @CommandLine.Mixin TruthOptions truth = new TruthOptions();

  @Override
  public Integer call() throws IOException {
    if (truth.requested()) {
      return truth.run(spec, json, threads);
    }
    ModelChoice.quietLibraries();
    Set<CorpusFormat> formats = LabelledSessions.formats(opts.format);
    SessionAnalyzer analyzer = SessionAnalyzer.standard(PriceBook.bundled());
    Path dir = keep != null ? keep : Files.createTempDirectory("tokensieve-eval");
    LabelledSessions.Generated gen;
    try {
      gen = LabelledSessions.generate(opts.seed, opts.sessions, formats, dir, analyzer, threads);
    } finally {
      if (keep == null) {
        LabelledSessions.delete(dir);
      }
    }
    LabelledSessions.Real realRuns = null;
    Path real = opts.real;
    if (real != null) {
      realRuns = LabelledSessions.real(real, opts.outcomesOf(real), analyzer, threads);
    }
    Map<String, Object> doc = measure(gen, realRuns, analyzer.model());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonTree.write(doc, out);
    } else {
      new EvalText(out).print(doc);
    }
    out.flush();
    return 0;
  }

  Map<String, Object> measure(
      LabelledSessions.Generated gen,
      LabelledSessions.@Nullable Real realRuns,
      OutcomeModel model) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", "tokensieve.eval/v1");
    Map<String, Object> corpus = new LinkedHashMap<>();
    corpus.put("sessions", opts.sessions);
    corpus.put("seed", opts.seed);
    corpus.put("format", opts.format);
    corpus.put("folds", opts.folds);
    corpus.put("model", model.name());
    if (opts.real != null) {
      corpus.put("real", String.valueOf(opts.real));
      corpus.put("realSessions", realRuns == null ? 0 : realRuns.scored().size());
    }
    doc.put("corpus", corpus);
    doc.put("parser", parser(gen));
    doc.put("detectors", detectors(gen.scored()));
    doc.put(
        "outcomeModel",
        outcomeModel(gen.scored(), realRuns == null ? List.of() : realRuns.scored()));
    doc.put("labels", labels(gen.scored()));
    List<String> problems = new ArrayList<>();
    gen.problems().forEach(p -> problems.add(p.toString()));
    if (realRuns != null) {
      realRuns.problems().forEach(p -> problems.add(p.toString()));
      realRuns.unlabelled().forEach(id -> problems.add(id + ": no outcome in the outcomes file"));
    }
    doc.put("problems", problems);
    return doc;
  }

  private static Map<String, Object> parser(LabelledSessions.Generated gen) {
    int exactTokens = 0;
    int exactRequests = 0;
    List<String> mismatches = new ArrayList<>();
    for (Scored s : gen.scored()) {
      GroundTruth t = s.truth();
      boolean tokens = t != null && t.tokens().equals(s.tokens());
      boolean requests = t != null && t.requests() == s.requests();
      exactTokens += tokens ? 1 : 0;
      exactRequests += requests ? 1 : 0;
      if ((!tokens || !requests) && t != null) {
        mismatches.add(
            s.id()
                + " ("
                + t.format()
                + ", "
                + t.scenario()
                + "): expected "
                + t.requests()
                + " requests "
                + t.tokens()
                + ", parsed "
                + s.requests()
                + " requests "
                + s.tokens());
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("groundTruthSessions", gen.truths().size());
    m.put("matched", gen.scored().size());
    m.put("exactTokens", exactTokens);
    m.put("exactRequests", exactRequests);
    m.put("accuracy", gen.truths().isEmpty() ? 0.0 : (double) exactTokens / gen.truths().size());
    m.put("missing", gen.missing());
    m.put("unexpected", gen.unexpected());
    m.put("mismatches", mismatches);
    return m;
  }

  private static List<DetectorEvaluation.Planted> planted(GroundTruth t) {
    List<DetectorEvaluation.Planted> out = new ArrayList<>();
    for (GroundTruth.Waste w : t.wastes()) {
      if (!w.requests().isEmpty()) {
        out.add(
            new DetectorEvaluation.Planted(
                w.kind(), w.requests().get(0), w.requests().get(w.requests().size() - 1)));
      }
    }
    return out;
  }

  private static Map<String, Object> detectors(List<Scored> scored) {
    DetectorEvaluation all = new DetectorEvaluation();
    DetectorEvaluation clean = new DetectorEvaluation();
    int cleanSessions = 0;
    for (Scored s : scored) {
      GroundTruth t = s.truth();
      if (t == null) {
        continue;
      }
      all.add(planted(t), s.findings());
      if (CLEAN.contains(t.scenario())) {
        cleanSessions++;
        clean.add(planted(t), s.findings());
      }
    }
    Map<FindingKind, DetectorEvaluation.Score> scores = new EnumMap<>(FindingKind.class);
    scores.putAll(all.scores());
    Map<FindingKind, DetectorEvaluation.Score> cleanScores = clean.scores();
    List<Object> kinds = new ArrayList<>();
    for (FindingKind k : FindingKind.values()) {
      DetectorEvaluation.Score sc = scores.get(k);
      if (sc == null) {
        continue;
      }
      DetectorEvaluation.Score cs = cleanScores.get(k);
      int alarms = cs == null ? 0 : cs.falsePositives();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", k.name());
      m.put("planted", sc.truePositives() + sc.falseNegatives());
      m.put("found", sc.truePositives() + sc.falsePositives());
      m.put("truePositives", sc.truePositives());
      m.put("precision", sc.precision());
      m.put("recall", sc.recall());
      m.put("falseAlarmsOnClean", alarms);
      m.put(
          "falseAlarmsPerCleanSession", cleanSessions == 0 ? 0.0 : (double) alarms / cleanSessions);
      kinds.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cleanSessions", cleanSessions);
    m.put("cleanScenarios", List.of("CLEAN_SUCCESS", "QUIET_SUCCESS", "CLEAN_FAILURE"));
    m.put("kinds", kinds);
    return m;
  }

  private Map<String, Object> outcomeModel(List<Scored> generated, List<Scored> realRuns) {
    List<Scored> everything = new ArrayList<>(generated);
    everything.addAll(realRuns);
    TrainingSet gen = LabelledSessions.trainingSet(generated);
    TrainingSet rl = LabelledSessions.trainingSet(realRuns);
    TrainingSet all = LabelledSessions.trainingSet(everything);
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> groups = new ArrayList<>();
    List<ModelChoice.Result> allResults = List.of();
    for (String g :
        realRuns.isEmpty() ? List.of("generated") : List.of("generated", "real", "all")) {
      TrainingSet set = g.equals("generated") ? gen : g.equals("real") ? rl : all;
      List<ModelChoice.Result> results = ModelChoice.crossValidate(set, opts.folds, opts.seed);
      if (g.equals("all") || realRuns.isEmpty()) {
        allResults = results;
      }
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("group", g);
      group.put("sessions", set.size());
      group.put("successes", Arrays.stream(ModelChoice.labels(set)).sum());
      group.put("folds", ModelChoice.folds(set, opts.folds));
      List<Object> rows = new ArrayList<>();
      for (ModelChoice.Result r : results) {
        rows.add(row(r.label(), r.auc(), r.accuracy(), r.brier()));
      }
      group.put("candidates", rows);
      groups.add(group);
    }
    m.put("crossValidation", groups);
    if (allResults.isEmpty()) {
      return m;
    }
    ModelChoice.Result best = ModelChoice.best(allResults);
    ModelChoice.Result shipped = ModelChoice.bestLogistic(allResults);
    m.put("best", best.label());
    m.put("shipped", shipped.label());
    if (!realRuns.isEmpty()) {
      int[] y = ModelChoice.labels(rl);
      OutcomeModel trained = OutcomeModelTrainer.train(gen, shipped.lambda(), "generated only");
      double[] p = new double[rl.size()];
      for (int i = 0; i < p.length; i++) {
        p[i] = trained.pSuccess(rl.examples().get(i).features());
      }
      m.put(
          "heldOutReal",
          row(
              "trained on generated only, tested on real",
              Metrics.auc(p, y),
              Metrics.accuracy(p, y),
              Metrics.brier(p, y)));
      double[] oofReal = Arrays.copyOfRange(shipped.p(), generated.size(), everything.size());
      m.put(
          "realOutOfFold",
          row(
              "real sessions' out-of-fold predictions in the all-sessions CV",
              Metrics.auc(oofReal, y),
              Metrics.accuracy(oofReal, y),
              Metrics.brier(oofReal, y)));
    }
    int[] yAll = ModelChoice.labels(all);
    m.put("calibration", Metrics.reliability(shipped.p(), yAll, 5));
    double[] coef = OutcomeModelTrainer.coefficients(all, shipped.lambda());
    Integer[] idx = new Integer[coef.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(Math.abs(coef[b]), Math.abs(coef[a])));
    List<Object> top = new ArrayList<>();
    for (int i = 0; i < Math.min(10, idx.length); i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("feature", Feature.values()[idx[i]].name());
      f.put("coefficient", coef[idx[i]]);
      top.add(f);
    }
    m.put("topFeatures", top);
    Map<String, Object> verdicts = new LinkedHashMap<>();
    verdicts.put("generated, bundled model", confusion(generated, null, 0));
    verdicts.put("generated, out-of-fold", confusion(generated, shipped.p(), 0));
    if (!realRuns.isEmpty()) {
      verdicts.put("real, bundled model", confusion(realRuns, null, 0));
      verdicts.put("real, out-of-fold", confusion(realRuns, shipped.p(), generated.size()));
    }
    m.put("verdicts", verdicts);
    return m;
  }

  /** Rows: truth SUCCESS / FAILURE; columns: label SUCCESS / FAILURE / UNKNOWN. */
  private static Map<String, Object> confusion(
      List<Scored> scored, double @Nullable [] p, int offset) {
    int[][] c = new int[2][3];
    for (int i = 0; i < scored.size(); i++) {
      Scored s = scored.get(i);
      OutcomeLabel label =
          p == null
              ? s.outcome().label()
              : OutcomeVerdict.decide(s.outcome().signals(), p[offset + i], Optional.empty())
                  .label();
      c[s.success() ? 0 : 1][label.ordinal()]++;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int t = 0; t < 2; t++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (OutcomeLabel l : OutcomeLabel.values()) {
        row.put(l.name(), c[t][l.ordinal()]);
      }
      m.put(t == 0 ? "SUCCESS" : "FAILURE", row);
    }
    return m;
  }

  private static Map<String, Object> row(String name, double auc, double accuracy, double brier) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", name);
    m.put("auc", auc);
    m.put("accuracy", accuracy);
    m.put("brier", brier);
    return m;
  }

  private static List<Object> labels(List<Scored> scored) {
    List<Object> out = new ArrayList<>();
    out.add(
        labelGroup(
            "retry loop that failed", scored, s -> scenario(s, "RETRY_LOOP") && !s.success()));
    out.add(labelGroup("abandoned", scored, s -> scenario(s, "ABANDONED")));
    out.add(labelGroup("ended on failing tests", scored, s -> scenario(s, "FAILED_TESTS")));
    out.add(
        labelGroup(
            "retry loop that succeeded", scored, s -> scenario(s, "RETRY_LOOP") && s.success()));
    out.add(labelGroup("clean success", scored, s -> scenario(s, "CLEAN_SUCCESS") && s.success()));
    out.add(labelGroup("quiet success", scored, s -> scenario(s, "QUIET_SUCCESS") && s.success()));
    return out;
  }

  private static boolean scenario(Scored s, String name) {
    return s.truth() != null && s.truth().scenario().equals(name);
  }

  private static Map<String, Object> labelGroup(
      String name, List<Scored> scored, Predicate<Scored> in) {
    int n = 0;
    double cost = 0;
    double wasteCost = 0;
    long tokens = 0;
    long wasteTokens = 0;
    List<Double> shares = new ArrayList<>();
    for (Scored s : scored) {
      if (!in.test(s)) {
        continue;
      }
      n++;
      double c = s.spend().costUsd();
      double w = s.spend().of(SpendLabel.WASTEFUL).costUsd();
      cost += c;
      wasteCost += w;
      tokens += s.spend().tokens();
      wasteTokens += s.spend().of(SpendLabel.WASTEFUL).tokens();
      shares.add(c <= 0 ? 0 : w / c);
    }
    shares.sort(null);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("group", name);
    m.put("sessions", n);
    m.put("costUsd", cost);
    m.put("wastefulCostShare", cost <= 0 ? 0.0 : wasteCost / cost);
    m.put("wastefulTokenShare", tokens <= 0 ? 0.0 : (double) wasteTokens / tokens);
    m.put("medianSessionWastefulShare", shares.isEmpty() ? 0.0 : shares.get(shares.size() / 2));
    return m;
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
