package dev.tokensieve.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class InstantsTextTest {
  @Test
  void text_equalsInstantToString_onEdgeAndRandomInstants() {
    long[] seconds = {0, 1, 59, 60, 86_399, 86_400, 951_782_400, 1_788_253_414, 253_402_300_799L};
    int[] nanos = {0, 1, 999, 1_000, 500_000, 1_000_000, 635_000_000, 999_999_999, 100_000};
    for (long s : seconds) {
      for (int n : nanos) {
        Instant at = Instant.ofEpochSecond(s, n);
        assertThat(Instants.text(at)).isEqualTo(at.toString());
      }
    }
    for (Instant at :
        new Instant[] {Instant.MIN, Instant.MAX, Instant.ofEpochSecond(-1), Instant.EPOCH}) {
      assertThat(Instants.text(at)).isEqualTo(at.toString());
    }
    assertThat(Instants.text(Instant.parse("2026-09-01T09:04:49.635Z")))
        .isEqualTo("2026-09-01T09:04:49.635Z");
    long seed = 0x5EED_0005L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 100_000; i++) {
      Instant at =
          Instant.ofEpochSecond(
              random.nextLong(-100_000_000_000L, 300_000_000_000L),
              switch (i % 3) {
                case 0 -> random.nextInt(1000) * 1_000_000;
                case 1 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
              });
      assertThat(Instants.text(at)).as("seed=%d i=%d", seed, i).isEqualTo(at.toString());
    }
  }
}
