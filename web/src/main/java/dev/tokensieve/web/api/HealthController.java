package dev.tokensieve.web.api;

import dev.tokensieve.web.store.SessionStore;
import io.javalin.http.Context;

/** {@code GET /api/v1/health}. */
public final class HealthController {
  private final SessionStore store;

  /** A controller over {@code store}. */
  public HealthController(SessionStore store) {
    this.store = store;
  }

  /** Says the server is up and how many sessions it holds. */
  public void show(Context ctx) {
    ctx.json(new Views.Health("ok", store.sessionCount()));
  }
}
