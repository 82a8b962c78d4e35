package dev.tokensieve.core.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.Month;
import java.time.Year;
import org.jspecify.annotations.Nullable;

/**
 * Parses timestamps exactly as {@link Instant#parse} does, quickly in the common case: trace lines'
 * timestamps (the parsers) and the instants the model writes back itself ({@link
 * Session#replayed}).
 *
 * <p>Agents write one shape, {@code 2025-06-01T10:00:00.123Z}, on every line of a transcript, and
 * {@link Instant#toString} writes the same. {@code Instant.parse} goes through {@code
 * DateTimeFormatter}'s general machinery and was 6% of {@code analyze}'s samples on a 500 MB Claude
 * Code corpus (bench/README.md). {@link #fast} reads that shape by hand; whatever it does not fully
 * recognise (offsets, lower-case letters, leap seconds, bad dates) goes to {@code Instant.parse},
 * the reference, which also produces the errors. InstantsTest checks the two agree.
 */
public final class Instants {
  private static final int[] SCALE = {
    0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private Instants() {}

  /**
   * {@link Instant#parse} of {@code text}.
   *
   * @throws DateTimeException as {@code Instant.parse} does
   */
  public static Instant parse(String text) {
    Instant fast = fast(text);
    return fast != null ? fast : Instant.parse(text);
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} read by hand; null for anything else. */
  static @Nullable Instant fast(String s) {
    int n = s.length();
    if (n < 20
        || n > 30
        || s.charAt(n - 1) != 'Z'
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21; // between '.' and 'Z'
      if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      int f = digits(s, 20, fraction);
      if (f < 0) {
        return null;
      }
      nanos = f * SCALE[fraction];
    }
    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The non-negative number in {@code s[from, from + count)}, or -1 if a character is no digit. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
