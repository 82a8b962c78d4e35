package dev.tokensieve.web.auth;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.web.store.Visibility;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who a request acts as.
 *
 * @param role what it may do
 * @param name the token's name ({@code open} when the server runs without tokens)
 * @param user the user an uploader's sessions belong to
 * @param teams the teams a reader sees; the teams an uploader may upload for (empty: any)
 * @param tokenId the token's id, or null when the server runs without tokens
 */
public record Principal(
    Role role, String name, @Nullable String user, List<String> teams, @Nullable String tokenId) {
  /** Anyone, when the server has no tokens (loopback, or {@code --insecure}): an admin. */
  public static final Principal OPEN = new Principal(Role.ADMIN, "open", null, List.of(), null);

  /** Copies the teams. */
  public Principal {
    requireNonNull(role, "role");
    requireNonNull(name, "name");
    teams = List.copyOf(teams);
  }

  /** Whether this principal may upload. */
  public boolean canUpload() {
    return role != Role.READER;
  }

  /** The sessions this principal may see. */
  public Visibility visibility() {
    switch (role) {
      case ADMIN:
        return Visibility.ALL;
      case UPLOADER:
        return Visibility.ownedBy(requireNonNull(user, "an uploader has a user"));
      default:
        return Visibility.teams(teams);
    }
  }

  /** The owner recorded on what this principal uploads: its user, or null for an admin. */
  public @Nullable String owner() {
    return role == Role.UPLOADER ? user : null;
  }

  /** Who uploaded, as the raw files' records name it: {@code name (token id)}. */
  public String uploadedBy() {
    return tokenId == null ? name : name + " (" + tokenId + ")";
  }
}
