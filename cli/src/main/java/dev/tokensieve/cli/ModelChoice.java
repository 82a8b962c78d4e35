package dev.tokensieve.cli;

import dev.tokensieve.scoring.eval.Metrics;
import dev.tokensieve.scoring.model.Algorithm;
import dev.tokensieve.scoring.model.OutcomeModelTrainer;
import dev.tokensieve.scoring.model.TrainingSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cross-validates every candidate outcome model on a training set and picks the one to ship by
 * measured Brier score (calibration is what pSuccess promises), AUC breaking ties.
 */
final class ModelChoice {
  /**
   * The L2 penalties tried for the logistic regression: from barely regularised to strongly shrunk;
   * features are standardised, so one grid fits every training set.
   */
  static final double[] LAMBDAS = {0.1, 1, 10, 100};

  private ModelChoice() {}

  /**
   * Keeps Smile's per-iteration and per-tree INFO lines off the terminal (slf4j-simple reads this
   * when its first logger is made; a user's own setting wins).
   */
  static void quietLibraries() {
    if (System.getProperty("org.slf4j.simpleLogger.log.smile") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.smile", "warn");
    }
  }

  /**
   * One candidate's cross-validated result.
   *
   * @param p out-of-fold probability of success of each example, in the set's order
   */
  record Result(
      Algorithm algorithm, double lambda, double auc, double accuracy, double brier, double[] p) {
    String label() {
      return algorithm == Algorithm.LOGISTIC_REGRESSION
          ? "logistic regression, lambda=" + lambda
          : algorithm == Algorithm.RANDOM_FOREST ? "random forest" : "gradient boosting";
    }
  }

  /** The folds that fit {@code set}: at most {@code folds}, at most the smaller class's size. */
  static int folds(TrainingSet set, int folds) {
    int pos = 0;
    for (TrainingSet.Example e : set.examples()) {
      pos += e.success() ? 1 : 0;
    }
    return Math.min(folds, Math.min(pos, set.size() - pos));
  }

  /** Every candidate, cross-validated; empty if a class has fewer than two examples. */
  static List<Result> crossValidate(TrainingSet set, int folds, long seed) {
    int k = folds(set, folds);
    List<Result> out = new ArrayList<>();
    if (k < 2) {
      return out;
    }
    int[] y = labels(set);
    for (double lambda : LAMBDAS) {
      out.add(result(set, Algorithm.LOGISTIC_REGRESSION, lambda, k, seed, y));
    }
    out.add(result(set, Algorithm.RANDOM_FOREST, 0, k, seed, y));
    out.add(result(set, Algorithm.GRADIENT_BOOSTING, 0, k, seed, y));
    return out;
  }

  private static Result result(
      TrainingSet set, Algorithm a, double lambda, int k, long seed, int[] y) {
    double[] p = OutcomeModelTrainer.crossValidate(set, a, lambda == 0 ? 1 : lambda, k, seed);
    return new Result(a, lambda, Metrics.auc(p, y), Metrics.accuracy(p, y), Metrics.brier(p, y), p);
  }

  /** The best result by Brier score, then AUC. */
  static Result best(List<Result> results) {
    return results.stream().min(ORDER).orElseThrow();
  }

  /** The best logistic regression (the only model TokenSieve ships as text). */
  static Result bestLogistic(List<Result> results) {
    return results.stream()
        .filter(r -> r.algorithm() == Algorithm.LOGISTIC_REGRESSION)
        .min(ORDER)
        .orElseThrow();
  }

  private static final Comparator<Result> ORDER =
      Comparator.comparingDouble(Result::brier)
          .thenComparing(Result::auc, Comparator.reverseOrder());

  static int[] labels(TrainingSet set) {
    int[] y = new int[set.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = set.examples().get(i).success() ? 1 : 0;
    }
    return y;
  }
}
