package dev.tokensieve.datasets;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Formats instants as agents write them: ISO-8601 UTC with exactly three fraction digits ({@code
 * 2026-02-12T15:36:12.270Z}). {@code DateTimeFormatter.ISO_INSTANT} drops a zero fraction, which no
 * agent does, and is slow on the hot path; this caches the text up to the minute.
 */
final class Timestamps {
  private long cachedMinute = Long.MIN_VALUE;
  private String minutePrefix = "";

  String format(Instant at) {
    long millis = at.toEpochMilli();
    long minute = Math.floorDiv(millis, 60_000L);
    if (minute != cachedMinute) {
      LocalDateTime t = LocalDateTime.ofEpochSecond(minute * 60, 0, ZoneOffset.UTC);
      minutePrefix =
          String.format(
              Locale.ROOT,
              "%04d-%02d-%02dT%02d:%02d:",
              t.getYear(),
              t.getMonthValue(),
              t.getDayOfMonth(),
              t.getHour(),
              t.getMinute());
      cachedMinute = minute;
    }
    int rest = (int) Math.floorMod(millis, 60_000L);
    int sec = rest / 1000;
    int ms = rest % 1000;
    char[] c = new char[minutePrefix.length() + 7];
    minutePrefix.getChars(0, minutePrefix.length(), c, 0);
    int i = minutePrefix.length();
    c[i] = (char) ('0' + sec / 10);
    c[i + 1] = (char) ('0' + sec % 10);
    c[i + 2] = '.';
    c[i + 3] = (char) ('0' + ms / 100);
    c[i + 4] = (char) ('0' + ms / 10 % 10);
    c[i + 5] = (char) ('0' + ms % 10);
    c[i + 6] = 'Z';
    return new String(c);
  }
}
