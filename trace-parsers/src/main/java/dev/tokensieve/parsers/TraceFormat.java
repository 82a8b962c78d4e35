package dev.tokensieve.parsers;

import dev.tokensieve.parsers.claude.ClaudeCodeParser;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry of trace formats: one constant per format, each with its parser's constructor.
 *
 * <p>Sniffing tries the constants in declaration order, so a more specific format is declared
 * before a more general one.
 */
public enum TraceFormat {
  // Constants are added here as formats land, most specific first.
  /** Claude Code transcripts ({@code ~/.claude/projects/**.jsonl}). */
  CLAUDE_CODE("claude-code", ClaudeCodeParser::new),
  ;

  /** How many bytes of a file sniffing reads. */
  public static final int SNIFF_BYTES = 64 * 1024;

  private final String agent;
  private final Supplier<TraceParser> factory;

  TraceFormat(String agent, Supplier<TraceParser> factory) {
    this.agent = agent;
    this.factory = factory;
  }

  /** The agent name sessions of this format carry ({@code claude-code}, {@code codex}, ...). */
  public String agent() {
    return agent;
  }

  /** A new parser; parsers are cheap and single-use. */
  public TraceParser newParser() {
    return factory.get();
  }

  /** The format whose name or agent name is {@code name}, ignoring case and dashes. */
  public static Optional<TraceFormat> named(String name) {
    String n = name.toUpperCase(Locale.ROOT).replace('-', '_');
    for (TraceFormat f : values()) {
      if (f.name().equals(n) || f.agent.toUpperCase(Locale.ROOT).replace('-', '_').equals(n)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The first format whose parser recognises {@code head}, if any. */
  public static Optional<TraceFormat> sniff(String fileName, String head) {
    for (TraceFormat f : values()) {
      if (f.newParser().sniff(fileName, head)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
