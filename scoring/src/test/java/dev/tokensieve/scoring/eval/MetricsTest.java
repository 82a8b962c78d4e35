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
}
