package dev.tokensieve.web.api;

import dev.tokensieve.web.auth.Guard;
import dev.tokensieve.web.feed.FeedHub;
import dev.tokensieve.web.store.FeedItem;
import dev.tokensieve.web.store.FeedQuery;
import dev.tokensieve.web.store.SessionStore;
import dev.tokensieve.web.store.Visibility;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    List<FeedItem> items = store.feed(q, Guard.principal(ctx).visibility());
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

  /**
   * Streams the feed as server-sent events, whatever the {@code Accept} header (unless it refuses
   * {@code text/event-stream}: 406). A {@code ready} event with the cursor comes first, at once;
   * with {@code since}, the items the client missed follow; then new items as they are stored, and
   * a comment every 15 s.
   */
  public void stream(Context ctx) {
    String accept = ctx.header("Accept");
    if (accept != null
        && !accept.isBlank()
        && !accept.contains("text/event-stream")
        && !accept.contains("*/*")
        && !accept.contains("text/*")) {
      throw new HttpResponseException(
          406, "the feed stream is text/event-stream; GET /api/v1/feed is its JSON form");
    }
    FeedQuery q = query(ctx, 0);
    Visibility vis = Guard.principal(ctx).visibility();
    // as Javalin's SseHandler does, which answers nothing unless Accept is exactly the type
    ctx.res().setStatus(200);
    ctx.res().setCharacterEncoding("UTF-8");
    ctx.res().setContentType("text/event-stream");
    ctx.res().addHeader("Cache-Control", "no-cache");
    ctx.res().addHeader("X-Accel-Buffering", "no");
    try {
      ctx.res().flushBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException("the feed client went away", e);
    }
    ctx.async(
        config -> config.timeout = 0,
        () -> {
          SseClient client = new SseClient(ctx);
          List<FeedItem> missed =
              q.since() == null ? List.of() : new ArrayList<>(store.feed(q, vis));
          String cursor =
              missed.isEmpty()
                  ? (q.since() == null ? Long.toString(store.feedCursor()) : q.since().toString())
                  : Long.toString(missed.get(0).seq());
          client.sendEvent("ready", new Views.Ready(cursor), cursor);
          List<FeedItem> oldestFirst = new ArrayList<>(missed);
          Collections.reverse(oldestFirst);
          for (FeedItem i : oldestFirst) {
            client.sendEvent("item", Views.Item.of(i), Long.toString(i.seq()));
          }
          hub.join(client, new FeedQuery(q.user(), q.repo(), null, null, 0), vis);
        });
  }
}
