package dev.tokensieve.cli.output;

import java.util.Locale;

/** How the table and HTML print numbers: grouped tokens, dollars, shares. */
public final class Numbers {
  private Numbers() {}

  /** {@code 1,234,567}. */
  public static String tokens(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 1.2M}, {@code 35.4k}, {@code 812}: for narrow columns. */
  public static String compact(long n) {
    if (n >= 10_000_000_000L) {
      return String.format(Locale.ROOT, "%.0fG", n / 1e9);
    }
    if (n >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1fG", n / 1e9);
    }
    if (n >= 10_000_000L) {
      return String.format(Locale.ROOT, "%.0fM", n / 1e6);
    }
    if (n >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
    if (n >= 10_000L) {
      return String.format(Locale.ROOT, "%.0fk", n / 1e3);
    }
    if (n >= 1_000L) {
      return String.format(Locale.ROOT, "%.1fk", n / 1e3);
    }
    return Long.toString(n);
  }

  /** {@code $1,234.57}; amounts under a cent keep four decimals so they are not shown as $0. */
  public static String usd(double usd) {
    if (usd != 0 && Math.abs(usd) < 0.01) {
      return String.format(Locale.ROOT, "$%.4f", usd);
    }
    return String.format(Locale.ROOT, "$%,.2f", usd);
  }

  /** {@code 41%} of {@code part / whole}; {@code -} when the whole is zero. */
  public static String share(double part, double whole) {
    if (whole <= 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.0f%%", 100 * part / whole);
  }

  /** {@code 2.5 MB}. */
  public static String bytes(long n) {
    if (n >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
    }
    if (n >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MB", n / (double) (1L << 20));
    }
    if (n >= 1L << 10) {
      return String.format(Locale.ROOT, "%.1f kB", n / (double) (1L << 10));
    }
    return n + " B";
  }
}
