package dev.tokensieve.web;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.sse;

import dev.tokensieve.web.api.CompareController;
import dev.tokensieve.web.api.FeedController;
import dev.tokensieve.web.api.HealthController;
import dev.tokensieve.web.api.SessionsController;
import io.javalin.apibuilder.EndpointGroup;

/** Every route of the API, in one place; handlers are method references on the controllers. */
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
              get("health", health::show);
              path(
                  "sessions",
                  () -> {
                    get(sessions::list);
                    post(sessions::upload);
                    get("{id}", sessions::show);
                  });
              get("compare", compare::show);
              path(
                  "feed",
                  () -> {
                    get(feed::list);
                    sse("stream", feed::stream);
                  });
            });
  }
}
