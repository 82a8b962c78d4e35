package dev.tokensieve.core.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import org.jspecify.annotations.Nullable;

/**
 * Parses and writes timestamps exactly as {@link Instant#parse} and {@link Instant#toString} do,
 * quickly in the common case: trace lines' timestamps (the parsers) and the instants the model
 * writes back itself ({@link Session#replayed}).
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

  /** 9999-12-31T23:59:59Z, the last instant {@link #text} writes by hand. */
  private static final long LAST = 253_402_300_799L;

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

  /**
   * {@link Instant#toString} of {@code at}, written by hand for years 1970 to 9999 (seconds always,
   * then the fraction in groups of three digits, as many as the nanoseconds need); other instants
   * go to {@code toString}, the reference (InstantsTextTest checks the two agree). {@code toString}
   * goes through {@code DateTimeFormatter.ISO_INSTANT}'s general machinery: a tenth of writing a
   * session's JSON, and some 30 methods of {@code java.time} for the client JIT to compile in every
   * run that formats an instant in a finding's evidence or an attribute.
   */
  public static String text(Instant at) {
    long seconds = at.getEpochSecond();
    if (seconds < 0 || seconds > LAST) {
      return at.toString();
    }
    int nanos = at.getNano();
    long days = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    LocalDate date = LocalDate.ofEpochDay(days);
    int digits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    char[] out = new char[20 + (digits == 0 ? 0 : 1 + digits)];
    put(out, 0, date.getYear(), 4);
    out[4] = '-';
    put(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    put(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    put(out, 11, secondOfDay / 3_600, 2);
    out[13] = ':';
    put(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    put(out, 17, secondOfDay % 60, 2);
    if (digits > 0) {
      out[19] = '.';
      put(out, 20, nanos / (digits == 3 ? 1_000_000 : digits == 6 ? 1_000 : 1), digits);
    }
    out[out.length - 1] = 'Z';
    return new String(out);
  }

  /** Writes {@code value} as {@code width} zero-padded digits at {@code at}. */
  private static void put(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
