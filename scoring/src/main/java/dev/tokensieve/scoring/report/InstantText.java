package dev.tokensieve.scoring.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString} of the instants reports carry, quickly. {@code toString} goes through
 * {@code DateTimeFormatter.ISO_INSTANT}'s general machinery, a tenth of writing a session's JSON.
 * This writes the same ISO-8601 text by hand for years 1970 to 9999 (seconds always, then the
 * fraction in groups of three digits, as many as the nanoseconds need) and leaves other instants to
 * {@code toString}, the reference. InstantTextTest checks the two agree.
 */
final class InstantText {
  /** 9999-12-31T23:59:59Z. */
  private static final long LAST = 253_402_300_799L;

  private InstantText() {}

  static String of(Instant at) {
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
