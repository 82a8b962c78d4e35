package dev.tokensieve.cli;

import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.datasets.CorpusFormat;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.scoring.model.Algorithm;
import dev.tokensieve.scoring.model.OutcomeModelTrainer;
import dev.tokensieve.scoring.model.TrainingSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tokensieve train}: builds the outcome model's training set from a seeded generated corpus
 * read back by the real scanner plus real trajectories with known outcomes, picks the model by
 * cross-validation, and writes {@code training-set.csv} and {@code outcome-model.txt}.
 *
 * <p>The bundled model is made by, from the repository root:
 *
 * <pre>
 * java -jar cli/target/tokensieve.jar train --real ../shared/samples/mini-swe-agent
 * </pre>
 *
 * (defaults: 400 sessions, seed 42, both formats; output into scoring's resources).
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains the outcome model.",
      "Learns from a seeded generated corpus parsed by the real scanner, plus real "
          + "trajectories with outcomes (--real), with features exactly as analyze "
          + "computes them; picks the L2 penalty by cross-validated Brier score and writes "
          + "training-set.csv and outcome-model.txt. The bundled model: tokensieve train "
          + "--real ../shared/samples/mini-swe-agent"
    })
final class TrainCommand implements Callable<Integer> {
  /** Where the bundled model lives, relative to the repository root. */
  static final Path BUNDLED = Path.of("scoring/src/main/resources/dev/tokensieve/scoring/model");

  /** The bundled model's file name (read by {@code OutcomeModel.bundled()}). */
  static final String MODEL_FILE = "outcome-model.txt";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin CorpusOptions opts = new CorpusOptions();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Where to write the two files (default: "
              + "scoring/src/main/resources/dev/tokensieve/scoring/model, from the repository root).")
  @Nullable Path out;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Parsing and analysis threads (default: one per core).")
  int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

  @Override
  public Integer call() throws IOException {
    ModelChoice.quietLibraries();
    Path dest = out != null ? out : BUNDLED;
    if (!Files.isDirectory(dest)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          out != null
              ? "--out: not a directory: " + dest
              : "no " + BUNDLED + " here: run from the repository root, or give --out DIR");
    }
    Set<CorpusFormat> formats = LabelledSessions.formats(opts.format);
    SessionAnalyzer analyzer = SessionAnalyzer.standard(PriceBook.bundled());
    PrintWriter err = spec.commandLine().getErr();
    Path dir = Files.createTempDirectory("tokensieve-train");
    LabelledSessions.Generated gen;
    try {
      gen = LabelledSessions.generate(opts.seed, opts.sessions, formats, dir, analyzer, threads);
    } finally {
      LabelledSessions.delete(dir);
    }
    if (!gen.missing().isEmpty() || !gen.problems().isEmpty()) {
      err.println(
          "tokensieve: the generated corpus did not parse cleanly ("
              + gen.missing().size()
              + " sessions missing, "
              + gen.problems().size()
              + " problems); run eval");
      return 1;
    }
    List<Scored> all = new ArrayList<>(gen.scored());
    int realCount = 0;
    Path real = opts.real;
    if (real != null) {
      LabelledSessions.Real r =
          LabelledSessions.real(real, opts.outcomesOf(real), analyzer, threads);
      r.problems().forEach(p -> err.println("tokensieve: " + p));
      all.addAll(r.scored());
      realCount = r.scored().size();
    }
    // train on what the CSV holds (features rounded to 6 digits), so that training on the
    // bundled CSV reproduces the bundled model exactly
    String csv = LabelledSessions.trainingSet(all).toCsv();
    TrainingSet set = TrainingSet.read(new StringReader(csv), "training set");
    List<ModelChoice.Result> results = ModelChoice.crossValidate(set, opts.folds, opts.seed);
    if (results.isEmpty()) {
      err.println("tokensieve: too few successes or failures to train");
      return 1;
    }
    ModelChoice.Result best = ModelChoice.best(results);
    ModelChoice.Result chosen = ModelChoice.bestLogistic(results);
    String name =
        String.format(
            Locale.ROOT,
            "logistic regression, lambda=%s, %d sessions (%d generated: seed %d, %s; %d SWE-bench"
                + " mini-swe-agent)",
            chosen.lambda(),
            set.size(),
            gen.scored().size(),
            opts.seed,
            formats.stream().map(CorpusFormat::id).collect(Collectors.joining("+")),
            realCount);
    String model = OutcomeModelTrainer.trainToText(set, chosen.lambda(), name);
    Files.writeString(dest.resolve(TrainingSet.RESOURCE), csv, StandardCharsets.UTF_8);
    Files.writeString(dest.resolve(MODEL_FILE), model, StandardCharsets.UTF_8);
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "%d-fold cross-validation on %d sessions, seed %d:%n",
        ModelChoice.folds(set, opts.folds),
        set.size(),
        opts.seed);
    for (ModelChoice.Result r : results) {
      o.printf(
          Locale.ROOT,
          "  %-36s AUC %.3f  accuracy %.3f  Brier %.4f%s%n",
          r.label(),
          r.auc(),
          r.accuracy(),
          r.brier(),
          r == chosen ? "  <- shipped" : "");
    }
    if (best.algorithm() != Algorithm.LOGISTIC_REGRESSION) {
      o.printf(
          Locale.ROOT,
          "note: %s has the better Brier score (%.4f vs %.4f); TokenSieve ships only a logistic"
              + " regression as text, so that is what was written%n",
          best.label(),
          best.brier(),
          chosen.brier());
    }
    o.println("wrote " + dest.resolve(TrainingSet.RESOURCE) + " and " + dest.resolve(MODEL_FILE));
    o.flush();
    return 0;
  }
}
