package dev.tokensieve.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * Writes a finite double with a fixed number of decimals, as the report writes costs (six) and
 * probabilities and fits (four), and findings write dollars ({@code Amounts.usd}).
 *
 * <p>The reference is {@link #reference}: the decimal {@link Double#toString} gives, rounded half
 * to even, never {@code -0}. Through {@code BigDecimal} it was a third of writing a session's JSON
 * (dtoa, a {@code BigDecimal} and its string per number, a dozen numbers per session). {@link
 * #format} scales by a power of ten in {@code double} arithmetic and rounds that instead, which
 * gives the same digits unless the scaled value lies within a few units in the last place of a half
 * (where the decimal and the binary value could round apart): those, and values too large for a
 * {@code long}, go to the reference. FixedDecimalTest checks the two agree. {@link #rounded} is
 * that fast path alone, for callers with another reference: away from a half, every rounding rule
 * gives the same digits.
 */
public final class FixedDecimal {
  private static final long[] POWERS = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
  };

  /** Scaled values below this are exact in a double's integer part and far from overflow. */
  private static final double LIMIT = 1e15;

  private FixedDecimal() {}

  /** {@code v} with {@code decimals} (in [0, 9]) decimals; {@code v} must be finite. */
  public static String format(double v, int decimals) {
    String fast = rounded(v, decimals);
    return fast != null ? fast : reference(v, decimals);
  }

  /**
   * {@code v} with {@code decimals} (in [0, 9]) decimals, rounded in double arithmetic; null where
   * that could differ from rounding the decimal value (within a few ulps of a half, too large for a
   * long, not finite), which the caller's reference must then decide. Never {@code -0}.
   */
  public static @Nullable String rounded(double v, int decimals) {
    double x = v * POWERS[decimals];
    if (!(Math.abs(x) < LIMIT)) {
      return null;
    }
    double floor = Math.floor(x);
    double fraction = x - floor; // exact: x and floor are close doubles
    if (Math.abs(fraction - 0.5) <= 16 * Math.ulp(x)) {
      return null; // near a half: the decimal may round the other way
    }
    long rounded = (long) floor + (fraction > 0.5 ? 1 : 0);
    return text(rounded, decimals);
  }

  /**
   * {@code v} with {@code decimals} (in [0, 9]) decimals, rounded from the decimal digits {@link
   * Double#toString} gives (as {@code BigDecimal.valueOf} and {@code Formatter} round them): half
   * to even or half up; {@code -0} comes out as {@code 0}. For the values {@link #rounded} leaves
   * to a reference (within a few ulps of a half), at the price of one {@code Double.toString}
   * instead of a {@code BigDecimal} or a {@code Formatter}; equal to {@link #reference} (half to
   * even) and to {@code String.format} (half up, for non-negative values), FixedDecimalTest checks.
   */
  public static String fromDigits(double v, int decimals, boolean halfEven) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("v must be finite, was " + v);
    }
    String s = Double.toString(Math.abs(v));
    int e = s.indexOf('E');
    int dot = s.indexOf('.');
    // digits d1 d2 ... with the value 0.d1d2... * 10^point
    StringBuilder digits = new StringBuilder(s.length());
    digits.append(s, 0, dot).append(s, dot + 1, e < 0 ? s.length() : e);
    int point = dot + (e < 0 ? 0 : Integer.parseInt(s.substring(e + 1)));
    int lead = 0;
    while (lead < digits.length() && digits.charAt(lead) == '0') {
      lead++;
    }
    digits.delete(0, lead);
    point -= lead;
    int keep = point + decimals; // the digits left of the rounding position
    char[] kept = new char[Math.max(keep, 0) + 1]; // one more for a carry
    boolean up = false;
    if (keep >= 0 && digits.length() > 0) {
      for (int i = 0; i < keep; i++) {
        kept[i + 1] = i < digits.length() ? digits.charAt(i) : '0';
      }
      int next = keep < digits.length() ? digits.charAt(keep) - '0' : 0;
      boolean rest = false;
      for (int i = keep + 1; i < digits.length() && !rest; i++) {
        rest = digits.charAt(i) != '0';
      }
      boolean odd = keep > 0 && (kept[keep] - '0') % 2 == 1;
      up = next > 5 || (next == 5 && (!halfEven || rest || odd));
    } else {
      for (int i = 1; i < kept.length; i++) {
        kept[i] = '0';
      }
    }
    kept[0] = '0';
    if (up) {
      int i = kept.length - 1;
      while (kept[i] == '9') {
        kept[i--] = '0';
      }
      kept[i]++;
    }
    // kept is the rounded number times 10^decimals, with a leading 0 for the carry
    int units = Math.max(keep, 0) + 1 - decimals; // characters of kept left of the point
    StringBuilder out = new StringBuilder(kept.length + decimals + 3);
    if (units <= 0) {
      out.append('0');
    } else {
      int first = 0;
      while (first < units - 1 && kept[first] == '0') {
        first++;
      }
      out.append(kept, first, units - first);
    }
    if (decimals > 0) {
      out.append('.');
      for (int i = units; i < 0; i++) {
        out.append('0');
      }
      int from = Math.max(units, 0);
      out.append(kept, from, kept.length - from);
    }
    boolean zero = true;
    for (int i = 0; i < out.length() && zero; i++) {
      char ch = out.charAt(i);
      zero = ch == '0' || ch == '.';
    }
    return v < 0 && !zero ? "-" + out : out.toString();
  }

  /** The obvious version {@link #format} must agree with. */
  static String reference(double v, int decimals) {
    BigDecimal d = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN);
    if (d.signum() == 0) {
      d = d.abs(); // never "-0.000000"
    }
    return d.toPlainString();
  }

  /** {@code units / 10^decimals} in plain notation with exactly {@code decimals} decimals. */
  private static String text(long units, int decimals) {
    long magnitude = Math.abs(units);
    long scale = POWERS[decimals];
    String whole = Long.toString(magnitude / scale);
    long part = magnitude % scale;
    char[] out = new char[(units < 0 ? 1 : 0) + whole.length() + (decimals > 0 ? 1 + decimals : 0)];
    int at = 0;
    if (units < 0) {
      out[at++] = '-';
    }
    whole.getChars(0, whole.length(), out, at);
    at += whole.length();
    if (decimals > 0) {
      out[at++] = '.';
      for (int i = out.length - 1; i >= at; i--) {
        out[i] = (char) ('0' + part % 10);
        part /= 10;
      }
    }
    return new String(out);
  }
}
