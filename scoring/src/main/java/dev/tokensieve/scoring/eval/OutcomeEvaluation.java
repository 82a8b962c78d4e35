package dev.tokensieve.scoring.eval;

import dev.tokensieve.scoring.model.Feature;
import dev.tokensieve.scoring.model.OutcomeModel;
import dev.tokensieve.scoring.model.OutcomeModelTrainer;
import dev.tokensieve.scoring.model.OutcomeModelTrainer.Spec;
import dev.tokensieve.scoring.model.TrainingSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures the outcome model on real labelled runs, the way it will be used: cross-validated by
 * task (every run of a task in one fold), and on each agent/model group held out of training
 * entirely (leave one model out: the held-out group is normalised as an unseen model is, by its
 * agent's statistics or, for an unseen agent, by all runs'). Every AUC carries a bootstrap 95%
 * interval and sits beside the single-feature baselines (minus cost, minus prompt tokens, minus
 * steps); calibration is reported as Brier score and ECE; bands as the precision of their labels.
 * Seeded: the same set and seed give the same numbers.
 *
 * <p>The result is a tree of maps and lists ({@code tokensieve eval} prints it as text or JSON).
 */
public final class OutcomeEvaluation {
  /** Bootstrap resamples per interval. */
  public static final int RESAMPLES = 1000;

  /** Reliability and ECE bins. */
  static final int BINS = 10;

  private static final Feature[] BASELINES = {
    Feature.COST_USD, Feature.PROMPT_TOKENS, Feature.REQUESTS
  };
  private static final String[] BASELINE_NAMES = {"minusCost", "minusPromptTokens", "minusSteps"};

  private OutcomeEvaluation() {}

  /**
   * Evaluates the training procedure on {@code set} and describes {@code shipped}, the model in
   * use.
   */
  public static Map<String, Object> evaluate(
      TrainingSet set, Spec spec, OutcomeModel shipped, long seed) {
    Map<String, Object> m = new LinkedHashMap<>();
    int[] y = labels(set);
    List<String> groups = groups(set);
    m.put("runs", set.size());
    m.put("successes", sum(y));
    List<Object> data = new ArrayList<>();
    for (String g : groups) {
      TrainingSet part = only(set, g);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("group", g);
      row.put("runs", part.size());
      row.put("successes", sum(labels(part)));
      TrainingSet.Origin o = part.examples().get(0).origin();
      row.put(
          "source", o.repo() + "@" + o.commit().substring(0, Math.min(12, o.commit().length())));
      row.put("run", o.run());
      data.add(row);
    }
    m.put("groups", data);
    m.put("model", shipped.name());
    m.put("features", features(spec));

    double[] p = OutcomeModelTrainer.crossValidate(set, spec, seed);
    Map<String, Object> cv = new LinkedHashMap<>();
    cv.put("folds", OutcomeModelTrainer.FOLDS);
    cv.put("auc", interval(p, y, seed));
    cv.put("brier", Metrics.brier(p, y));
    cv.put("ece", Metrics.ece(p, y, BINS));
    cv.put("bands", bandPrecision(p, y, bands(shipped, set)));
    List<Object> perGroup = new ArrayList<>();
    for (String g : groups) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("group", g);
      TrainingSet part = only(set, g);
      row.putAll(bandPrecision(select(p, set, g), labels(part), bands(shipped, part)));
      perGroup.add(row);
    }
    cv.put("bandsPerGroup", perGroup);
    cv.put("reliability", Metrics.reliability(p, y, 5));
    m.put("taskCrossValidation", cv);

    List<Object> held = new ArrayList<>();
    for (String g : groups) {
      TrainingSet part = only(set, g);
      int[] py = labels(part);
      if (sum(py) == 0 || sum(py) == py.length) {
        continue;
      }
      TrainingSet rest = without(set, g);
      if (sum(labels(rest)) == 0 || sum(labels(rest)) == rest.size()) {
        continue;
      }
      OutcomeModel model = OutcomeModelTrainer.train(rest, spec, seed, "without " + g);
      double[] hp = new double[set.size()];
      for (int i = 0; i < set.size(); i++) {
        TrainingSet.Example e = set.examples().get(i);
        hp[i] = e.origin().group().equals(g) ? OutcomeModelTrainer.predict(model, e) : 0;
      }
      String agent = part.examples().get(0).origin().agent();
      String basis =
          model.covers(agent)
              ? "agent " + agent + " (its other models)"
              : "all training runs (agent "
                  + agent
                  + " unseen: out of domain, so its labels"
                  + " would follow the trace, not these bands)";
      Map<String, Object> row = group(set, g, hp, seed, basis);
      double[] gp = select(hp, set, g);
      row.put("bands", bandPrecision(gp, py, bands(model, part)));
      held.add(row);
    }
    m.put("heldOut", held);

