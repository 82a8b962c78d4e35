package dev.tokensieve.web.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of the IDE feed: a session's summary or one of its findings.
 *
 * @param seq the item's place in the feed; larger is newer, and it is the polling cursor
 * @param at when the item was stored
 * @param sessionId the session
 * @param kind {@code session}, or the finding's kind ({@code RETRY_LOOP}...)
 * @param summary the line to show
 * @param costMicros the dollars behind it
 * @param label the spend label it stands for
 * @param user the session's user, if known
 * @param repo the session's repository, if known
 * @param team the session's team, if known
 * @param model the session's main model, if it made requests
 * @param owner who uploaded the session, if an uploader did
 */
public record FeedItem(
    long seq,
    Instant at,
    String sessionId,
    String kind,
    String summary,
    long costMicros,
    String label,
    @Nullable String user,
    @Nullable String repo,
    @Nullable String team,
    @Nullable String model,
    @Nullable String owner) {
  /** Requires every field. */
  public FeedItem {
    requireNonNull(at, "at");
    requireNonNull(sessionId, "sessionId");
    requireNonNull(kind, "kind");
    requireNonNull(summary, "summary");
    requireNonNull(label, "label");
  }
}
