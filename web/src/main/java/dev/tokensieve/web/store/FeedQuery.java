package dev.tokensieve.web.store;

import org.jspecify.annotations.Nullable;

/**
 * A read of the IDE feed, newest first.
 *
 * @param user only items of this user's sessions, if given
 * @param repo only items of this repository's sessions, if given
 * @param since only items newer than this cursor (polling), if given
 * @param before only items older than this cursor (paging back), if given
 * @param limit the most items
 */
public record FeedQuery(
    @Nullable String user,
    @Nullable String repo,
    @Nullable Long since,
    @Nullable Long before,
    int limit) {

  /** Whether {@code item} is one this query selects by user and repository (not by cursor). */
  public boolean matches(FeedItem item) {
    return (user == null || user.equals(item.user())) && (repo == null || repo.equals(item.repo()));
  }
}
