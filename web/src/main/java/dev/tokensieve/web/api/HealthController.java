package dev.tokensieve.web.api;

import dev.tokensieve.web.auth.Guard;
import dev.tokensieve.web.auth.Principal;
import dev.tokensieve.web.auth.Security;
import dev.tokensieve.web.store.SessionStore;
import io.javalin.http.Context;

/** {@code GET /api/v1/health} (public) and {@code GET /api/v1/me} (who the token is). */
public final class HealthController {
  private final SessionStore store;
  private final Security security;

  /** A controller over {@code store}, guarded as {@code security} says. */
  public HealthController(SessionStore store, Security security) {
    this.store = store;
    this.security = security;
  }

  /**
   * Says the server is up and whether it needs a token; how many sessions it holds only when it
   * runs open (with tokens, the count is no business of an anonymous caller).
   */
  public void show(Context ctx) {
    boolean open = security.tokens() == null || !security.tokens().hasLiveTokens();
    boolean anyone = open && security.allowOpen();
    ctx.json(new Views.Health("ok", anyone ? store.sessionCount() : null, !anyone));
  }

  /** Who the request's token acts as, and what it may do. */
  public void me(Context ctx) {
    Principal p = Guard.principal(ctx);
    ctx.json(
        new Views.Me(
            p.role().json(), p.name(), p.user(), p.teams(), p.canUpload(), p.tokenId() == null));
  }
}
