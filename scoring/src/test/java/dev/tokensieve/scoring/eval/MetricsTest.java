package dev.tokensieve.scoring.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class MetricsTest {
  @Test
  void auc_countsPairsAndHalvesTies() {
    int[] y = {0, 0, 1, 1};
    assertThat(Metrics.auc(new double[] {0.1, 0.2, 0.8, 0.9}, y)).isEqualTo(1.0);
    assertThat(Metrics.auc(new double[] {0.9, 0.8, 0.2, 0.1}, y)).isEqualTo(0.0);
    assertThat(Metrics.auc(new double[] {0.5, 0.5, 0.5, 0.5}, y)).isEqualTo(0.5);
    assertThat(Metrics.auc(new double[] {0.1, 0.6, 0.5, 0.9}, y)).isEqualTo(0.75);
  }

  @Test
  void brierAndAccuracy_onKnownValues() {
    int[] y = {0, 1};
    assertThat(Metrics.brier(new double[] {0.2, 0.6}, y)).isCloseTo(0.1, within(1e-12));
    assertThat(Metrics.accuracy(new double[] {0.2, 0.4}, y)).isEqualTo(0.5);
  }

  @Test
  void ece_isTheRunWeightedGapBetweenPredictionAndRate() {
    // bin [0.2, 0.3): 4 runs at 0.25, 1 success (rate 0.25): gap 0; bin [0.9, 1): 2 runs at 0.9,
    // 1 success: gap 0.4, weight 2/6
    double[] p = {0.25, 0.25, 0.25, 0.25, 0.9, 0.9};
    int[] y = {1, 0, 0, 0, 1, 0};

    assertThat(Metrics.ece(p, y, 10))
        .isCloseTo(0.4 * 2 / 6, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void bootstrapAuc_bracketsTheAuc_andNarrowsWithMoreRuns() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    double[] small = new double[40];
    int[] ys = new int[40];
    double[] large = new double[4000];
    int[] yl = new int[4000];
    for (int i = 0; i < large.length; i++) {
      int y = i % 2;
      double s = y + r.nextGaussian();
      large[i] = s;
      yl[i] = y;
      if (i < small.length) {
        small[i] = s;
        ys[i] = y;
      }
    }

    double[] cs = Metrics.bootstrapAuc(small, ys, 500, 42);
    double[] cl = Metrics.bootstrapAuc(large, yl, 500, 42);

    assertThat(cs[0]).isLessThan(Metrics.auc(small, ys));
    assertThat(cs[1]).isGreaterThan(Metrics.auc(small, ys));
    assertThat(cl[1] - cl[0]).isLessThan((cs[1] - cs[0]) / 4);
    assertThat(Metrics.bootstrapAuc(small, ys, 500, 42)).isEqualTo(cs); // seeded
  }
}
