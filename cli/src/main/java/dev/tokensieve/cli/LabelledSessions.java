package dev.tokensieve.cli;

import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.datasets.CorpusFormat;
import dev.tokensieve.datasets.CorpusGenerator;
import dev.tokensieve.datasets.CorpusSpec;
import dev.tokensieve.datasets.GroundTruth;
import dev.tokensieve.datasets.GroundTruthFile;
import dev.tokensieve.parsers.Corpus;
import dev.tokensieve.parsers.ScanSummary;
import dev.tokensieve.parsers.TraceScanner;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.scoring.model.Features;
import dev.tokensieve.scoring.model.TrainingSet;
import dev.tokensieve.scoring.outcome.OutcomesFile;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * Labelled sessions measured through the whole pipeline: a generated corpus written to disk and
 * read back by the real scanner, matched to its ground truth by session id; and real trajectories
 * with an outcomes file. Shared by {@code eval} and {@code train}.
 */
final class LabelledSessions {
  /** The training-set source of generated sessions. */
  static final String GENERATED = "synthetic";

  /** The source of real trajectories given with {@code --real}. */
  static final String REAL = "real";

  /** The provenance file of an extracted run (written by {@code datasets/real/extract.sh}). */
  static final String RUN_PROPERTIES = "run.properties";

  /** Where generated corpora start (the datasets README's example). */
  static final Instant START = Instant.parse("2026-09-01T09:00:00Z");

  private LabelledSessions() {}

  /**
   * A generated corpus, parsed back.
   *
   * @param truths the ground truth, in generation order
   * @param scored the parsed sessions that matched a ground-truth id, in generation order
   * @param missing ground-truth ids the scanner did not deliver
   * @param unexpected ids the scanner delivered that the ground truth does not name
   * @param problems what the scanner could not read
   */
  record Generated(
      List<GroundTruth> truths,
      List<Scored> scored,
      List<String> missing,
      List<String> unexpected,
      List<ParseProblem> problems) {}

  /**
   * Real sessions with known outcomes.
   *
   * @param scored the sessions the outcomes file names, sorted by id
   * @param unlabelled ids of parsed sessions the outcomes file does not name
   * @param problems what the scanner could not read (the outcomes file itself excluded)
   */
  record Real(List<Scored> scored, List<String> unlabelled, List<ParseProblem> problems) {}

  /** Parses {@code claude-code}, {@code codex} or {@code both}. */
  static Set<CorpusFormat> formats(String name) {
    if (name.toLowerCase(Locale.ROOT).equals("both")) {
      return EnumSet.allOf(CorpusFormat.class);
    }
    try {
      return EnumSet.of(CorpusFormat.of(name));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown format '" + name + "': expected claude-code, codex or both", e);
    }
  }

