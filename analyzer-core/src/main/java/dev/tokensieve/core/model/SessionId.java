package dev.tokensieve.core.model;

import static java.util.Objects.requireNonNull;

/** A session's id as its trace names it (Claude Code: sessionId; Codex: the rollout id). */
public record SessionId(String value) implements Comparable<SessionId> {
  /** Rejects blank ids: every session must be addressable. */
  public SessionId {
    requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("session id is blank");
    }
  }

  @Override
  public int compareTo(SessionId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
