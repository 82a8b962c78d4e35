package dev.tokensieve.web.api;

import dev.tokensieve.web.auth.Guard;
import dev.tokensieve.web.store.GroupStats;
import dev.tokensieve.web.store.SessionStore;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code GET /api/v1/compare?by=team|user|repo|model|agent|outcome&from=&to=}. */
public final class CompareController {
  private static final List<String> DIMS =
      List.of("team", "user", "repo", "model", "agent", "outcome");

  private final SessionStore store;

  /** A controller over {@code store}. */
  public CompareController(SessionStore store) {
    this.store = store;
  }

  /** The sums of each group, dearest first. */
  public void show(Context ctx) {
    String by =
        ctx.queryParamAsClass("by", String.class)
            .check(DIMS::contains, "by must be one of " + DIMS)
            .getOrDefault("team");
    @Nullable Instant from = Params.time(ctx, "from");
    @Nullable Instant to = Params.time(ctx, "to");
    List<Views.Group> groups = new ArrayList<>();
    for (GroupStats g : store.compare(by, from, to, Guard.principal(ctx).visibility())) {
      groups.add(Views.Group.of(g));
    }
    ctx.json(
        new Views.Compare(
            by, from == null ? null : from.toString(), to == null ? null : to.toString(), groups));
  }
}
