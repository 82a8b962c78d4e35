package dev.tokensieve.web.auth;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a server guards itself.
 *
 * @param tokens the tokens it accepts, or null for none (then it must be open)
 * @param allowOpen whether it serves everyone as an admin while no token is live: only on loopback
 *     or with {@code --insecure}
 * @param bindHost the address it listens on, which decides the {@code Host} names it accepts
 * @param allowedHosts more {@code Host} names it accepts (its DNS names behind a proxy)
 */
public record Security(
    @Nullable TokenFile tokens, boolean allowOpen, String bindHost, List<String> allowedHosts) {
  /** Copies and lower-cases the hosts. */
  public Security {
    requireNonNull(bindHost, "bindHost");
    allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    if (tokens == null && !allowOpen) {
      throw new IllegalArgumentException("a server without tokens must be allowed to run open");
    }
  }

  /** A server open to anyone who can reach {@code bindHost} (tests, demo on loopback). */
  public static Security open(String bindHost) {
    return new Security(null, true, bindHost, List.of());
  }

  /** Whether {@code host} is a loopback address or name. */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.startsWith("127.")
        || h.equals("::1")
        || h.equals("[::1]")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  /** Whether the server listens on every interface. */
  boolean isWildcard() {
    return bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]");
  }
}
