package dev.tokensieve.web.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The API tokens of a data dir, in {@code DATA/tokens.json} (mode 0600 where the file system has
 * POSIX permissions). Only each secret's SHA-256 is kept: a secret is shown once, when it is made.
 *
 * <p>The file is read again whenever it changed on disk, so that {@code tokensieve tokens create}
 * and {@code revoke} take effect on a running server. Writes go to a temporary file that is then
 * moved into place. Thread-safe.
 */
public final class TokenFile {
  /** Every secret starts with this, so that scanners and people recognise one. */
  public static final String PREFIX = "tks_";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final HexFormat HEX = HexFormat.of();

  /** The file's content. */
  record Tokens(List<ApiToken> tokens) {
    Tokens {
      tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }
  }

  /**
   * A token just made: its record and the secret, which nothing keeps.
   *
   * @param token the stored record
   * @param secret the bearer secret to hand to its holder
   */
  public record Created(ApiToken token, String secret) {}

  private final Path file;
  private final RandomGenerator random;
  private final Clock clock;
  private List<ApiToken> tokens = List.of();
  private @Nullable FileTime loadedAt;

  private TokenFile(Path file, RandomGenerator random, Clock clock) {
    this.file = file;
    this.random = random;
    this.clock = clock;
  }

  /** The tokens of the data dir {@code dataDir} (the file need not exist yet). */
  public static TokenFile in(Path dataDir) {
    return new TokenFile(dataDir.resolve("tokens.json"), new SecureRandom(), Clock.systemUTC());
  }

  /** The tokens file {@code file}, with the randomness and clock given (tests). */
  static TokenFile at(Path file, RandomGenerator random, Clock clock) {
    return new TokenFile(file, random, clock);
  }

  /** Where the tokens are kept. */
  public Path file() {
    return file;
  }

  /** Every token, live and revoked, in the order they were made. */
  public synchronized List<ApiToken> list() {
    reloadIfChanged();
    return tokens;
  }

  /** Whether any token is live: if not, a server on loopback runs open. */
  public synchronized boolean hasLiveTokens() {
    reloadIfChanged();
    return tokens.stream().anyMatch(ApiToken::isLive);
  }

  /**
   * Makes a token and stores its hash.
   *
   * @throws IllegalArgumentException if the name is blank, or a reader has no team
   */
  public synchronized Created create(
      String name, Role role, @Nullable String user, List<String> teams) {
    requireNonNull(role, "role");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a token needs a name (what or who it is for)");
    }
    if (role == Role.READER && teams.isEmpty()) {
      throw new IllegalArgumentException("a reader token needs at least one --team to see");
    }
    reloadIfChanged();
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    byte[] idBytes = new byte[4];
    random.nextBytes(idBytes);
    ApiToken t =
        new ApiToken(
            HEX.formatHex(idBytes),
            name.strip(),
            role,
            user == null || user.isBlank() ? null : user.strip(),
            teams.stream().map(String::strip).filter(s -> !s.isEmpty()).toList(),
            sha256(secret),
            clock.millis(),
            0);
    List<ApiToken> next = new ArrayList<>(tokens);
    next.add(t);
    write(next);
    return new Created(t, secret);
  }

  /** Revokes the token {@code id}; returns whether a live token had that id. */
  public synchronized boolean revoke(String id) {
    reloadIfChanged();
    List<ApiToken> next = new ArrayList<>();
    boolean found = false;
    for (ApiToken t : tokens) {
      if (t.id().equals(id) && t.isLive()) {
        t =
            new ApiToken(
                t.id(),
                t.name(),
                t.role(),
                t.user(),
                t.teams(),
                t.sha256(),
                t.createdAt(),
                clock.millis());
        found = true;
      }
      next.add(t);
    }
    if (found) {
      write(next);
    }
    return found;
  }

  /** The live token whose secret is {@code secret}, if any; compared in constant time. */
  public synchronized Optional<ApiToken> authenticate(String secret) {
    reloadIfChanged();
    byte[] hash = sha256(secret).getBytes(StandardCharsets.US_ASCII);
    ApiToken match = null;
    for (ApiToken t : tokens) {
      if (MessageDigest.isEqual(hash, t.sha256().getBytes(StandardCharsets.US_ASCII))
          && t.isLive()) {
        match = t;
      }
    }
    return Optional.ofNullable(match);
  }

  static String sha256(String secret) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HEX.formatHex(md.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private void reloadIfChanged() {
    try {
      if (!Files.exists(file)) {
        tokens = List.of();
        loadedAt = null;
        return;
      }
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.equals(loadedAt)) {
        return;
      }
      tokens = JSON.readValue(file.toFile(), Tokens.class).tokens();
      loadedAt = modified;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the tokens file " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(List<ApiToken> next) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "tokens", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the data dir's own permissions protect it
      }
      JSON.writeValue(tmp.toFile(), new Tokens(next));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tokens = List.copyOf(next);
      loadedAt = Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the tokens file " + file, e);
    }
  }
}
