package dev.tokensieve.scoring.model;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.scoring.model.LogisticOutcomeModel.Bands;
import dev.tokensieve.scoring.model.LogisticOutcomeModel.Scale;
import dev.tokensieve.scoring.model.LogisticOutcomeModel.Stats;
import dev.tokensieve.scoring.model.LogisticOutcomeModel.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.ToDoubleBiFunction;
import smile.classification.LogisticRegression;

/**
 * Trains the outcome model on real labelled runs: a logistic regression on a few features (size and
 * cost z-scored within each agent/model group, then patch and process features), its L2 penalty
 * chosen by cross-validation grouped by task, Platt-calibrated on out-of-fold logits, with SUCCESS
 * / FAILURE bands where the out-of-fold precision reaches {@link #BAND_PRECISION}. Every run is
 * seeded and reproducible.
 *
 * <p>Smile types stay inside this class: callers see {@link OutcomeModel} and probabilities.
 */
public final class OutcomeModelTrainer {
  /** The L2 penalties tried (features are standardised, so one grid fits every set). */
  static final double[] LAMBDAS = {1, 10, 100};

  /** Cross-validation folds, assigned by task id so that a task's runs share a fold. */
  public static final int FOLDS = 5;

  /** The precision a band must reach on validation runs for its label to be given. */
  public static final double BAND_PRECISION = 0.85;

  /** The fewest validation runs a band must hold. */
  public static final int BAND_MIN_RUNS = 20;

  /**
   * Which features the model uses and how each is standardised.
   *
   * @param grouped z-scored within the run's agent/model group
   * @param global standardised over all training runs
   */
  public record Spec(List<Feature> grouped, List<Feature> global) {
    /** Copies the lists. */
    public Spec {
      grouped = List.copyOf(grouped);
      global = List.copyOf(global);
    }

    /** The shipped model's features. */
    public static final Spec SHIPPED =
        new Spec(
            List.of(
                Feature.COST_USD,
                Feature.PROMPT_TOKENS,
                Feature.REQUESTS,
                Feature.PATCH_LINES,
                Feature.PATCH_FILES),
            List.of(
                Feature.EMPTY_PATCH,
                Feature.ERROR_EXIT,
                Feature.TOOL_ERROR_RATE,
                Feature.REPEATED_COMMAND_RATE,
                Feature.LAST_TEST_PASSED));
  }

  private OutcomeModelTrainer() {}

  /** Trains the shipped model on {@code set}: the full procedure of the class comment. */
  public static OutcomeModel train(TrainingSet set, Spec spec, long seed, String name) {
    return fit(set, spec, seed, name);
  }

  /** The text form of {@link #train}: what {@code tokensieve train} writes. */
  public static String trainToText(TrainingSet set, Spec spec, long seed, String name) {
    return fit(set, spec, seed, name).write();
  }

  static LogisticOutcomeModel fit(TrainingSet set, Spec spec, long seed, String name) {
    requireNonNull(spec, "spec");
    int[] y = set.y();
    requireClasses(y);
    int[] fold = taskFolds(set, seed);
    double lambda = LAMBDAS[0];
    double best = Double.POSITIVE_INFINITY;
    double[] bestOof = null;
    for (double l : LAMBDAS) {
      double[] oof = oofLogits(set, spec, l, fold);
      double loss = logLoss(oof, y);
      if (loss < best - 1e-9) {
        best = loss;
        lambda = l;
        bestOof = oof;
      }
    }
    double[] ab = platt(bestOof, y);
    double[] p = new double[y.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = LogisticOutcomeModel.sigmoid(ab[0] * bestOof[i] + ab[1]);
    }
    LogisticOutcomeModel model = raw(set, spec, lambda, name);
    Map<String, Bands> bands = new LinkedHashMap<>();
    bands.put(LogisticOutcomeModel.ALL, bands(p, y));
    for (String key : model.groupKeys()) {
      boolean any = key.endsWith("/*");
      String agent = key.substring(0, key.indexOf('/'));
      List<Integer> in = new ArrayList<>();
      for (int i = 0; i < p.length; i++) {
        TrainingSet.Origin o = set.examples().get(i).origin();
        if (any ? o.agent().equals(agent) : o.group().equals(key)) {
          in.add(i);
        }
      }
      double[] gp = new double[in.size()];
      int[] gy = new int[in.size()];
      for (int j = 0; j < gp.length; j++) {
        gp[j] = p[in.get(j)];
        gy[j] = y[in.get(j)];
      }
      bands.put(key, bands(gp, gy));
    }
    return model.calibrated(ab[0], ab[1], bands);
  }

