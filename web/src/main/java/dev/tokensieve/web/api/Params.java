package dev.tokensieve.web.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Query parameters shared by several controllers, read through Javalin's validators. */
public final class Params {
  /** The largest page size. */
  static final int MAX_LIMIT = 500;

  private Params() {}

  /**
   * Parses a time as an ISO instant ({@code 2026-09-01T09:00:00Z}) or a UTC date ({@code
   * 2026-09-01}); registered with Javalin as the converter for {@link Instant}.
   */
  public static Instant instant(String s) {
    try {
      return s.length() == 10
          ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "expected a time like 2026-09-01T09:00:00Z or a date like 2026-09-01, was " + s, e);
    }
  }

  static @Nullable Instant time(Context ctx, String name) {
    return ctx.queryParamAsClass(name, Instant.class).allowNullable().get();
  }

  static int limit(Context ctx, int byDefault) {
    return ctx.queryParamAsClass("limit", Integer.class)
        .check(n -> n >= 1 && n <= MAX_LIMIT, "limit must be in [1, " + MAX_LIMIT + "]")
        .getOrDefault(byDefault);
  }

  static @Nullable String text(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v;
  }
}
