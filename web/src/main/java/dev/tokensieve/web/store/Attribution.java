package dev.tokensieve.web.store;

import org.jspecify.annotations.Nullable;

/**
 * Who a set of uploaded sessions belongs to, as the uploader states it; each non-null field
 * replaces what the trace says.
 *
 * @param team the team
 * @param user the user
 * @param repo the repository
 */
public record Attribution(@Nullable String team, @Nullable String user, @Nullable String repo) {
  /** Nothing stated: the sessions keep what their traces say. */
  public static final Attribution NONE = new Attribution(null, null, null);

  /** Blank values count as absent. */
  public Attribution {
    team = blankToNull(team);
    user = blankToNull(user);
    repo = blankToNull(repo);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
