package dev.tokensieve.web;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.tokensieve.web.api.CompareController;
import dev.tokensieve.web.api.FeedController;
import dev.tokensieve.web.api.HealthController;
import dev.tokensieve.web.api.SessionsController;
import dev.tokensieve.web.auth.Access;
import io.javalin.apibuilder.EndpointGroup;

/**
 * Every route of the API, in one place, each with the {@link Access} it needs; handlers are method
 * references on the controllers.
 */
final class Routes {
  private Routes() {}

  static EndpointGroup api(
      HealthController health,
      SessionsController sessions,
      CompareController compare,
      FeedController feed) {
    return () ->
        path(
            "api/v1",
            () -> {
              get("health", health::show, Access.PUBLIC);
              get("me", health::me, Access.READ);
              path(
                  "sessions",
                  () -> {
                    get(sessions::list, Access.READ);
                    post(sessions::upload, Access.UPLOAD);
                    get("{id}", sessions::show, Access.READ);
                  });
              get("compare", compare::show, Access.READ);
              path(
                  "feed",
                  () -> {
                    get(feed::list, Access.READ);
                    get("stream", feed::stream, Access.READ);
                  });
            });
  }
}
