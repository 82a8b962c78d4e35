package dev.tokensieve.parsers;

import dev.tokensieve.parsers.claude.ClaudeCodeParser;
import dev.tokensieve.parsers.codex.CodexParser;
import dev.tokensieve.parsers.gemini.GeminiCliParser;
import dev.tokensieve.parsers.miniswe.MiniSweAgentParser;
import dev.tokensieve.parsers.openhands.OpenHandsParser;
import dev.tokensieve.parsers.otel.OtelParser;
import dev.tokensieve.parsers.sweagent.SweAgentParser;
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
  // Most specific first: sniffing tries the constants in this order.
  /** Claude Code transcripts ({@code ~/.claude/projects/**.jsonl}). */
  CLAUDE_CODE("claude-code", ClaudeCodeParser::new),
  /** OpenAI Codex CLI rollouts. */
  CODEX("codex", CodexParser::new),
  /** Gemini CLI session files (legacy documents and JSON lines). */
  GEMINI_CLI("gemini-cli", GeminiCliParser::new),
  /** OpenHands trajectories and evaluation output. */
  OPENHANDS("openhands", OpenHandsParser::new),
  /** SWE-agent {@code .traj} files. */
  SWE_AGENT("swe-agent", SweAgentParser::new),
  /** mini-swe-agent {@code .traj.json} files. */
  MINI_SWE_AGENT("mini-swe-agent", MiniSweAgentParser::new),
  /** OpenTelemetry GenAI spans and Claude Code OTel events as OTLP/JSON. */
  OTEL("otel", OtelParser::new);

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
