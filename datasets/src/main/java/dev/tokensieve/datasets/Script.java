package dev.tokensieve.datasets;

import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.OutcomeLabel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What happened in one generated session, format-neutral, in time order: the writers render it into
 * a format's files, {@link Canonical} turns it into the core model and the ground truth.
 */
final class Script {
  final String sessionId;
  final CorpusFormat format;
  final Scenario scenario;
  final Roster.Member member;
  final Roster.Repo repo;
  final String cwd;
  final String branch;
  final String version;
  final String slug;

  /** Seeds the writer's own random draws (line uuids), so a replay renders the same uuids. */
  final long renderSeed;

  /** Whether all but the last line of a response carry a placeholder output count. */
  final boolean placeholderOutput;

  final Instant start;

  final List<Event> events = new ArrayList<>();
  final Map<String, SubAgent> subAgents = new LinkedHashMap<>();
  final List<Waste> wastes = new ArrayList<>();
  OutcomeLabel outcome = OutcomeLabel.SUCCESS;

  /** The earlier session this one resumes; its lines are replayed at the top of this file. */
  @Nullable Script resumes;

  Script(
      String sessionId,
      CorpusFormat format,
      Scenario scenario,
      Roster.Member member,
      Roster.Repo repo,
      String cwd,
      String branch,
      String version,
      String slug,
      long renderSeed,
      boolean placeholderOutput,
      Instant start) {
    this.sessionId = sessionId;
    this.format = format;
    this.scenario = scenario;
    this.member = member;
    this.repo = repo;
    this.cwd = cwd;
    this.branch = branch;
    this.version = version;
    this.slug = slug;
    this.renderSeed = renderSeed;
    this.placeholderOutput = placeholderOutput;
    this.start = start;
  }

  /** The billed calls, in event order. */
  List<Call> calls() {
    List<Call> out = new ArrayList<>();
    for (Event e : events) {
      if (e instanceof Call) {
        out.add((Call) e);
      }
    }
    return out;
  }

  /** A sub-agent (or the compaction pseudo-agent) and the tool call that started it. */
  record SubAgent(
      String id,
      String type,
      String description,
      String prompt,
      String toolUseId,
      boolean compaction) {}

  /** An injected waste pattern and the calls it covers. */
  record Waste(FindingKind kind, List<Call> calls, String note) {}

  /** Something that happened, by whom ({@code "main"} or a sub-agent id), when. */
  sealed interface Event
      permits Prompt, Call, Result, Interrupt, ApiErrors, Compact, PrLink, ModelSwitch, TurnEnd {
    Instant at();

    String agent();
  }

  /** A user message (a typed prompt, a meta reminder, or a sub-agent's task prompt). */
  record Prompt(Instant at, String agent, String text, boolean meta) implements Event {}

  /** One billed model response, written as one line per block. */
  record Call(
      Instant at,
      String agent,
      String model,
      String messageId,
      String requestId,
      List<Block> blocks,
      Usage usage)
      implements Event {}

  /** A tool's result; {@code extra} holds tool-specific structured fields. */
  record Result(
      Instant at,
      String agent,
      Block call,
      String content,
      boolean isError,
      @Nullable Integer exitCode,
      Map<String, Object> extra)
      implements Event {}

  /** The user interrupted the agent. */
  record Interrupt(Instant at, String agent, boolean forToolUse) implements Event {}

  /** Failed API attempts before the next call; {@code exhausted} when the agent gave up. */
  record ApiErrors(
      Instant at,
      String agent,
      int attempts,
      boolean exhausted,
      int status,
      List<Long> retryDelaysMs)
      implements Event {}

  /** The context was compacted (by the call of agent {@code compactAgent}). */
  record Compact(Instant at, String agent, long preTokens, String summary, String compactAgent)
      implements Event {}

  /** A pull request was opened. */
  record PrLink(Instant at, String agent, int number, String url, String repository)
      implements Event {}

  /** The user switched models ({@code /model}). */
  record ModelSwitch(Instant at, String agent, String model) implements Event {}

  /** The end of a user turn (Claude Code writes {@code system/turn_duration}). */
  record TurnEnd(Instant at, String agent, long durationMs) implements Event {}

  /** The kinds of content blocks of a response. */
  enum BlockType {
    THINKING,
    TEXT,
    TOOL_USE
  }

  /**
   * One content block; for tool uses {@code id}, {@code tool}, {@code kind} and {@code input} (an
   * ordered map of string, number or boolean values) are set.
   */
  record Block(
      BlockType type,
      String text,
      String id,
      String tool,
      ToolKind kind,
      Map<String, Object> input) {
    static Block thinking(String text) {
      return new Block(BlockType.THINKING, text, "", "", ToolKind.OTHER, Map.of());
    }

    static Block text(String text) {
      return new Block(BlockType.TEXT, text, "", "", ToolKind.OTHER, Map.of());
    }

    static Block tool(String id, String tool, ToolKind kind, Map<String, Object> input) {
      return new Block(BlockType.TOOL_USE, "", id, tool, kind, input);
    }

    /** The argument that matters: the command, the path or the pattern. */
    String target() {
      for (String k : new String[] {"command", "file_path", "pattern", "prompt"}) {
        Object v = input.get(k);
        if (v != null) {
          return v.toString();
        }
      }
      return input.toString();
    }
  }
}
