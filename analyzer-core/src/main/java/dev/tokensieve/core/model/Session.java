package dev.tokensieve.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One agent session in the canonical form every format is normalised into.
 *
 * @param id the session's id as the trace names it
 * @param agent {@code claude-code}, {@code codex}, {@code gemini-cli}, {@code openhands}, {@code
 *     swe-agent}, {@code mini-swe-agent} or {@code otel}
 * @param sources the files the session was read from, main file first
 * @param project the project or working directory
 * @param repo the repository, where known
 * @param branch the git branch, where known
 * @param user the user, where known
 * @param team the team, where known
 * @param startedAt the first timestamp seen
 * @param endedAt the last timestamp seen
 * @param requests the de-duplicated billed requests, in time order
 * @param steps what the agent did, in time order
 * @param attributes format-specific facts kept as text (e.g. {@code exit_status}, {@code version})
 */
public record Session(
    SessionId id,
    String agent,
    List<String> sources,
    @Nullable String project,
    @Nullable String repo,
    @Nullable String branch,
    @Nullable String user,
    @Nullable String team,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    List<Request> requests,
    List<Step> steps,
    Map<String, String> attributes) {

  /** Copies the collections; steps must point at existing requests. */
  public Session {
    requireNonNull(id, "id");
    requireNonNull(agent, "agent");
    sources = List.copyOf(sources);
    requests = List.copyOf(requests);
    steps = List.copyOf(steps);
    attributes = Map.copyOf(attributes);
    for (Step s : steps) {
      if (s.request() < -1 || s.request() >= requests.size()) {
        throw new IllegalArgumentException(
            "step at " + s.at() + " points at request " + s.request() + " of " + requests.size());
      }
    }
  }

  /** Returns a builder for a session with the given id and agent. */
  public static Builder builder(SessionId id, String agent) {
    return new Builder(id, agent);
  }

  /** Returns a builder pre-filled with this session's fields. */
  public Builder toBuilder() {
    Builder b = new Builder(id, agent);
    b.sources.addAll(sources);
    b.project = project;
    b.repo = repo;
    b.branch = branch;
    b.user = user;
    b.team = team;
    b.startedAt = startedAt;
    b.endedAt = endedAt;
    b.requests.addAll(requests);
    b.steps.addAll(steps);
    b.attributes.putAll(attributes);
    return b;
  }

  /** The steps of one type, in order; the one place that filters by type. */
  public <S extends Step> List<S> stepsOf(Class<S> type) {
    List<S> out = new ArrayList<>();
    for (Step s : steps) {
      if (type.isInstance(s)) {
        out.add(type.cast(s));
      }
    }
    return out;
  }

  /** The sum of every request's usage. */
  public Usage usage() {
    Usage u = Usage.ZERO;
    for (Request r : requests) {
      u = u.plus(r.usage());
    }
    return u;
  }

  /** A format-specific attribute, where the trace had it. */
  public Optional<String> attribute(String key) {
    return Optional.ofNullable(attributes.get(key));
  }

  /**
   * Prefix of the attributes that keep the last main-agent request a resumed session replayed from
   * the earlier session it continues (the replayed requests themselves belong to that session and
   * are not in {@link #requests}).
   */
  public static final String REPLAYED_PREFIX = "replayed.";

  private static final String[] REPLAYED_KEYS = {
    "callId",
    "at",
    "model",
    "agentId",
    "input",
    "cacheWrite5m",
    "cacheWrite1h",
    "cacheRead",
    "output",
    "reasoning"
  };

  /**
   * The last main-agent request this session replayed from an earlier one before its own first
   * request (see {@link Builder#replayed}), or empty when it resumes nothing or the attributes are
   * incomplete or malformed.
   */
  public Optional<Request> replayed() {
    String[] v = new String[REPLAYED_KEYS.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = attributes.get(REPLAYED_PREFIX + REPLAYED_KEYS[k]);
      if (v[k] == null) {
        return Optional.empty();
      }
    }
    try {
      Usage u =
          new Usage(
              Long.parseLong(v[4]),
              Long.parseLong(v[5]),
              Long.parseLong(v[6]),
              Long.parseLong(v[7]),
              Long.parseLong(v[8]),
              Long.parseLong(v[9]));
      return Optional.of(new Request(v[0], Instants.parse(v[1]), v[2], v[3], u, null));
    } catch (RuntimeException e) {
      return Optional.empty(); // attributes are text from the trace side: never trusted blindly
    }
  }

  /** Assembles a {@link Session}; not thread-safe. */
  public static final class Builder {
    private SessionId id;
    private String agent;
    private final List<String> sources = new ArrayList<>();
    private @Nullable String project;
    private @Nullable String repo;
    private @Nullable String branch;
    private @Nullable String user;
    private @Nullable String team;
    private @Nullable Instant startedAt;
    private @Nullable Instant endedAt;
    private final List<Request> requests = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder(SessionId id, String agent) {
      this.id = requireNonNull(id, "id");
      this.agent = requireNonNull(agent, "agent");
    }

    /** Replaces the id (sub-agent files learn their parent late). */
    public Builder id(SessionId value) {
      this.id = requireNonNull(value, "id");
      return this;
    }

    /** Replaces the agent name. */
    public Builder agent(String value) {
      this.agent = requireNonNull(value, "agent");
      return this;
    }

    /** Adds a source file, once. */
    public Builder source(String file) {
      if (!sources.contains(file)) {
        sources.add(file);
      }
      return this;
    }

    /** Sets the project unless already set. */
    public Builder project(@Nullable String value) {
      if (project == null) {
        project = value;
      }
      return this;
    }

    /** Sets the repository unless already set. */
    public Builder repo(@Nullable String value) {
      if (repo == null) {
        repo = value;
      }
      return this;
    }

    /** Sets the branch unless already set. */
    public Builder branch(@Nullable String value) {
      if (branch == null) {
        branch = value;
      }
      return this;
    }

    /** Sets the user. */
    public Builder user(@Nullable String value) {
      user = value;
      return this;
    }

    /** Sets the team. */
    public Builder team(@Nullable String value) {
      team = value;
      return this;
    }

    /** Widens the session's time span to include {@code at}. */
    public Builder seen(@Nullable Instant at) {
      if (at != null) {
        if (startedAt == null || at.isBefore(startedAt)) {
          startedAt = at;
        }
        if (endedAt == null || at.isAfter(endedAt)) {
          endedAt = at;
        }
      }
      return this;
    }

    /** Appends a request and widens the time span; returns its index. */
    public int request(Request r) {
      requests.add(r);
      seen(r.at());
      return requests.size() - 1;
    }

    /** The index of the latest request appended so far, {@code -1} if none. */
    public int lastRequest() {
      return requests.size() - 1;
    }

    /** Appends a step and widens the time span. */
    public Builder step(Step s) {
      steps.add(s);
      seen(s.at());
      return this;
    }

    /** Sets an attribute. */
    public Builder attribute(String key, String value) {
      attributes.put(key, value);
      return this;
    }

    /**
     * Keeps the last main-agent request the session replayed from an earlier one (a resumed
     * session), for detectors that compare a request with the one before it.
     */
    public Builder replayed(Request r) {
      Usage u = r.usage();
      String[] v = {
        r.callId(),
        Instants.text(r.at()),
        r.model(),
        r.agentId(),
        Long.toString(u.input()),
        Long.toString(u.cacheWrite5m()),
        Long.toString(u.cacheWrite1h()),
        Long.toString(u.cacheRead()),
        Long.toString(u.output()),
        Long.toString(u.reasoning())
      };
      for (int k = 0; k < v.length; k++) {
        attributes.put(REPLAYED_PREFIX + REPLAYED_KEYS[k], v[k]);
      }
      return this;
    }

    /** The requests appended so far (a live view, for parsers that patch usage). */
    public List<Request> requests() {
      return requests;
    }

    /** The steps appended so far (a live view). */
    public List<Step> steps() {
      return steps;
    }

    /** Builds the session. */
    public Session build() {
      return new Session(
          id,
          agent,
          sources,
          project,
          repo,
          branch,
          user,
          team,
          startedAt,
          endedAt,
          requests,
          steps,
          attributes);
    }
  }
}