    double[] coef = OutcomeModelTrainer.coefficients(shipped);
    List<Object> c = new ArrayList<>();
    for (Feature f : Feature.values()) {
      if (coef[f.ordinal()] != 0) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("feature", f.name());
        row.put("coefficient", coef[f.ordinal()]);
        c.add(row);
      }
    }
    m.put("coefficients", c);
    m.put("prCreatedCoefficient", coef[Feature.PR_CREATED.ordinal()]);
    return m;
  }

  /** One group's AUC of {@code p} (restricted to the group), its baselines and calibration. */
  private static Map<String, Object> group(
      TrainingSet set, String g, double[] p, long seed, String normalisedBy) {
    TrainingSet part = only(set, g);
    int[] y = labels(part);
    double[] gp = select(p, set, g);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("group", g);
    row.put("runs", y.length);
    row.put("successes", sum(y));
    if (normalisedBy != null) {
      row.put("normalisedBy", normalisedBy);
    }
    row.put("model", interval(gp, y, seed));
    for (int b = 0; b < BASELINES.length; b++) {
      double[] s = new double[y.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = -part.examples().get(i).features()[BASELINES[b].ordinal()];
      }
      row.put(BASELINE_NAMES[b], interval(s, y, seed));
    }
    row.put("brier", Metrics.brier(gp, y));
    row.put("ece", Metrics.ece(gp, y, BINS));
    return row;
  }

  /** The {successAt, failureAt} bands {@code model} labels each run of {@code set} by. */
  private static double[][] bands(OutcomeModel model, TrainingSet set) {
    double[][] b = new double[set.size()][];
    for (int i = 0; i < b.length; i++) {
      TrainingSet.Origin o = set.examples().get(i).origin();
      b[i] = OutcomeModelTrainer.bands(model, o.agent(), o.model());
    }
    return b;
  }

  /**
   * The precision of the labels that each run's bands {@code {successAt, failureAt}} give it; the
   * thresholds reported are those of the first run (all runs of one group share theirs).
   */
  static Map<String, Object> bandPrecision(double[] p, int[] y, double[][] bands) {
    int sN = 0;
    int sOk = 0;
    int fN = 0;
    int fOk = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] >= bands[i][0]) {
        sN++;
        sOk += y[i];
      } else if (p[i] <= bands[i][1]) {
        fN++;
        fOk += 1 - y[i];
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("successAt", bands.length == 0 ? Double.NaN : bands[0][0]);
    m.put("successRuns", sN);
    m.put("successPrecision", sN == 0 ? Double.NaN : (double) sOk / sN);
    m.put("failureAt", bands.length == 0 ? Double.NaN : bands[0][1]);
    m.put("failureRuns", fN);
    m.put("failurePrecision", fN == 0 ? Double.NaN : (double) fOk / fN);
    m.put("unknownRuns", p.length - sN - fN);
    return m;
  }

  private static Map<String, Object> interval(double[] score, int[] y, long seed) {
    double[] ci = Metrics.bootstrapAuc(score, y, RESAMPLES, seed);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("auc", Metrics.auc(score, y));
    m.put("lo", ci[0]);
    m.put("hi", ci[1]);
    return m;
  }

  private static List<Object> features(Spec spec) {
    List<Object> out = new ArrayList<>();
    spec.grouped().forEach(f -> out.add(f.name() + " (z within agent/model)"));
    spec.global().forEach(f -> out.add(f.name()));
    return out;
  }

  private static List<String> groups(TrainingSet set) {
    Set<String> g = new LinkedHashSet<>();
    set.examples().forEach(e -> g.add(e.origin().group()));
    return new ArrayList<>(g);
  }

  private static TrainingSet only(TrainingSet set, String group) {
    return new TrainingSet(
        set.examples().stream().filter(e -> e.origin().group().equals(group)).toList());
  }

  private static TrainingSet without(TrainingSet set, String group) {
    return new TrainingSet(
        set.examples().stream().filter(e -> !e.origin().group().equals(group)).toList());
  }

  private static double[] select(double[] p, TrainingSet set, String group) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      if (set.examples().get(i).origin().group().equals(group)) {
        out.add(p[i]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static int[] labels(TrainingSet s) {
    int[] y = new int[s.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = s.examples().get(i).success() ? 1 : 0;
    }
    return y;
  }

  private static int sum(int[] y) {
    int n = 0;
    for (int v : y) {
      n += v;
    }
    return n;
  }
}
