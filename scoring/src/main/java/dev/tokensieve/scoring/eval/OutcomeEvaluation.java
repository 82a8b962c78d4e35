package dev.tokensieve.scoring.eval;

import dev.tokensieve.scoring.model.Algorithm;
import dev.tokensieve.scoring.model.Feature;
import dev.tokensieve.scoring.model.OutcomeModelTrainer;
import dev.tokensieve.scoring.model.TrainingSet;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints the outcome model's cross-validated AUC, accuracy and calibration (Brier score and
 * reliability bins) for each candidate algorithm, and which features carry it. Seeded: the same
 * training set and seed print the same numbers.
 *
 * <p>Usage: {@code OutcomeEvaluation [training-set.csv] [--folds N] [--seed S]}; without a file it
 * evaluates the bundled training set, per source and all together.
 */
public final class OutcomeEvaluation {
  private OutcomeEvaluation() {}

  /** Runs the evaluation and prints to standard output. */
  public static void main(String[] args) {
    Path file = null;
    int folds = 5;
    long seed = 42;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--folds")) {
        folds = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--seed")) {
        seed = Long.parseLong(args[++i]);
      } else {
        file = Path.of(args[i]);
      }
    }
    TrainingSet set = file == null ? TrainingSet.bundled() : read(file);
    print(set, folds, seed, System.out);
  }

  private static TrainingSet read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return TrainingSet.read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Prints the evaluation of {@code set} to {@code out}. */
  public static void print(TrainingSet set, int folds, long seed, PrintStream out) {
    Set<String> sources = new LinkedHashSet<>();
    set.examples().forEach(e -> sources.add(e.source()));
    List<String> groups = new ArrayList<>(sources);
    if (groups.size() > 1) {
      groups.add("all");
    }
    for (String g : groups) {
      TrainingSet part = g.equals("all") ? set : set.only(g);
      int[] y = labels(part);
      int pos = 0;
      for (int v : y) {
        pos += v;
      }
      out.printf(
          Locale.ROOT,
          "== %s: %d sessions, %d successes; %d-fold stratified CV, seed %d%n",
          g,
          y.length,
          pos,
          Math.min(folds, Math.min(pos, y.length - pos)),
          seed);
      if (pos < 2 || y.length - pos < 2) {
        out.println("   (too few of one class to cross-validate)");
        continue;
      }
      int k = Math.min(folds, Math.min(pos, y.length - pos));
      for (Algorithm a : Algorithm.values()) {
        double[] p = OutcomeModelTrainer.crossValidate(part, a, k, seed);
        out.printf(
            Locale.ROOT,
            "  %-20s AUC %.3f  accuracy %.3f  Brier %.4f%n",
            a,
            Metrics.auc(p, y),
            Metrics.accuracy(p, y),
            Metrics.brier(p, y));
        if (a == Algorithm.LOGISTIC_REGRESSION) {
          out.print(Metrics.reliability(p, y, 5));
        }
      }
      for (Algorithm a : List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.RANDOM_FOREST)) {
        out.printf(
            Locale.ROOT,
            "  top features (%s): %s%n",
            a,
            top(OutcomeModelTrainer.importance(part, a, seed), 8));
      }
    }
  }

  private static int[] labels(TrainingSet s) {
    int[] y = new int[s.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = s.examples().get(i).success() ? 1 : 0;
    }
    return y;
  }

  private static String top(double[] importance, int n) {
    Integer[] idx = new Integer[importance.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> Double.compare(importance[b], importance[a]));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(n, idx.length); i++) {
      if (importance[idx[i]] <= 0) {
        break;
      }
      b.append(i == 0 ? "" : ", ")
          .append(Feature.values()[idx[i]].name())
          .append(String.format(Locale.ROOT, " %.3f", importance[idx[i]]));
    }
    return b.toString();
  }
}
