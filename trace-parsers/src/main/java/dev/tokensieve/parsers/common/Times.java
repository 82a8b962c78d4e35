package dev.tokensieve.parsers.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Timestamps in the shapes traces write them, read leniently. */
public final class Times {
  private Times() {}

  /**
   * Reads an ISO instant ({@code 2026-02-23T11:40:29.275Z}), an ISO time with an offset, an ISO
   * local time (read as UTC, as OpenHands writes it), or epoch seconds, milliseconds or nanoseconds
   * (by magnitude); {@code null} when {@code n} is none of these.
   */
  public static @Nullable Instant parse(Node n) {
    if (n.isNumber() || (n.isText() && n.text("").matches("\\d{9,20}(\\.\\d+)?"))) {
      Double d = n.asDouble();
      return d == null ? null : epoch(d);
    }
    String s = n.text();
    return s == null ? null : parse(s);
  }

  /** Reads an ISO timestamp with or without zone; {@code null} if it is not one. */
  public static @Nullable Instant parse(String s) {
    String t = s.trim();
    if (t.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      // try the other shapes
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // try the other shapes
    }
    try {
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Epoch seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude. */
  public static Instant epoch(double v) {
    double abs = Math.abs(v);
    if (abs < 1e11) {
      long s = (long) Math.floor(v);
      return Instant.ofEpochSecond(s, Math.round((v - s) * 1e9));
    }
    if (abs < 1e14) {
      return Instant.ofEpochMilli(Math.round(v));
    }
    if (abs < 1e17) {
      return Instant.ofEpochSecond(0, Math.round(v * 1e3));
    }
    return Instant.ofEpochSecond(0, (long) v);
  }

  /** Nanoseconds since the epoch given as a decimal string (OTLP/JSON), {@code null} if not. */
  public static @Nullable Instant nanos(Node n) {
    Long v = n.asLong();
    if (v == null || v <= 0) {
      return null;
    }
    return Instant.ofEpochSecond(v / 1_000_000_000L, v % 1_000_000_000L);
  }

  /**
   * When {@code file} was last modified: the time of traces that record none (SWE-agent writes its
   * trajectory when the run ends); the epoch if even that is unknown.
   */
  public static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }
}
