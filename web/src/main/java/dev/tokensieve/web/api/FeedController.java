package dev.tokensieve.web.api;

import dev.tokensieve.web.feed.FeedHub;
import dev.tokensieve.web.store.FeedItem;
import dev.tokensieve.web.store.FeedQuery;
import dev.tokensieve.web.store.SessionStore;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The IDE feed: {@code GET /api/v1/feed?user=&repo=&since=&before=&limit=}, newest first, and
 * {@code GET /api/v1/feed/stream} (server-sent events, same filters) pushing items as they are
 * stored.
 *
 * <p>Cursors are the items' ids (feed sequence numbers): poll with {@code since=<cursor>} to get
 * only newer items; page back with {@code before=<next>}.
 */
public final class FeedController {
  private final SessionStore store;
  private final FeedHub hub;

  /** A controller over {@code store}, streaming through {@code hub}. */
  public FeedController(SessionStore store, FeedHub hub) {
    this.store = store;
    this.hub = hub;
  }

  private static FeedQuery query(Context ctx, int limit) {
    return new FeedQuery(
        Params.text(ctx, "user"),
        Params.text(ctx, "repo"),
        ctx.queryParamAsClass("since", Long.class).allowNullable().get(),
        ctx.queryParamAsClass("before", Long.class).allowNullable().get(),
        limit);
  }

  /** An item as the feed's JSON and events show it. */
  public static Object view(FeedItem item) {
    return Views.Item.of(item);
  }

  /** A page of the feed. */
  public void list(Context ctx) {
    FeedQuery q = query(ctx, Params.limit(ctx, 50));
    List<FeedItem> items = store.feed(q);
    List<Views.Item> views = new ArrayList<>();
    for (FeedItem i : items) {
      views.add(Views.Item.of(i));
    }
    String cursor =
        items.isEmpty()
            ? (q.since() == null ? "0" : Long.toString(q.since()))
            : Long.toString(items.get(0).seq());
    @Nullable String next =
        items.size() == q.limit() ? Long.toString(items.get(items.size() - 1).seq()) : null;
    ctx.json(new Views.Feed(views, cursor, next));
  }

  /** Streams the feed; with {@code since}, first replays what the client missed. */
  public void stream(SseClient client) {
    FeedQuery q = query(client.ctx(), 0);
    if (q.since() != null) {
      List<FeedItem> missed = new ArrayList<>(store.feed(q));
      Collections.reverse(missed);
      for (FeedItem i : missed) {
        client.sendEvent("item", Views.Item.of(i), Long.toString(i.seq()));
      }
    }
    hub.join(client, new FeedQuery(q.user(), q.repo(), null, null, 0));
  }
}
