package dev.tokensieve.core.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants the model writes itself ({@link Instant#toString}), such as a resumed
 * session's replayed request time, which {@link Session#replayed} reads back for every session.
 */
final class Instants {
  private static final long SECONDS_PER_DAY = 86_400;

  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private Instants() {}

  /**
   * {@code text} as {@link Instant#parse} reads it, throwing a {@code RuntimeException} where it
   * throws.
   *
   * <p>Hot: Instant.parse runs the general ISO formatter (a parse context, field resolution) and
   * was most of the cache-miss detector's time on resumed sessions. Equal to Instant.parse (the
   * reference, and InstantsTest checks they agree): the shape Instant.toString writes, {@code
   * yyyy-MM-ddTHH:mm:ss[.fraction]Z} with a four-digit year, is read digit by digit, LocalDate
   * checking the date as the formatter would; any other text (a leap second, an offset, a long
   * year) goes to Instant.parse.
   */
  static Instant parse(String text) {
    int n = text.length();
    if (n < 20
        || n == 21
        || n > 30
        || text.charAt(n - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || (n > 20 && text.charAt(19) != '.')) {
      return Instant.parse(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nanos = 0;
    if (n > 20) {
      int fraction = digits(text, 20, n - 1);
      nanos = fraction < 0 ? -1 : fraction * POWERS[9 - (n - 21)];
    }
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || nanos < 0) {
      return Instant.parse(text);
    }
    long days = LocalDate.of(year, month, day).toEpochDay(); // throws on a bad date, as parse
    return Instant.ofEpochSecond(
        days * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The ASCII digits {@code text[from, to)} as a number; -1 if one is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char ch = text.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      value = value * 10 + (ch - '0');
    }
    return value;
  }
}
