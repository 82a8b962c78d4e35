package dev.tokensieve.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tokensieve.web.api.ApiErrors;
import dev.tokensieve.web.api.CompareController;
import dev.tokensieve.web.api.FeedController;
import dev.tokensieve.web.api.HealthController;
import dev.tokensieve.web.api.Params;
import dev.tokensieve.web.api.SessionsController;
import dev.tokensieve.web.auth.Guard;
import dev.tokensieve.web.auth.Security;
import dev.tokensieve.web.feed.FeedHub;
import dev.tokensieve.web.store.SessionStore;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The web app: the JSON API under {@code /api/v1}, the IDE feed (polling and server-sent events)
 * and the UI, served by one Javalin server over a {@link SessionStore}.
 *
 * <pre>{@code
 * SessionStore store = SessionStore.open(dataDir, SessionAnalyzer.standard(PriceBook.bundled()));
 * WebApp app = WebApp.create(store).start(7070);   // port 0 picks a free port: app.port()
 * ...
 * app.stop();                                       // does not close the store
 * }</pre>
 */
public final class WebApp implements AutoCloseable {
  /**
   * Slack over the file size limit that Jetty's multipart parser allows, so ours names the file.
   */
  private static final long MULTIPART_SLACK_BYTES = 8L << 20;

  private final SessionStore store;
  private final Javalin javalin;
  private final FeedHub hub;
  private final ScheduledExecutorService heartbeat;

  private final Security security;

  private WebApp(SessionStore store, Security security) {
    this.store = store;
    this.security = security;
    Guard guard = new Guard(security);
    ObjectMapper mapper =
        new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.hub = new FeedHub(FeedController::view);
    HealthController health = new HealthController(store, security);
    SessionsController sessions = new SessionsController(store, mapper);
    CompareController compare = new CompareController(store);
    FeedController feed = new FeedController(store, hub);
    long maxPart = store.limits().maxFileBytes() + MULTIPART_SLACK_BYTES;
    this.javalin =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.validation.register(Instant.class, Params::instant);
              config.jetty.multipartConfig.maxFileSize(maxPart, SizeUnit.BYTES);
              config.jetty.multipartConfig.maxTotalRequestSize(-1, SizeUnit.BYTES);
              config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
              config.staticFiles.add("/public", Location.CLASSPATH);
              config.staticFiles.enableWebjars();
              config.router.apiBuilder(Routes.api(health, sessions, compare, feed));
            });
    javalin.before(guard::screen);
    javalin.beforeMatched(guard::authenticate);
    ApiErrors.register(javalin);
    store.onFeed(hub::publish);
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tokensieve-feed-heartbeat");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A web app over {@code store} open to anyone on loopback (no tokens); call {@link #start(int)}
   * to serve it.
   */
  public static WebApp create(SessionStore store) {
    return create(store, Security.open("127.0.0.1"));
  }

  /** A web app over {@code store} guarded as {@code security} says. */
  public static WebApp create(SessionStore store, Security security) {
    return new WebApp(requireNonNull(store, "store"), requireNonNull(security, "security"));
  }

  /** Starts serving on {@code port} (0: any free port) of the security's bind host. */
  public WebApp start(int port) {
    return start(security.bindHost(), port);
  }

  /**
   * Starts serving on {@code host:port} (port 0: any free port); returns this.
   *
   * @throws IllegalArgumentException if {@code host} is not the bind host the security was made for
   *     (its {@code Host} checks depend on it)
   */
  public WebApp start(String host, int port) {
    if (!host.equals(security.bindHost())) {
      throw new IllegalArgumentException(
          "host must be the bind host of the security, " + security.bindHost() + ", was " + host);
    }
    javalin.start(host, port);
    heartbeat.scheduleAtFixedRate(hub::heartbeat, 15, 15, TimeUnit.SECONDS);
    return this;
  }

  /** The port the server listens on. */
  public int port() {
    return javalin.port();
  }

  /** How many clients follow the feed's event stream. */
  int feedListeners() {
    return hub.size();
  }

  /** The store this app serves. */
  public SessionStore store() {
    return store;
  }

  /** Stops the server (the store stays open: its owner closes it). */
  public void stop() {
    heartbeat.shutdownNow();
    javalin.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
