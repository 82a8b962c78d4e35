package dev.tokensieve.web.auth;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every request: the {@code Host} it names (against DNS rebinding), the {@code Origin} of
 * state-changing requests (against cross-site posts), the bearer token of API routes and the role
 * their {@link Access} needs; and adds the security headers to every answer.
 *
 * <p>Tokens travel only in the {@code Authorization: Bearer} header, never in a cookie or a URL, so
 * a page on another site cannot make a browser send one.
 */
public final class Guard {
  /** The strict policy of every page: no inline script or style, nothing from elsewhere. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
          + "frame-ancestors 'none'";

  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);
  private static final String PRINCIPAL = "tokensieve.principal";
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

  private final Security security;

  /** A guard enforcing {@code security}. */
  public Guard(Security security) {
    this.security = security;
  }

  /** Who the request acts as; set by {@link #authenticate} on every API route. */
  public static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    return p == null ? Principal.OPEN : p;
  }

  /** Runs before every request: headers, then the {@code Host} and {@code Origin} checks. */
  public void screen(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    if (ctx.path().startsWith("/api/")) {
      ctx.header("Cache-Control", "no-store");
    }
    String host = ctx.header("Host");
    if (host == null || !hostAllowed(host)) {
      LOG.warn("refused a request for host {} ({} {})", host, ctx.method(), ctx.path());
      refuse(ctx, 421, "this server does not answer for host " + host + " (see --allowed-host)");
    }
    HandlerType m = ctx.method();
    boolean changes = m != HandlerType.GET && m != HandlerType.HEAD && m != HandlerType.OPTIONS;
    if (changes) {
      String origin = ctx.header("Origin");
      String site = ctx.header("Sec-Fetch-Site");
      boolean crossOrigin =
          (origin != null && !sameOrigin(origin, host))
              || (site != null && !site.equals("same-origin") && !site.equals("none"));
      if (crossOrigin) {
        LOG.warn("refused a cross-origin {} {} from {}", m, ctx.path(), origin);
        refuse(ctx, 403, "cross-origin requests may not change anything (Origin " + origin + ")");
      }
    }
  }

  /** Runs before every matched route: checks the token against the route's {@link Access}. */
  public void authenticate(Context ctx) {
    Access needed = Access.PUBLIC;
    for (RouteRole r : ctx.routeRoles()) {
      if (r instanceof Access a && a.compareTo(needed) > 0) {
        needed = a;
      }
    }
    if (needed == Access.PUBLIC) {
      return;
    }
    Principal p = principalOf(ctx);
    if (needed == Access.UPLOAD && !p.canUpload()) {
      refuse(ctx, 403, "a " + p.role().json() + " token may not upload");
      return;
    }
    ctx.attribute(PRINCIPAL, p);
  }

  private Principal principalOf(Context ctx) {
    TokenFile tokens = security.tokens();
    boolean live = tokens != null && tokens.hasLiveTokens();
    if (!live) {
      if (security.allowOpen()) {
        return Principal.OPEN;
      }
      refuse(ctx, 401, "no API token is live on this server: create one with tokensieve tokens");
    }
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"tokensieve\"");
      refuse(ctx, 401, "an API token is required: send Authorization: Bearer <token>");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"tokensieve\"");
      refuse(ctx, 401, "the Authorization header must be Bearer <token>");
    }
    Optional<ApiToken> t =
        requireNonNull(tokens, "tokens").authenticate(header.substring(7).strip());
    if (t.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"tokensieve\", error=\"invalid_token\"");
      refuse(ctx, 401, "the API token is unknown or revoked");
    }
    return t.get().principal();
  }

  /** Ends the request with {@code status}; {@code ApiErrors} writes the body. */
  private static void refuse(Context ctx, int status, String message) {
    throw new HttpResponseException(status, message);
  }

  boolean hostAllowed(String hostHeader) {
    String name = hostName(hostHeader);
    if (LOOPBACK.contains(name) || security.allowedHosts().contains(name)) {
      return true;
    }
    if (Security.isLoopback(security.bindHost())) {
      return false; // DNS rebinding: a foreign name resolving to loopback
    }
    if (security.isWildcard()) {
      return security.allowedHosts().isEmpty();
    }
    return name.equals(hostName(security.bindHost()));
  }

  /** The host part of a Host header, without the port, lower-cased; IPv6 keeps its brackets. */
  static String hostName(String hostHeader) {
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    if (h.indexOf(':') != h.lastIndexOf(':')) {
      return "[" + h + "]"; // a bare IPv6 address
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  private static boolean sameOrigin(String origin, String host) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    String h = host.strip().toLowerCase(Locale.ROOT);
    return o.equals("http://" + h) || o.equals("https://" + h);
  }
}