  /**
   * Out-of-fold calibrated probabilities: each example predicted by a model trained (with the whole
   * procedure, inner cross-validation included) on the other task folds.
   */
  public static double[] crossValidate(TrainingSet set, Spec spec, long seed) {
    return outOfFold(
        set,
        taskFolds(set, seed),
        (train, k) -> fit(train, spec, seed + k + 1, "fold " + k),
        OutcomeModelTrainer::predict);
  }

  /** The model's calibrated pSuccess of {@code e}, normalised by the example's own group. */
  public static double predict(OutcomeModel m, TrainingSet.Example e) {
    return m.pSuccess(e.features(), e.origin().agent(), e.origin().model());
  }

  /**
   * The {successAt, failureAt} bands a session of {@code agent} on {@code model} is labelled by, if
   * {@code model} is a shipped-format model, else none.
   */
  public static double[] bands(OutcomeModel m, String agent, String model) {
    Bands b = m instanceof LogisticOutcomeModel l ? l.bandsFor(agent, model) : Bands.NONE;
    return new double[] {b.successAt(), b.failureAt()};
  }

  /**
   * The signed coefficients of the shipped procedure trained on {@code set}, on the standardised
   * scale (positive: more of the feature, more likely a success), indexed by {@link
   * Feature#ordinal()}; 0 for features the model does not use.
   */
  public static double[] coefficients(OutcomeModel model) {
    return model instanceof LogisticOutcomeModel l ? l.coefficients() : new double[Feature.COUNT];
  }

  /** The examples of {@code set} for which {@code keep} holds, by index. */
  static TrainingSet subset(TrainingSet set, Predicate<Integer> keep) {
    List<TrainingSet.Example> out = new ArrayList<>();
    for (int i = 0; i < set.size(); i++) {
      if (keep.test(i)) {
        out.add(set.examples().get(i));
      }
    }
    return new TrainingSet(out);
  }

  /** A fold per example by its task id (seeded): every run of one task lands in one fold. */
  static int[] taskFolds(TrainingSet set, long seed) {
    int[] fold = new int[set.size()];
    for (int i = 0; i < fold.length; i++) {
      String task = set.examples().get(i).id();
      fold[i] = new SplittableRandom(seed * 31 + task.hashCode()).nextInt(FOLDS);
    }
    return fold;
  }

  private static double[] oofLogits(TrainingSet set, Spec spec, double lambda, int[] fold) {
    return outOfFold(
        set,
        fold,
        (train, k) -> raw(train, spec, lambda, ""),
        (m, e) -> m.logit(e.features(), e.origin().agent(), e.origin().model()));
  }

  /**
   * For each fold, a model fit on the other folds (skipped if they lack a class; its examples then
   * get 0) scores that fold's examples.
   */
  private static double[] outOfFold(
      TrainingSet set,
      int[] fold,
      BiFunction<TrainingSet, Integer, LogisticOutcomeModel> fit,
      ToDoubleBiFunction<LogisticOutcomeModel, TrainingSet.Example> score) {
    double[] out = new double[set.size()];
    for (int k = 0; k < FOLDS; k++) {
      int fk = k;
      TrainingSet train = subset(set, i -> fold[i] != fk);
      if (!bothClasses(train.y())) {
        continue;
      }
      LogisticOutcomeModel m = fit.apply(train, k);
      for (int i = 0; i < out.length; i++) {
        if (fold[i] == k) {
          out[i] = score.applyAsDouble(m, set.examples().get(i));
        }
      }
    }
    return out;
  }

