package dev.tokensieve.scoring.model;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.math.MathEx;

/**
 * Trains and cross-validates outcome models; every run is seeded and reproducible.
 *
 * <p>Smile types stay inside this class: callers see {@link OutcomeModel}, probabilities and
 * importances indexed by {@link Feature#ordinal()}.
 */
public final class OutcomeModelTrainer {
  /** The default L2 penalty of the logistic regression; {@code tokensieve train} tunes it by CV. */
  public static final double LAMBDA = 1.0;

  private static final String LABEL = "success";
  private static final int TREES = 200;

  private OutcomeModelTrainer() {}

  /** Trains the shipped model (logistic regression, {@link #LAMBDA}) on {@code set}. */
  public static OutcomeModel train(TrainingSet set, String name) {
    return train(set, LAMBDA, name);
  }

  /** Trains a logistic regression with L2 penalty {@code lambda} on {@code set}. */
  public static OutcomeModel train(TrainingSet set, double lambda, String name) {
    return logistic(set.x(), set.y(), lambda, name);
  }

  /** The text form of the shipped model trained on {@code set} (the bundled resource's content). */
  public static String trainToText(TrainingSet set, String name) {
    return trainToText(set, LAMBDA, name);
  }

  /**
   * The text form of a logistic regression with L2 penalty {@code lambda} trained on {@code set}:
   * what {@code tokensieve train} writes as the bundled {@code outcome-model.txt}.
   */
  public static String trainToText(TrainingSet set, double lambda, String name) {
    return logistic(set.x(), set.y(), lambda, name).write();
  }

  /**
   * Out-of-fold probabilities of success from stratified {@code folds}-fold cross-validation:
   * element i is the prediction for example i by a model that never saw it.
   */
  public static double[] crossValidate(TrainingSet set, Algorithm algorithm, int folds, long seed) {
    return crossValidate(set, algorithm, LAMBDA, folds, seed);
  }

