package dev.tokensieve.cli;

import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.datasets.CorpusFormat;
import dev.tokensieve.datasets.GroundTruth;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.scoring.eval.DetectorEvaluation;
import dev.tokensieve.scoring.eval.OutcomeEvaluation;
import dev.tokensieve.scoring.model.OutcomeModel;
import dev.tokensieve.scoring.model.OutcomeModelTrainer;
import dev.tokensieve.scoring.model.TrainingSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * precision and recall on that corpus, the outcome model's quality on real labelled agent runs
 * (task-grouped cross-validation and each agent/model held out, beside single-feature baselines,
 * with bootstrap intervals, Brier, ECE and band precision), and whether the spend labels put waste
 * where it is.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Measures TokenSieve against ground truth.",
      "Generates a seeded corpus, parses it with the real scanner, and prints parser accuracy,"
          + " per-kind detector precision and recall, the outcome model measured on real"
          + " labelled runs (bundled training-set.csv, or --training-set): AUC per held-out"
          + " agent/model with bootstrap intervals beside the minus-cost, minus-prompt-tokens and"
          + " minus-steps baselines, Brier, ECE and band precision; and a spend-label check."
          + " Verdicts on real trajectories with outcomes (--real DIR) are counted too;"
          + " hand-annotated real sessions (--truth FILE, e.g. eval/truth/real-sessions.json)"
          + " are measured instead of a generated corpus."
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

  @Option(
      names = "--training-set",
      paramLabel = "FILE",
      description =
          "Real labelled runs the outcome model is measured on (default: the bundled"
              + " training-set.csv, built by tokensieve train --runs).")
  @Nullable Path trainingSet;

  /**
   * Keeps Smile's per-iteration INFO lines off the terminal (slf4j-simple reads this when its first
   * logger is made; a user's own setting wins).
   */
  static void quietLibraries() {
    if (System.getProperty("org.slf4j.simpleLogger.log.smile") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.smile", "warn");
    }
  }

  @CommandLine.Mixin TruthOptions truth = new TruthOptions();

  @Override
  public Integer call() throws IOException {
    if (truth.requested()) {
      return truth.run(spec, json, threads);
    }
    quietLibraries();
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
    TrainingSet realSet;
    if (trainingSet == null) {
      realSet = TrainingSet.bundled();
    } else {
      try (Reader in = Files.newBufferedReader(trainingSet, StandardCharsets.UTF_8)) {
        realSet = TrainingSet.read(in, trainingSet.toString());
      }
    }
    Map<String, Object> doc = measure(gen, realRuns, realSet, analyzer.model());
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
      TrainingSet realSet,
      OutcomeModel model) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", "tokensieve.eval/v1");
    Map<String, Object> corpus = new LinkedHashMap<>();
    corpus.put("sessions", opts.sessions);
    corpus.put("seed", opts.seed);
    corpus.put("format", opts.format);
    corpus.put("model", model.name());
    corpus.put(
        "realRuns",
        trainingSet == null ? "bundled " + TrainingSet.RESOURCE : trainingSet.toString());
    if (opts.real != null) {
      corpus.put("real", String.valueOf(opts.real));
      corpus.put("realSessions", realRuns == null ? 0 : realRuns.scored().size());
    }
    doc.put("corpus", corpus);
    doc.put("parser", parser(gen));
    doc.put("detectors", detectors(gen.scored()));
    doc.put(
        "outcomeModel",
        outcomeModel(
            realSet, model, gen.scored(), realRuns == null ? List.of() : realRuns.scored()));
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

  /**
   * The outcome model measured on real labelled runs (the bundled training set, or {@code
   * --training-set}): task-grouped CV and leave-one-model-out, with baselines and intervals; then
   * the verdicts the bundled model gives the generated and {@code --real} sessions.
   */
  private Map<String, Object> outcomeModel(
      TrainingSet realSet, OutcomeModel model, List<Scored> generated, List<Scored> realRuns) {
    Map<String, Object> m =
        OutcomeEvaluation.evaluate(realSet, OutcomeModelTrainer.Spec.SHIPPED, model, opts.seed);
    Map<String, Object> verdicts = new LinkedHashMap<>();
    verdicts.put("generated (interactive: out of domain), bundled model", confusion(generated));
    if (!realRuns.isEmpty()) {
      verdicts.put("--real sessions, bundled model", confusion(realRuns));
    }
    m.put("verdicts", verdicts);
    return m;
  }

  /** Rows: truth SUCCESS / FAILURE; columns: label SUCCESS / FAILURE / UNKNOWN. */
  private static Map<String, Object> confusion(List<Scored> scored) {
    int[][] c = new int[2][3];
    for (Scored s : scored) {
      c[s.success() ? 0 : 1][s.outcome().label().ordinal()]++;
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
