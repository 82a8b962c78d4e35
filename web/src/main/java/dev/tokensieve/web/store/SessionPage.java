package dev.tokensieve.web.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a session search.
 *
 * @param sessions the sessions' summary JSON, in order
 * @param total how many sessions match in all
 * @param next the cursor of the next page, or null on the last page
 */
public record SessionPage(List<String> sessions, long total, @Nullable String next) {
  /** Copies the list. */
  public SessionPage {
    sessions = List.copyOf(sessions);
  }
}