  /** As {@link #crossValidate(TrainingSet, Algorithm, int, long)} with an explicit L2 penalty. */
  public static double[] crossValidate(
      TrainingSet set, Algorithm algorithm, double lambda, int folds, long seed) {
    requireNonNull(algorithm, "algorithm");
    Checks.inRange(folds, 2, Math.max(2, set.size()), "folds");
    double[][] x = set.x();
    int[] y = set.y();
    int[] fold = stratifiedFolds(y, folds, seed);
    double[] p = new double[y.length];
    for (int k = 0; k < folds; k++) {
      List<Integer> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        (fold[i] == k ? test : train).add(i);
      }
      double[][] tx = rows(x, train);
      int[] ty = labels(y, train);
      Predictor model = fit(algorithm, tx, ty, lambda, seed + k);
      for (int i : test) {
        p[i] = model.p(x[i]);
      }
    }
    return p;
  }

  /**
   * What each feature carries, indexed by {@link Feature#ordinal()}: the absolute standardised
   * coefficient for logistic regression, the trees' impurity importance for the others.
   */
  public static double[] importance(TrainingSet set, Algorithm algorithm, long seed) {
    return importance(set, algorithm, LAMBDA, seed);
  }

  /** As {@link #importance(TrainingSet, Algorithm, long)} with an explicit L2 penalty. */
  public static double[] importance(
      TrainingSet set, Algorithm algorithm, double lambda, long seed) {
    double[][] x = set.x();
    int[] y = set.y();
    switch (algorithm) {
      case LOGISTIC_REGRESSION:
        double[] c = logistic(x, y, lambda, "").coefficients();
        for (int i = 0; i < c.length; i++) {
          c[i] = Math.abs(c[i]);
        }
        return c;
      case RANDOM_FOREST:
        return forest(x, y, seed).importance();
      default:
        return boost(x, y, seed).importance();
    }
  }

  /**
   * The signed coefficients of a logistic regression trained on {@code set}, on the standardised
   * scale (positive: more of the feature, more likely a success), indexed by {@link
   * Feature#ordinal()}.
   */
  public static double[] coefficients(TrainingSet set, double lambda) {
    return logistic(set.x(), set.y(), lambda, "").coefficients();
  }

  /** Predicts one example. */
  private interface Predictor {
    double p(double[] x);
  }

  private static Predictor fit(
      Algorithm algorithm, double[][] x, int[] y, double lambda, long seed) {
    switch (algorithm) {
      case LOGISTIC_REGRESSION:
        return logistic(x, y, lambda, "")::pSuccess;
      case RANDOM_FOREST:
        RandomForest rf = forest(x, y, seed);
        return v -> posterior(rf, v);
      default:
        GradientTreeBoost gb = boost(x, y, seed);
        return v -> posterior(gb, v);
    }
  }

  static LogisticOutcomeModel logistic(double[][] x, int[] y, double lambda, String name) {
    requireClasses(y);
    int d = Feature.COUNT;
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / x.length;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
      }
    }
    for (int j = 0; j < d; j++) {
      sd[j] = sd[j] < 1e-12 ? 0 : Math.sqrt(sd[j]);
    }
    double[][] z = new double[x.length][d];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        z[i][j] = sd[j] > 0 ? (x[i][j] - mean[j]) / sd[j] : 0;
      }
    }
    LogisticRegression.Binomial lr = LogisticRegression.binomial(z, y, lambda, 1e-8, 1000);
    double[] w = lr.coefficients(); // d weights, then the intercept
    double[] coef = Arrays.copyOf(w, d);
    return new LogisticOutcomeModel(name, lambda, w[d], mean, sd, coef);
  }

  private static RandomForest forest(double[][] x, int[] y, long seed) {
    requireClasses(y);
    SplittableRandom r = new SplittableRandom(seed);
    LongStream seeds = LongStream.generate(r::nextLong).limit(TREES);
    int mtry = Math.max(1, (int) Math.sqrt(Feature.COUNT));
    return RandomForest.fit(
        Formula.lhs(LABEL), frame(x, y), TREES, mtry, SplitRule.GINI, 8, 64, 3, 0.8, null, seeds);
  }

  private static GradientTreeBoost boost(double[][] x, int[] y, long seed) {
    requireClasses(y);
    synchronized (MathEx.class) { // Smile's boosting draws from its global, per-thread generator
      MathEx.setSeed(seed);
      return GradientTreeBoost.fit(Formula.lhs(LABEL), frame(x, y), TREES, 3, 8, 5, 0.05, 0.7);
    }
  }

  private static double posterior(smile.classification.DataFrameClassifier model, double[] v) {
    double[] post = new double[2];
    DataFrame one = frame(new double[][] {v}, new int[] {0});
    model.predict(one.get(0), post);
    return post[1];
  }

  private static DataFrame frame(double[][] x, int[] y) {
    String[] names = new String[Feature.COUNT];
    for (Feature f : Feature.values()) {
      names[f.ordinal()] = f.name();
    }
    return DataFrame.of(x, names).merge(IntVector.of(LABEL, y));
  }

  private static void requireClasses(int[] y) {
    boolean pos = false;
    boolean neg = false;
    for (int v : y) {
      pos |= v == 1;
      neg |= v == 0;
    }
    if (!pos || !neg) {
      throw new IllegalArgumentException("training needs both successes and failures");
    }
  }

  /** Assigns each example a fold so that every fold has its share of each class; seeded. */
  static int[] stratifiedFolds(int[] y, int folds, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] fold = new int[y.length];
    for (int cls = 0; cls <= 1; cls++) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (y[i] == cls) {
          idx.add(i);
        }
      }
      for (int i = idx.size() - 1; i > 0; i--) { // Fisher-Yates with the seeded generator
        int j = r.nextInt(i + 1);
        Integer t = idx.get(i);
        idx.set(i, idx.get(j));
        idx.set(j, t);
      }
      for (int i = 0; i < idx.size(); i++) {
        fold[idx.get(i)] = i % folds;
      }
    }
    return fold;
  }

  private static double[][] rows(double[][] x, List<Integer> idx) {
    double[][] out = new double[idx.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = x[idx.get(i)];
    }
    return out;
  }

  private static int[] labels(int[] y, List<Integer> idx) {
    int[] out = new int[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = y[idx.get(i)];
    }
    return out;
  }
}
