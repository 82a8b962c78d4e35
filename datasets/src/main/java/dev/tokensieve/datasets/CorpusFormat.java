package dev.tokensieve.datasets;

import java.util.Locale;

/** The on-disk formats the generator writes. */
public enum CorpusFormat {
  /** Claude Code JSONL under {@code claude-code/projects/<encoded cwd>/}. */
  CLAUDE_CODE("claude-code"),
  /** Codex CLI rollouts under {@code codex/sessions/YYYY/MM/DD/}. */
  CODEX("codex");

  private final String id;

  CorpusFormat(String id) {
    this.id = id;
  }

  /** The name used on the command line, in directory names and in the ground truth. */
  public String id() {
    return id;
  }

  /** Parses {@code claude-code} or {@code codex} (case-insensitive). */
  public static CorpusFormat of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (CorpusFormat f : values()) {
      if (f.id.equals(n) || f.name().toLowerCase(Locale.ROOT).equals(n)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '" + name + "': expected claude-code or codex");
  }
}
