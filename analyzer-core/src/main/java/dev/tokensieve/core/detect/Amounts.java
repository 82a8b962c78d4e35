package dev.tokensieve.core.detect;

import dev.tokensieve.core.model.FixedDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * How findings print amounts, the same in every detector: dollars, token counts, minutes and quoted
 * commands, so that a summary reads alike whichever detector wrote it.
 */
public final class Amounts {
  /** The most characters of a command or path a summary quotes. */
  public static final int QUOTE_LIMIT = 80;

  private Amounts() {}

  /** {@code $1.23}, or four decimals below a cent ({@code $0.0042}) so small sums are not $0.00. */
  public static String usd(double usd) {
    return "$" + fixed(usd, usd < 0.01 && usd > 0 ? 4 : 2);
  }

  /** The simple form of {@link #usd}, kept as its reference. */
  static String usdByFormatter(double usd) {
    return usd < 0.01 && usd > 0
        ? String.format(Locale.ROOT, "$%.4f", usd)
        : String.format(Locale.ROOT, "$%.2f", usd);
  }

  /**
   * {@code v} with {@code decimals} (2 or 4) decimals, as {@code String.format(Locale.ROOT, "%.2f",
   * v)} writes it.
   */
  public static String fixed(double v, int decimals) {
    /*
     * Hot: every finding prints dollars, and Formatter parses its pattern and converts the double
     * to decimal digits each call. Equal to fixedByFormatter (the reference, and AmountsTest checks
     * they agree): Formatter rounds half up the decimal digits Double.toString gives, which lie
     * within one ulp of the binary value, so scaling by 100 (or 10,000) and rounding in double
     * arithmetic (FixedDecimal.rounded) gives the same digits unless the scaled value is within
     * a few ulps of a half. Those are rounded half up from Double.toString's digits, as Formatter
     * rounds them (FixedDecimal.fromDigits); negative (Formatter writes -0.00) and non-finite
     * values go to the reference.
     */
    if (decimals != 2 && decimals != 4) {
      throw new IllegalArgumentException("decimals must be 2 or 4, was " + decimals);
    }
    if (Double.doubleToRawLongBits(v) < 0 || !Double.isFinite(v)) {
      return fixedByFormatter(v, decimals);
    }
    String fast = FixedDecimal.rounded(v, decimals);
    // near a half: round the decimal digits as Formatter does, without parsing a pattern
    return fast != null ? fast : FixedDecimal.fromDigits(v, decimals, false);
  }

  /** The simple form of {@link #fixed}, kept as its reference. */
  static String fixedByFormatter(double v, int decimals) {
    return String.format(Locale.ROOT, decimals == 4 ? "%.4f" : "%.2f", v);
  }

  /** {@code 12,345}. */
  public static String tokens(long tokens) {
    // hot when sessions have many findings: avoid Formatter, group by hand
    String digits = Long.toString(Math.abs(tokens));
    StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3 + 1);
    if (tokens < 0) {
      sb.append('-');
    }
    int head = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    sb.append(digits, 0, head);
    for (int i = head; i < digits.length(); i += 3) {
      sb.append(',').append(digits, i, i + 3);
    }
    return sb.toString();
  }

  /** Whole minutes, {@code 17 min}, rounded down. */
  public static String minutes(Duration d) {
    return d.toMinutes() + " min";
  }

  /** {@code text} on one line in backticks, cut to {@link #QUOTE_LIMIT} characters. */
  public static String quote(String text) {
    /*
     * Hot: detectors quote commands and outputs for every tool call. Equal to quoteByRegex (the
     * reference, and AmountsTest checks they agree) without a regex: after strip() the line
     * neither starts nor ends with whitespace, so each run of \s collapses to one space as it is
     * met, and copying stops once the line is known to be too long.
     */
    String t = text.strip();
    StringBuilder line = new StringBuilder(Math.min(t.length(), QUOTE_LIMIT + 1) + 2);
    line.append('`');
    boolean inSpace = false;
    for (int i = 0; i < t.length() && line.length() <= QUOTE_LIMIT + 1; i++) {
      char ch = t.charAt(i);
      if (isRegexSpace(ch)) {
        if (!inSpace) {
          line.append(' ');
          inSpace = true;
        }
      } else {
        line.append(ch);
        inSpace = false;
      }
    }
    if (line.length() > QUOTE_LIMIT + 1) {
      line.setLength(QUOTE_LIMIT);
      line.append('…');
    }
    return line.append('`').toString();
  }

  /** What {@code \s} matches in a {@link java.util.regex.Pattern} without UNICODE flags. */
  private static boolean isRegexSpace(char ch) {
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
  }

  /** The simple form of {@link #quote}, kept as its reference. */
  static String quoteByRegex(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    if (line.length() > QUOTE_LIMIT) {
      line = line.substring(0, QUOTE_LIMIT - 1) + "…";
    }
    return "`" + line + "`";
  }
}
