package dev.tokensieve.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tokensieve.core.report.PSuccessBasis;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class OutcomeModelTrainerTest {
  private static final TrainingSet.Origin A =
      new TrainingSet.Origin("swe-agent", "cheap", "o/r", "c0ffee", "runs/a");
  private static final TrainingSet.Origin B =
      new TrainingSet.Origin("swe-agent", "dear", "o/r", "c0ffee", "runs/b");

  /**
   * Two models of one agent; model "dear" costs ten times as much per run. Within each model the
   * cheaper runs succeed more often, so only cost z-scored within the model separates them.
   */
  private static TrainingSet twoModels() {
    SplittableRandom r = new SplittableRandom(7);
    List<TrainingSet.Example> out = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      TrainingSet.Origin o = i % 2 == 0 ? A : B;
      double[] x = new double[Feature.COUNT];
      double z = r.nextGaussian();
      x[Feature.COST_USD.ordinal()] = (o == A ? 0.1 : 1.0) * Math.exp(0.3 * z);
      boolean ok = r.nextDouble() < 1 / (1 + Math.exp(2 * z));
      out.add(new TrainingSet.Example(o.run(), "task-" + i / 2, ok, x, o));
    }
    return new TrainingSet(out);
  }

  private static final OutcomeModelTrainer.Spec COST =
      new OutcomeModelTrainer.Spec(List.of(Feature.COST_USD), List.of());

  @Test
  void groupScaledCost_ranksWithinEachModel_andLowerCostMeansSuccess() {
    LogisticOutcomeModel m = OutcomeModelTrainer.fit(twoModels(), COST, 42, "t");

    assertThat(m.coefficients()[Feature.COST_USD.ordinal()]).isNegative();
    double[] cheapRunOfDear = new double[Feature.COUNT];
    cheapRunOfDear[Feature.COST_USD.ordinal()] = 0.5; // cheap for "dear", dear for "cheap"
    assertThat(m.pSuccess(cheapRunOfDear, "swe-agent", "dear"))
        .isGreaterThan(m.pSuccess(cheapRunOfDear, "swe-agent", "cheap"));
  }

  @Test
  void unseenModel_fallsBackToItsAgent_unseenAgentToAllRuns_andIsOutOfDomain() {
    LogisticOutcomeModel m = OutcomeModelTrainer.fit(twoModels(), COST, 42, "t");

    assertThat(m.statsFor("swe-agent", "dear").n()).isEqualTo(200);
    assertThat(m.statsFor("swe-agent", "never-seen").n()).isEqualTo(400);
    assertThat(m.statsFor("claude-code", "opus")).isNull();
    double[] x = new double[Feature.COUNT];
    assertThat(m.estimate(x, "swe-agent", "never-seen").basis()).isEqualTo(PSuccessBasis.MODEL);
    assertThat(m.estimate(x, "claude-code", "opus").basis()).isEqualTo(PSuccessBasis.OUT_OF_DOMAIN);
  }

  @Test
  void unusedFeatures_haveNoWeight_soPrCreatedCannotPushPSuccessDown() {
    LogisticOutcomeModel m = OutcomeModelTrainer.fit(twoModels(), COST, 42, "t");
    double[] x = new double[Feature.COUNT];
    x[Feature.COST_USD.ordinal()] = 0.2;
    double[] withPr = x.clone();
    withPr[Feature.PR_CREATED.ordinal()] = 1;

    assertThat(m.pSuccess(withPr, "swe-agent", "cheap"))
        .isEqualTo(m.pSuccess(x, "swe-agent", "cheap"));
  }

  @Test
  void platt_onLogitsTwiceTooSharp_halvesThem() {
    // labels drawn from sigmoid(z); the model reports 2z: Platt's a must come out near 1/2
    SplittableRandom r = new SplittableRandom(3);
    int n = 20_000;
    double[] z = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double t = 3 * r.nextGaussian();
      y[i] = r.nextDouble() < LogisticOutcomeModel.sigmoid(t) ? 1 : 0;
      z[i] = 2 * t;
    }

    double[] ab = OutcomeModelTrainer.platt(z, y);

    assertThat(ab[0]).isCloseTo(0.5, within(0.05));
    assertThat(ab[1]).isCloseTo(0.0, within(0.05));
  }

  @Test
  void bands_areTheWidestReachingThePrecision_withEnoughRuns() {
    // 100 runs at p = i/100: from 0.5 up all succeed but every tenth; below 0.5 all fail
    double[] p = new double[100];
    int[] y = new int[100];
    for (int i = 0; i < 100; i++) {
      p[i] = i / 100.0;
      y[i] = i >= 50 && i % 10 != 0 ? 1 : 0;
    }

    LogisticOutcomeModel.Bands b = OutcomeModelTrainer.bands(p, y);

    // p >= 0.48 holds 52 runs, 45 successes (86.5%); p >= 0.47 adds a failure: 45/53 = 84.9%
    assertThat(b.successAt()).isEqualTo(0.48);
    assertThat(b.successRuns()).isEqualTo(52);
    assertThat(b.successPrecision()).isCloseTo(45 / 52.0, within(1e-12));
    // everything below 0.5 fails: the failure band reaches up to the highest p still >= 85%
    assertThat(b.failureAt()).isLessThan(b.successAt());
    assertThat(b.failurePrecision()).isGreaterThanOrEqualTo(OutcomeModelTrainer.BAND_PRECISION);
    assertThat(b.failureRuns()).isGreaterThanOrEqualTo(OutcomeModelTrainer.BAND_MIN_RUNS);
  }

  @Test
  void bands_thatNoThresholdReaches_areLeftOut() {
    double[] p = new double[40];
    int[] y = new int[40];
    for (int i = 0; i < 40; i++) {
      p[i] = i / 40.0;
      y[i] = i % 2;
    }

    LogisticOutcomeModel.Bands b = OutcomeModelTrainer.bands(p, y);

    assertThat(b.successAt()).isInfinite().isPositive();
    assertThat(b.failureAt()).isInfinite().isNegative();
  }

  @Test
  void taskFolds_putEveryRunOfATaskInOneFold() {
    TrainingSet set = twoModels();
    int[] fold = OutcomeModelTrainer.taskFolds(set, 42);

    for (int i = 0; i < set.size(); i += 2) {
      assertThat(set.examples().get(i).id()).isEqualTo(set.examples().get(i + 1).id());
      assertThat(fold[i]).isEqualTo(fold[i + 1]);
    }
  }

  @Test
  void read_malformedGroupLine_namesTheLine() {
    String text =
        "intercept\t0\nterm\tCOST_USD\tgroup\t-1\t0.5\t0.2\ngroup\tswe-agent/x\t10\t0.1\t0.4\n";

    assertThatThrownBy(() -> LogisticOutcomeModel.read(new StringReader(text), "m.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("m.txt:3: expected 6 fields, was 5");
  }

  @Test
  void bands_areTheGroupsOwn_andAnUnseenModelGetsNone() {
    String text =
        String.join(
                "\n",
                "intercept\t0",
                "success\t0.7\t0.86\t200\tx",
                "failure\t0.3\t0.9\t300",
                "bands\tswe-agent/gpt-4o\tInfinity\tNaN\t0\t0.6\t0.93\t89",
                "bands\tswe-agent/*\tInfinity\tNaN\t0\t0.5\t0.9\t300",
                "")
            .replace("\tx", "");
    LogisticOutcomeModel m = LogisticOutcomeModel.read(new StringReader(text), "m.txt");
    double[] x = new double[Feature.COUNT];

    assertThat(m.estimate(x, "swe-agent", "gpt-4o").failureAt()).isEqualTo(0.6);
    assertThat(m.estimate(x, "swe-agent", "gpt-4o").successAt()).isInfinite();
    // pooled bands would lend the training runs' base rate to a model they never saw
    assertThat(m.estimate(x, "swe-agent", "new-model").failureAt())
        .isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(m.estimate(x, "swe-agent", "new-model").successAt()).isInfinite();
    assertThat(m.estimate(x, "mini-swe-agent", "gemini").successAt()).isInfinite();
    assertThat(LogisticOutcomeModel.read(new StringReader(m.write()), "again").write())
        .isEqualTo(m.write());
  }

  @Test
  void fit_validatesBandsPerGroup() {
    LogisticOutcomeModel m = OutcomeModelTrainer.fit(twoModels(), COST, 42, "t");

    assertThat(m.groupKeys())
        .containsExactlyInAnyOrder("swe-agent/cheap", "swe-agent/dear", "swe-agent/*");
    assertThat(m.write()).contains("bands\tswe-agent/cheap\t").contains("bands\tswe-agent/dear\t");
  }
}
