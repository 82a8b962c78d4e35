package dev.tokensieve.core.model;

import java.util.Locale;

/** The verdict on a token of spend (DESIGN.md, "Outcome and spend labels"). */
public enum SpendLabel {
  /** Spend that bought progress in a session whose outcome is not failure. */
  PRODUCTIVE,
  /** Spend that bought progress at an avoidable price (cache re-writes, growth tax, overkill). */
  INEFFICIENT,
  /** Spend that bought nothing (loops, redundant re-sends, error retries, a failed tail). */
  WASTEFUL;

  /** The lower-case name used in JSON and the UI. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the lower- or upper-case name. */
  public static SpendLabel parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
