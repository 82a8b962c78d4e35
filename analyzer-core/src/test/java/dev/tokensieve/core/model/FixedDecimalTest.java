package dev.tokensieve.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class FixedDecimalTest {
  @Test
  void format_writesFixedDecimals_roundingHalfToEven_neverMinusZero() {
    assertThat(FixedDecimal.format(0.239414, 6)).isEqualTo("0.239414");
    assertThat(FixedDecimal.format(1519.2, 4)).isEqualTo("1519.2000");
    assertThat(FixedDecimal.format(0.0, 6)).isEqualTo("0.000000");
    assertThat(FixedDecimal.format(-0.0, 6)).isEqualTo("0.000000");
    assertThat(FixedDecimal.format(-1e-9, 6)).isEqualTo("0.000000");
    assertThat(FixedDecimal.format(-12.3456789, 6)).isEqualTo("-12.345679");
    assertThat(FixedDecimal.format(0.0000005, 6)).isEqualTo("0.000000");
    assertThat(FixedDecimal.format(0.0000015, 6)).isEqualTo("0.000002");
    assertThat(FixedDecimal.format(1e20, 4)).isEqualTo("100000000000000000000.0000");
  }

  @Test
  void format_equalsTheBigDecimalReference_onEdgeAndRandomValues() {
    double[] edges = {
      0.0,
      -0.0,
      Double.MIN_VALUE,
      -Double.MIN_VALUE,
      Double.MIN_NORMAL,
      Double.MAX_VALUE,
      -Double.MAX_VALUE,
      0.5,
      1.5,
      2.5,
      -0.5,
      5e-7,
      1.5e-6,
      2.5e-6,
      0.12345650,
      0.12345750,
      0.00004999,
      0.00005,
      0.00015,
      999999.9999995,
      1e15,
      1e16,
      4.5e15,
      123456789.123456789,
      Math.nextUp(0.0000005),
      Math.nextDown(0.0000005),
      Math.nextUp(0.00005),
      Math.nextDown(0.00005)
    };
    for (double v : edges) {
      for (int decimals : new int[] {0, 4, 6, 9}) {
        assertThat(FixedDecimal.format(v, decimals))
            .as("v=%s decimals=%d", v, decimals)
            .isEqualTo(FixedDecimal.reference(v, decimals));
        assertThat(FixedDecimal.format(-v, decimals))
            .as("v=%s decimals=%d", -v, decimals)
            .isEqualTo(FixedDecimal.reference(-v, decimals));
      }
    }
    long seed = 0x5EED_0006L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 50_000; i++) {
      double v =
          switch (i % 4) {
            case 0 -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 16)); // any scale
            case 1 -> random.nextLong(-100_000_000L, 100_000_000L) / 1e7; // decimal halves
            case 2 -> random.nextLong(0, 1_000_000_000L) * 1e-9 * random.nextInt(1, 5000); // costs
            default -> Double.longBitsToDouble(random.nextLong()); // any bits
          };
      if (!Double.isFinite(v)) {
        continue;
      }
      int decimals = random.nextBoolean() ? 6 : 4;
      assertThat(FixedDecimal.format(v, decimals))
          .as("seed=%d i=%d v=%s decimals=%d", seed, i, v, decimals)
          .isEqualTo(FixedDecimal.reference(v, decimals));
    }
  }

  @Test
  void fromDigits_equalsBigDecimalHalfEven_andFormatterHalfUp() {
    long seed = 0x5EED_0007L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 60_000; i++) {
      int decimals = random.nextInt(0, 10);
      double v =
          switch (i % 5) {
            case 0 -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 16)); // any scale
            case 1 -> random.nextLong(-100_000_000L, 100_000_000L) / 1e7; // decimal halves
            case 2 -> random.nextLong(0, 1_000_000_000L) * 1e-9 * random.nextInt(1, 5000); // costs
            case 3 -> (2 * random.nextLong(0, 2_000_000L) + 1) * 5 * Math.pow(10, -decimals - 1);
            default -> Double.longBitsToDouble(random.nextLong()); // any bits
          };
      if (!Double.isFinite(v) || Math.abs(v) > 1e30) {
        continue;
      }
      if (random.nextInt(4) == 0) {
        v = random.nextBoolean() ? Math.nextUp(v) : Math.nextDown(v);
      }
      assertThat(FixedDecimal.fromDigits(v, decimals, true))
          .as("seed=%d i=%d v=%s decimals=%d", seed, i, v, decimals)
          .isEqualTo(FixedDecimal.reference(v, decimals));
      double magnitude = Math.abs(v);
      assertThat(FixedDecimal.fromDigits(magnitude, decimals, false))
          .as("seed=%d i=%d v=%s decimals=%d", seed, i, magnitude, decimals)
          .isEqualTo(String.format(java.util.Locale.ROOT, "%." + decimals + "f", magnitude));
    }
    assertThat(FixedDecimal.fromDigits(0.0095, 2, true)).isEqualTo("0.01");
    assertThat(FixedDecimal.fromDigits(0.125, 2, true)).isEqualTo("0.12");
    assertThat(FixedDecimal.fromDigits(0.125, 2, false)).isEqualTo("0.13");
    assertThat(FixedDecimal.fromDigits(-0.0000004, 6, true)).isEqualTo("0.000000");
    assertThat(FixedDecimal.fromDigits(9.9999995, 6, true)).isEqualTo("10.000000");
  }
}
