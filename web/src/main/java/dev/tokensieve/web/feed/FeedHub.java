package dev.tokensieve.web.feed;

import dev.tokensieve.web.store.FeedItem;
import dev.tokensieve.web.store.FeedQuery;
import dev.tokensieve.web.store.Visibility;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The IDE feed's live listeners: each server-sent-events client with the user and repository it
 * follows. The store calls {@link #publish} after every commit; items go to the clients whose
 * filter they match, oldest first, as events named {@code item} whose id is the item's cursor.
 */
public final class FeedHub {
  private record Listener(SseClient client, FeedQuery filter, Visibility vis) {}

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Function<FeedItem, Object> view;

  /** A hub that sends each item as {@code view} renders it (as JSON). */
  public FeedHub(Function<FeedItem, Object> view) {
    this.view = view;
  }

  /**
   * Keeps {@code client} open and sends it the items {@code filter} selects, of the sessions {@code
   * vis} sees, from now on.
   */
  public void join(SseClient client, FeedQuery filter, Visibility vis) {
    Listener l = new Listener(client, filter, vis);
    listeners.add(l);
    client.onClose(() -> listeners.remove(l));
    client.keepAlive();
  }

  /** Sends {@code items} (oldest first) to every client that follows them. */
  public void publish(List<FeedItem> items) {
    for (Listener l : listeners) {
      if (l.client().terminated()) {
        listeners.remove(l);
        continue;
      }
      for (FeedItem item : items) {
        if (l.filter().matches(item) && l.vis().sees(item.team(), item.owner())) {
          l.client().sendEvent("item", view.apply(item), Long.toString(item.seq()));
        }
      }
    }
  }

  /** Sends a comment to every client, so that dead connections are noticed and dropped. */
  public void heartbeat() {
    for (Listener l : listeners) {
      if (l.client().terminated()) {
        listeners.remove(l);
      } else {
        l.client().sendComment("keep-alive");
      }
    }
  }

  /** How many clients are listening. */
  public int size() {
    return listeners.size();
  }
}