  /** The uncalibrated logistic regression on {@code set}, with its group statistics. */
  static LogisticOutcomeModel raw(TrainingSet set, Spec spec, double lambda, String name) {
    int[] y = set.y();
    requireClasses(y);
    List<Feature> all = new ArrayList<>(spec.grouped());
    all.addAll(spec.global());
    int d = all.size();
    int gd = spec.grouped().size();
    // statistics over all runs, per agent and per agent/model
    double[][] x = set.x();
    double[] mean = new double[d];
    double[] sd = new double[d];
    moments(x, all, i -> true, mean, sd);
    Map<String, Stats> groups = new LinkedHashMap<>();
    TreeSet<String> keys = new TreeSet<>();
    TreeSet<String> agents = new TreeSet<>();
    for (TrainingSet.Example e : set.examples()) {
      keys.add(e.origin().group());
      keys.add(e.origin().agent() + "/*");
      agents.add(e.origin().agent());
    }
    for (String key : keys) {
      boolean any = key.endsWith("/*");
      String agent = key.substring(0, key.indexOf('/'));
      Predicate<Integer> in =
          i -> {
            TrainingSet.Origin o = set.examples().get(i).origin();
            return any ? o.agent().equals(agent) : o.group().equals(key);
          };
      double[] gm = new double[gd];
      double[] gs = new double[gd];
      int n = moments(x, spec.grouped(), in, gm, gs);
      groups.put(key, new Stats(n, 0, gm, gs));
    }
    // one fixed-effect column per agent/model group, so that the features learn what tells runs
    // of one group apart, not which group has the higher base rate
    List<String> concrete = keys.stream().filter(k -> !k.endsWith("/*")).toList();
    List<Term> terms = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      terms.add(new Term(all.get(j), j < gd ? Scale.GROUP : Scale.GLOBAL, 1, mean[j], sd[j]));
    }
    // standardise each run as the model will, then fit
    LogisticOutcomeModel unit =
        new LogisticOutcomeModel(name, lambda, 0, terms, groups, agents, 1, 0, Map.of());
    int gn = concrete.size();
    double[][] z = new double[x.length][d + gn];
    for (int i = 0; i < x.length; i++) {
      TrainingSet.Origin o = set.examples().get(i).origin();
      Stats g = unit.statsFor(o.agent(), o.model());
      for (int j = 0; j < d; j++) {
        double m = j < gd ? g.mean()[j] : mean[j];
        double s = j < gd ? g.sd()[j] : sd[j];
        z[i][j] = s > 0 ? (x[i][all.get(j).ordinal()] - m) / s : 0;
      }
      z[i][d + concrete.indexOf(o.group())] = 1;
    }
    LogisticRegression.Binomial lr = LogisticRegression.binomial(z, y, lambda, 1e-8, 1000);
    double[] w = lr.coefficients(); // d weights, gn group effects, then the intercept
    List<Term> fitted = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      Term t = terms.get(j);
      fitted.add(new Term(t.feature(), t.scale(), w[j], t.mean(), t.sd()));
    }
    // offsets relative to the run-weighted mean group effect, which joins the intercept: an
    // unseen agent gets the mean effect, an unseen model of a known agent its agent's mean
    double meanEffect = 0;
    for (int k = 0; k < gn; k++) {
      meanEffect += w[d + k] * groups.get(concrete.get(k)).n() / x.length;
    }
    Map<String, Stats> withOffsets = new LinkedHashMap<>();
    for (Map.Entry<String, Stats> e : groups.entrySet()) {
      String key = e.getKey();
      String agent = key.substring(0, key.indexOf('/'));
      double effect = 0;
      if (key.endsWith("/*")) {
        for (int k = 0; k < gn; k++) {
          String c = concrete.get(k);
          if (c.startsWith(agent + "/")) {
            effect += w[d + k] * groups.get(c).n() / e.getValue().n();
          }
        }
      } else {
        effect = w[d + concrete.indexOf(key)];
      }
      Stats st = e.getValue();
      withOffsets.put(key, new Stats(st.n(), effect - meanEffect, st.mean(), st.sd()));
    }
    return new LogisticOutcomeModel(
        name, lambda, w[d + gn] + meanEffect, fitted, withOffsets, agents, 1, 0, Map.of());
  }

  /** Mean and (population) sd of {@code features} over the rows {@code in}; returns the count. */
  private static int moments(
      double[][] x, List<Feature> features, Predicate<Integer> in, double[] mean, double[] sd) {
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (in.test(i)) {
        n++;
        for (int j = 0; j < features.size(); j++) {
          mean[j] += x[i][features.get(j).ordinal()];
        }
      }
    }
    for (int j = 0; j < mean.length; j++) {
      mean[j] = n == 0 ? 0 : mean[j] / n;
    }
    for (int i = 0; i < x.length; i++) {
      if (in.test(i)) {
        for (int j = 0; j < features.size(); j++) {
          double dv = x[i][features.get(j).ordinal()] - mean[j];
          sd[j] += dv * dv;
        }
      }
    }
    for (int j = 0; j < sd.length; j++) {
      double v = n == 0 ? 0 : sd[j] / n;
      sd[j] = v < 1e-12 ? 0 : Math.sqrt(v);
    }
    return n;
  }

  /**
   * Platt scaling: {@code (a, b)} minimising the log loss of {@code sigmoid(a * z + b)} against
   * Platt's base-rate-corrected targets ({@code (N+ + 1) / (N+ + 2)} for successes, {@code 1 / (N-
   * + 2)} for failures), so that a small class is not calibrated to certainty; Newton's method with
   * step halving.
   */
  static double[] platt(double[] z, int[] y) {
    int pos = 0;
    for (int v : y) {
      pos += v;
    }
    int neg = y.length - pos;
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (neg + 2.0);
    double a = 1;
    double b = 0;
    double loss = plattLoss(z, y, hi, lo, a, b);
    for (int it = 0; it < 100; it++) {
      double ga = 0;
      double gb = 0;
      double haa = 1e-12;
      double hab = 0;
      double hbb = 1e-12;
      for (int i = 0; i < z.length; i++) {
        double p = LogisticOutcomeModel.sigmoid(a * z[i] + b);
        double t = y[i] == 1 ? hi : lo;
        double r = p - t;
        double w = p * (1 - p);
        ga += r * z[i];
        gb += r;
        haa += w * z[i] * z[i];
        hab += w * z[i];
        hbb += w;
      }
      double det = haa * hbb - hab * hab;
      if (Math.abs(ga) + Math.abs(gb) < 1e-10 || det <= 0) {
        break;
      }
      double da = (hbb * ga - hab * gb) / det;
      double db = (haa * gb - hab * ga) / det;
      double step = 1;
      double next = plattLoss(z, y, hi, lo, a - da, b - db);
      while (next > loss && step > 1e-8) {
        step /= 2;
        next = plattLoss(z, y, hi, lo, a - step * da, b - step * db);
      }
      if (next > loss) {
        break;
      }
      a -= step * da;
      b -= step * db;
      if (loss - next < 1e-12) {
        loss = next;
        break;
      }
      loss = next;
    }
    return new double[] {a, b};
  }

  private static double plattLoss(double[] z, int[] y, double hi, double lo, double a, double b) {
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      double t = y[i] == 1 ? hi : lo;
      double v = a * z[i] + b;
      // log(1 + e^v) - t v, computed stably
      s += (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v))) - t * v;
    }
    return s;
  }

  private static double logLoss(double[] z, int[] y) {
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      double v = y[i] == 1 ? -z[i] : z[i];
      s += v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
    }
    return s / z.length;
  }

  /**
   * The widest bands whose precision on {@code p} reaches {@link #BAND_PRECISION} with at least
   * {@link #BAND_MIN_RUNS} runs: SUCCESS from the lowest such threshold up, FAILURE from the
   * highest such threshold down; a band that cannot reach it is left out (infinite threshold).
   */
  static Bands bands(double[] p, int[] y) {
    double[] sorted = p.clone();
    java.util.Arrays.sort(sorted);
    double successAt = Double.POSITIVE_INFINITY;
    double successPrecision = Double.NaN;
    int successRuns = 0;
    for (int k = 0; k < sorted.length; k++) {
      if (k > 0 && sorted[k] == sorted[k - 1]) {
        continue;
      }
      double t = sorted[k];
      int n = 0;
      int ok = 0;
      for (int i = 0; i < p.length; i++) {
        if (p[i] >= t) {
          n++;
          ok += y[i];
        }
      }
      if (n >= BAND_MIN_RUNS && (double) ok / n >= BAND_PRECISION) {
        successAt = t;
        successPrecision = (double) ok / n;
        successRuns = n;
        break;
      }
    }
    double failureAt = Double.NEGATIVE_INFINITY;
    double failurePrecision = Double.NaN;
    int failureRuns = 0;
    for (int k = sorted.length - 1; k >= 0; k--) {
      if (k < sorted.length - 1 && sorted[k] == sorted[k + 1]) {
        continue;
      }
      double t = sorted[k];
      if (t >= successAt) {
        continue;
      }
      int n = 0;
      int bad = 0;
      for (int i = 0; i < p.length; i++) {
        if (p[i] <= t) {
          n++;
          bad += 1 - y[i];
        }
      }
      if (n >= BAND_MIN_RUNS && (double) bad / n >= BAND_PRECISION) {
        failureAt = t;
        failurePrecision = (double) bad / n;
        failureRuns = n;
        break;
      }
    }
    return new Bands(
        successAt, successPrecision, successRuns, failureAt, failurePrecision, failureRuns);
  }

  private static boolean bothClasses(int[] y) {
    boolean pos = false;
    boolean neg = false;
    for (int v : y) {
      pos |= v == 1;
      neg |= v == 0;
    }
    return pos && neg;
  }

  private static void requireClasses(int[] y) {
    if (!bothClasses(y)) {
      throw new IllegalArgumentException("training needs both successes and failures");
    }
  }
}
