package dev.tokensieve.web.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One API token as the tokens file keeps it: never the secret, only its SHA-256.
 *
 * @param id a short public id, for {@code tokens list} and {@code tokens revoke}
 * @param name what the token is for ({@code alice's laptop}, {@code ci})
 * @param role what it may do
 * @param user the user its uploads belong to (uploaders); an uploader sees the sessions of this
 *     user
 * @param teams the teams a reader sees, or the teams an uploader may attribute uploads to (empty:
 *     any)
 * @param sha256 the hex SHA-256 of the secret
 * @param createdAt when, epoch millis
 * @param revokedAt when it was revoked, epoch millis, or 0 if it is live
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiToken(
    String id,
    String name,
    Role role,
    @Nullable String user,
    List<String> teams,
    String sha256,
    long createdAt,
    long revokedAt) {
  /** Requires the id, name, role and hash; copies the teams. */
  public ApiToken {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(role, "role");
    requireNonNull(sha256, "sha256");
    teams = teams == null ? List.of() : List.copyOf(teams);
  }

  /** Whether the token still works. */
  @JsonIgnore
  public boolean isLive() {
    return revokedAt == 0;
  }

  /** Who requests made with this token act as. */
  public Principal principal() {
    return new Principal(role, name, role == Role.UPLOADER ? owner() : user, teams, id);
  }

  private String owner() {
    return user == null || user.isBlank() ? name : user;
  }
}
