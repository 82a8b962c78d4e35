package dev.tokensieve.core.detect;

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
    return usd < 0.01 && usd > 0
        ? String.format(Locale.ROOT, "$%.4f", usd)
        : String.format(Locale.ROOT, "$%.2f", usd);
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
    String line = text.strip().replaceAll("\\s+", " ");
    if (line.length() > QUOTE_LIMIT) {
      line = line.substring(0, QUOTE_LIMIT - 1) + "…";
    }
    return "`" + line + "`";
  }
}
