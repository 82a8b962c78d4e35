package dev.tokensieve.scoring.attribution;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tokensieve.core.model.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Attributes sessions to users, teams and repositories.
 *
 * <p>Traces rarely name a user or team, but they name the working directory: the user is taken from
 * a home directory in it ({@code /home/alice/...}, {@code /Users/alice/...}, {@code
 * C:\Users\alice\...}), the repository from its last segment, and the team from a teams file that
 * maps users to teams: CSV with a {@code user,team} header, or JSON ({@code tokensieve.teams/v1}:
 * {@code {"teams":[{"name":"payments","users":["alice"]}]}}, as {@code tokensieve generate} writes
 * it). What a trace or an upload already says is never overwritten. Immutable.
 */
public final class Teams {
  private static final Pattern HOME =
      Pattern.compile("^(?:/home/|/Users/|[A-Za-z]:[\\\\/]Users[\\\\/])([^/\\\\]+)");

  /** No teams known: users and repositories are still derived from paths. */
  public static final Teams NONE = new Teams(Map.of());

  private final Map<String, String> teamOfUser;

  private Teams(Map<String, String> teamOfUser) {
    this.teamOfUser = Map.copyOf(teamOfUser);
  }

  /** Teams from a user-to-team map. */
  public static Teams of(Map<String, String> teamOfUser) {
    return new Teams(teamOfUser);
  }

  /** How many users have a team. */
  public int size() {
    return teamOfUser.size();
  }

  /** The team of {@code user}, if known. */
  public Optional<String> teamOf(String user) {
    return Optional.ofNullable(teamOfUser.get(user));
  }

  /** {@code session} with user, team and repository filled in where they were missing. */
  public Session attribute(Session session) {
    String user = session.user();
    String repo = session.repo();
    String team = session.team();
    String project = session.project();
    if (user == null && project != null) {
      user = userOf(project);
    }
    if (repo == null && project != null) {
      repo = repoOf(project);
    }
    if (team == null && user != null) {
      team = teamOfUser.get(user);
    }
    if (eq(user, session.user()) && eq(repo, session.repo()) && eq(team, session.team())) {
      return session;
    }
    // the canonical constructor, not toBuilder(): it keeps the immutable lists instead of copying
    // every request and step twice
    return new Session(
        session.id(),
        session.agent(),
        session.sources(),
        session.project(),
        repo,
        session.branch(),
        user,
        team,
        session.startedAt(),
        session.endedAt(),
        session.requests(),
        session.steps(),
        session.attributes());
  }

  /** The user whose home directory {@code path} lies in, if it does. */
  static @Nullable String userOf(String path) {
    Matcher m = HOME.matcher(path);
    return m.find() ? m.group(1) : null;
  }

  /** The last segment of {@code path}: the repository, for an agent started at its root. */
  static @Nullable String repoOf(String path) {
    String p = path.replace('\\', '/');
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    int slash = p.lastIndexOf('/');
    String last = slash >= 0 ? p.substring(slash + 1) : p;
    return last.isBlank() ? null : last;
  }

  private static boolean eq(@Nullable String a, @Nullable String b) {
    return a == null ? b == null : a.equals(b);
  }

  /**
   * Reads a teams file: JSON (recognised by a leading <code>{</code>) or {@code user,team} CSV.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed entry
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Teams load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read teams file " + file, e);
    }
    return parse(text, file.toString());
  }

  /** Parses a teams file's text; {@code source} names it in errors. */
  public static Teams parse(String text, String source) {
    String t = text.strip();
    if (t.startsWith("\uFEFF")) {
      t = t.substring(1);
    }
    return t.startsWith("{") ? parseJson(t, source) : parseCsv(t, source);
  }

  private static Teams parseCsv(String text, String source) {
    Map<String, String> map = new LinkedHashMap<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s*,\\s*");
      if (i == 0 && f.length >= 2 && f[0].equalsIgnoreCase("user")) {
        continue;
      }
      if (f.length != 2 || f[0].isBlank() || f[1].isBlank()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "%s:%d: expected 'user,team', was '%s'", source, i + 1, line));
      }
      map.put(f[0], f[1]);
    }
    return new Teams(map);
  }

  private static Teams parseJson(String text, String source) {
    Map<String, String> map = new LinkedHashMap<>();
    try (JsonParser p = dev.tokensieve.scoring.report.ReportJson.jsonFactory().createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw bad(source, p, "expected an object");
      }
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        if (!f.equals("teams")) {
          p.nextToken();
          p.skipChildren();
          continue;
        }
        if (p.nextToken() != JsonToken.START_ARRAY) {
          throw bad(source, p, "'teams' must be an array");
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          String name = null;
          java.util.List<String> users = new java.util.ArrayList<>();
          for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            if (g.equals("name") && v == JsonToken.VALUE_STRING) {
              name = p.getText();
            } else if (g.equals("users") && v == JsonToken.START_ARRAY) {
              while (p.nextToken() == JsonToken.VALUE_STRING) {
                users.add(p.getText());
              }
            } else {
              p.skipChildren();
            }
          }
          if (name == null) {
            throw bad(source, p, "a team has no 'name'");
          }
          for (String u : users) {
            map.put(u, name);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not a teams file: " + e.getMessage(), e);
    }
    return new Teams(map);
  }

  private static IllegalArgumentException bad(String source, JsonParser p, String what) {
    return new IllegalArgumentException(
        source + ":" + p.currentLocation().getLineNr() + ": " + what);
  }
}