  /**
   * Generates {@code sessions} sessions with {@code seed} into {@code dir}, parses them with the
   * real scanner and scores each matched session with {@code analyzer}.
   */
  static Generated generate(
      long seed,
      int sessions,
      Set<CorpusFormat> formats,
      Path dir,
      SessionAnalyzer analyzer,
      int threads)
      throws IOException {
    List<CorpusFormat> list = new ArrayList<>(formats);
    CorpusSpec spec =
        CorpusSpec.sessions(sessions)
            .withFormats(list.get(0), list.subList(1, list.size()).toArray(new CorpusFormat[0]));
    new CorpusGenerator(seed, START).generate(dir, spec);
    List<GroundTruth> truths = GroundTruthFile.read(dir.resolve(GroundTruthFile.NAME));
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < truths.size(); i++) {
      order.put(truths.get(i).sessionId(), i);
    }
    List<Path> roots = new ArrayList<>();
    for (CorpusFormat f : formats) {
      Path root = dir.resolve(f.id());
      if (Files.isDirectory(root)) {
        roots.add(root);
      }
    }
    Scored[] byTruth = new Scored[truths.size()];
    List<String> unexpected = new ArrayList<>();
    ScanSummary scan;
    Corpus corpus = TraceScanner.create().withThreads(threads).discover(roots);
    try (OrderedMap<Session, Optional<Scored>> work =
        new OrderedMap<>(
            threads,
            s -> {
              Integer i = order.get(s.id().value());
              if (i == null) {
                return Optional.empty();
              }
              GroundTruth t = truths.get(i);
              return Optional.of(
                  score(GENERATED, s, t.outcome() == OutcomeLabel.SUCCESS, t, analyzer));
            },
            r -> r.ifPresent(x -> byTruth[order.get(x.id())] = x))) {
      scan =
          corpus.forEach(
              s -> {
                if (!order.containsKey(s.id().value())) {
                  unexpected.add(s.id().value());
                }
                work.accept(s);
              });
      work.finish();
    }
    List<Scored> scored = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < byTruth.length; i++) {
      if (byTruth[i] == null) {
        missing.add(truths.get(i).sessionId());
      } else {
        scored.add(byTruth[i]);
      }
    }
    return new Generated(truths, scored, missing, unexpected, scan.problems());
  }

  /** Reads every trajectory under {@code dir} and labels it from {@code outcomesFile}. */
  static Real real(Path dir, Path outcomesFile, SessionAnalyzer analyzer, int threads) {
    return real(REAL, dir, outcomesFile, analyzer, threads);
  }

  /**
   * The labelled runs under {@code root}: one folder per run holding its trajectories, {@code
   * outcomes.json} and {@code run.properties} (repo, commit, run, agent, model), as {@code
   * datasets/real/extract.sh} writes them; in folder order, each run's sessions sorted by id.
   *
   * @param set the training set, with provenance
   * @param problems what could not be read, and sessions no outcome names
   */
  record Runs(TrainingSet set, List<String> problems) {}

  /**
   * Reads every run under {@code root} (see {@link Runs}).
   *
   * @throws IllegalArgumentException if {@code root} is not a folder or holds no run
   */
  static Runs runs(Path root, SessionAnalyzer analyzer, int threads) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("--runs: not a directory: " + root);
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(root)) {
      dirs = list.filter(d -> Files.isRegularFile(d.resolve(RUN_PROPERTIES))).sorted().toList();
    }
    if (dirs.isEmpty()) {
      throw new IllegalArgumentException(
          "--runs: no folder under " + root + " holds a " + RUN_PROPERTIES);
    }
    List<TrainingSet.Example> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path d : dirs) {
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(d.resolve(RUN_PROPERTIES), StandardCharsets.UTF_8)) {
        p.load(in);
      }
      List<String> missing =
          Stream.of("repo", "commit", "run", "agent", "model")
              .filter(k -> p.getProperty(k, "").isBlank())
              .toList();
      if (!missing.isEmpty()) {
        problems.add(d.resolve(RUN_PROPERTIES) + ": missing " + String.join(", ", missing));
        continue;
      }
      String name = d.getFileName().toString();
      Real r = real(name, d, d.resolve("outcomes.json"), analyzer, threads);
      r.problems().forEach(x -> problems.add(x.toString()));
      r.unlabelled().forEach(id -> problems.add(d + ": " + id + ": no outcome in outcomes.json"));
      for (Scored s : r.scored()) {
        // the parser's model name where the trace has one, else the run's
        String model = s.model().equals("unknown") ? p.getProperty("model") : s.model();
        TrainingSet.Origin origin =
            new TrainingSet.Origin(
                p.getProperty("agent"),
                model,
                p.getProperty("repo"),
                p.getProperty("commit"),
                p.getProperty("run"));
        out.add(new TrainingSet.Example(name, s.id(), s.success(), s.features(), origin));
      }
    }
    return new Runs(new TrainingSet(out), problems);
  }

  private static Real real(
      String source, Path dir, Path outcomesFile, SessionAnalyzer analyzer, int threads) {
    if (!Files.isDirectory(dir)) {
      throw new CommandLine.ParameterException(
          new CommandLine(new EvalCommand()), "--real: not a directory: " + dir);
    }
    OutcomesFile outcomes = OutcomesFile.load(outcomesFile);
    List<Scored> scored = new ArrayList<>();
    List<String> unlabelled = new ArrayList<>();
    Corpus corpus = TraceScanner.create().withThreads(threads).discover(List.of(dir));
    ScanSummary scan;
    try (OrderedMap<Session, Optional<Scored>> work =
        new OrderedMap<>(
            threads,
            s ->
                outcomes
                    .find(s.id())
                    .map(label -> score(source, s, label == OutcomeLabel.SUCCESS, null, analyzer)),
            r -> r.ifPresent(scored::add))) {
      scan =
          corpus.forEach(
              s -> {
                if (outcomes.find(s.id()).isEmpty()) {
                  unlabelled.add(s.id().value());
                }
                work.accept(s);
              });
      work.finish();
    }
    scored.sort(Comparator.comparing(Scored::id));
    Path skip = outcomesFile.toAbsolutePath().normalize();
    List<ParseProblem> problems =
        scan.problems().stream()
            .filter(p -> !Path.of(p.file()).toAbsolutePath().normalize().equals(skip))
            .toList();
    return new Real(scored, unlabelled, problems);
  }

  static Scored score(
      String source,
      Session s,
      boolean success,
      @Nullable GroundTruth truth,
      SessionAnalyzer analyzer) {
    SessionReport r = analyzer.analyze(s);
    return new Scored(
        source,
        s.id().value(),
        success,
        truth,
        s.usage(),
        s.requests().size(),
        r.findings(),
        r.outcome(),
        r.spend(),
        analyzer.features(s),
        Features.model(s));
  }

  /** The training set of {@code scored}, in the given order. */
  static TrainingSet trainingSet(List<Scored> scored) {
    List<TrainingSet.Example> out = new ArrayList<>(scored.size());
    for (Scored s : scored) {
      out.add(new TrainingSet.Example(s.source(), s.id(), s.success(), s.features()));
    }
    return new TrainingSet(out);
  }

  /** Deletes {@code dir} and everything under it. */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
