package dev.tokensieve.core;

import java.util.Locale;

/** Argument checks whose messages name the argument, the allowed range and the actual value. */
public final class Checks {
  private Checks() {}

  /**
   * Returns {@code value} if it lies in {@code [min, max]}.
   *
   * @throws IllegalArgumentException naming {@code name}, the range and the value otherwise
   */
  public static int inRange(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s must be in [%d, %d], was %d", name, min, max, value));
    }
    return value;
  }

  /** Returns {@code value} if it lies in {@code [min, max]}; otherwise throws with the value. */
  public static long inRange(long value, long min, long max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s must be in [%d, %d], was %d", name, min, max, value));
    }
    return value;
  }

  /** Returns {@code value} if it is zero or more; otherwise throws naming the value. */
  public static long nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s must be >= 0, was %d", name, value));
    }
    return value;
  }

  /** Returns {@code value} if it is a finite number of zero or more; otherwise throws. */
  public static double nonNegative(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s must be a finite number >= 0, was %s", name, value));
    }
    return value;
  }
}
