package dev.tokensieve.cli;

import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.scoring.model.OutcomeModelTrainer;
import dev.tokensieve.scoring.model.TrainingSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tokensieve train}: trains the outcome model on real labelled agent runs only and writes
 * {@code outcome-model.txt}; with {@code --runs DIR} it first rebuilds the training set ({@code
 * training-set.csv}: one row per run, with provenance) by parsing the runs that {@code
 * datasets/real/extract.sh} extracted, with the real parser and feature code.
 *
 * <p>The bundled model is made by, from the repository root:
 *
 * <pre>
 * java -jar cli/target/tokensieve.jar train
 * </pre>
 *
 * (seed 42; reads and writes scoring's resources).
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains the outcome model on real labelled agent runs only.",
      "Reads the bundled training set, or --runs DIR extracted by datasets/real/extract.sh; fits"
          + " a logistic regression on size and cost z-scored per agent/model, patch size and a"
          + " few process features, with the L2 penalty by task-grouped cross-validation, Platt"
          + " calibration and SUCCESS/FAILURE bands where validation precision reaches 85%."
          + " Writes outcome-model.txt (and training-set.csv with --runs)."
    })
final class TrainCommand implements Callable<Integer> {
  /** Where the bundled model lives, relative to the repository root. */
  static final Path BUNDLED = Path.of("scoring/src/main/resources/dev/tokensieve/scoring/model");

  /** The bundled model's file name (read by {@code OutcomeModel.bundled()}). */
  static final String MODEL_FILE = "outcome-model.txt";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--runs",
      paramLabel = "DIR",
      description =
          "Rebuild the training set from these extracted runs: one folder per run with trajs/,"
              + " outcomes.json and run.properties (datasets/real/extract.sh makes them).")
  @Nullable Path runs;

  @Option(
      names = "--training-set",
      paramLabel = "FILE",
      description = "Train on this CSV instead of DIR/training-set.csv (ignored with --runs).")
  @Nullable Path trainingSet;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Where to read and write the files (default: "
              + "scoring/src/main/resources/dev/tokensieve/scoring/model, from the repository root).")
  @Nullable Path out;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Seed of the cross-validation folds (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Parsing and analysis threads (default: one per core).")
  int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

  @Override
  public Integer call() throws IOException {
    EvalCommand.quietLibraries();
    Path dest = out != null ? out : BUNDLED;
    if (!Files.isDirectory(dest)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          out != null
              ? "--out: not a directory: " + dest
              : "no " + BUNDLED + " here: run from the repository root, or give --out DIR");
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TrainingSet set;
    if (runs != null) {
      SessionAnalyzer analyzer = SessionAnalyzer.standard(PriceBook.bundled());
      LabelledSessions.Runs r;
      try {
        r = LabelledSessions.runs(runs, analyzer, threads);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      r.problems().forEach(p -> err.println("tokensieve: " + p));
      // train on what the CSV holds (features rounded to 6 digits), so that training on the
      // bundled CSV reproduces the bundled model exactly
      String csv = r.set().toCsv();
      set = TrainingSet.read(new StringReader(csv), "training set");
      Files.writeString(dest.resolve(TrainingSet.RESOURCE), csv, StandardCharsets.UTF_8);
      o.printf(
          Locale.ROOT,
          "parsed %d labelled runs from %s; wrote %s%n",
          set.size(),
          runs,
          dest.resolve(TrainingSet.RESOURCE));
    } else {
      Path file = trainingSet != null ? trainingSet : dest.resolve(TrainingSet.RESOURCE);
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        set = TrainingSet.read(in, file.toString());
      }
    }
    long successes = set.examples().stream().filter(TrainingSet.Example::success).count();
    if (successes == 0 || successes == set.size()) {
      err.println("tokensieve: the training set needs both successes and failures");
      return 1;
    }
    String name =
        String.format(
            Locale.ROOT,
            "logistic regression on %d real runs (%d resolved) of %d agent/model groups, seed %d",
            set.size(),
            successes,
            set.examples().stream().map(e -> e.origin().group()).distinct().count(),
            seed);
    String model =
        OutcomeModelTrainer.trainToText(set, OutcomeModelTrainer.Spec.SHIPPED, seed, name);
    Files.writeString(dest.resolve(MODEL_FILE), model, StandardCharsets.UTF_8);
    o.print(
        model
            .lines()
            .filter(l -> !l.startsWith("#"))
            .map(l -> "  " + l + "\n")
            .reduce("", String::concat));
    o.println("wrote " + dest.resolve(MODEL_FILE) + "; measure it with: tokensieve eval");
    o.flush();
    return 0;
  }
}
