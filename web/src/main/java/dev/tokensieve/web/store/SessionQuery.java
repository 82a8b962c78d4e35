package dev.tokensieve.web.store;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A search over stored sessions.
 *
 * @param filters exact values by dimension: {@code team, user, repo, agent, model, outcome, label}
 * @param from sessions started at or after, if given
 * @param to sessions started before, if given
 * @param text free text in Lucene's simple query syntax over commands, findings, project and id
 * @param sort {@code time} (newest first) or {@code cost} (dearest first)
 * @param limit page size
 * @param cursor where the previous page ended ({@link SessionPage#next()}), if paging
 */
public record SessionQuery(
    Map<String, String> filters,
    @Nullable Instant from,
    @Nullable Instant to,
    @Nullable String text,
    Sort sort,
    int limit,
    @Nullable String cursor) {

  /** The orders a session list can have. */
  public enum Sort {
    /** Newest first. */
    TIME,
    /** Dearest first. */
    COST
  }

  /** Copies the filters. */
  public SessionQuery {
    filters = Map.copyOf(filters);
  }

  /** Every session, newest first, {@code limit} at a time. */
  public static SessionQuery all(int limit) {
    return new SessionQuery(Map.of(), null, null, null, Sort.TIME, limit, null);
  }
}
