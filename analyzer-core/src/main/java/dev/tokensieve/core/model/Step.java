package dev.tokensieve.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What happened between requests: tool calls and their results, edits, user messages, interrupts,
 * compactions and API errors.
 *
 * <p>Every step knows {@link #request()}: the index of the latest request recorded at or before it
 * ({@code -1} before the first). A tool call therefore points at the response that issued it; its
 * result points at the same request and is first sent to the model in the request after it.
 *
 * <p>Texts are kept as bounded excerpts ({@link #EXCERPT_LIMIT}) with a digest of the whole, so
 * that memory stays bounded by the number of steps, not by the size of tool outputs.
 */
public sealed interface Step {
  /** The most characters of a text a step keeps (head and tail of longer texts). */
  int EXCERPT_LIMIT = 4096;

  /** When the step happened. */
  Instant at();

  /** The index of the latest request at or before this step, {@code -1} before the first. */
  int request();

  /** The sub-agent that took this step, or {@link Request#MAIN_AGENT}. */
  String agentId();

  /**
   * A tool call.
   *
   * @param callId the id pairing the call with its result
   * @param tool the tool's name as the agent knows it ({@code Bash}, {@code exec_command}, ...)
   * @param kind what the tool does
   * @param target the normalised argument that matters: the command for a shell, the path for a
   *     file tool, the pattern for a search, otherwise the compact arguments (an excerpt)
   * @param argsDigest a digest of the whole normalised arguments
   */
  record ToolCall(
      Instant at,
      int request,
      String agentId,
      String callId,
      String tool,
      ToolKind kind,
      String target,
      String argsDigest)
      implements Step {
    /** Requires every field. */
    public ToolCall {
      requireNonNull(at, "at");
      requireNonNull(agentId, "agentId");
      requireNonNull(callId, "callId");
      requireNonNull(tool, "tool");
      requireNonNull(kind, "kind");
      requireNonNull(target, "target");
      requireNonNull(argsDigest, "argsDigest");
    }
  }

  /**
   * A tool's result, as it was sent back to the model.
   *
   * @param callId the call it answers
   * @param isError whether the agent marked it as an error
   * @param exitCode the shell exit code where known
   * @param tokens the estimated size of the whole output in tokens
   * @param digest a digest of the whole output
   * @param excerpt head and tail of the output, at most {@link #EXCERPT_LIMIT} characters
   */
  record ToolResult(
      Instant at,
      int request,
      String agentId,
      String callId,
      boolean isError,
      @Nullable Integer exitCode,
      long tokens,
      String digest,
      String excerpt)
      implements Step {
    /** Requires every field but the exit code. */
    public ToolResult {
      requireNonNull(at, "at");
      requireNonNull(agentId, "agentId");
      requireNonNull(callId, "callId");
      requireNonNull(digest, "digest");
      requireNonNull(excerpt, "excerpt");
    }
  }

  /**
   * A change to a file.
   *
   * @param file the path
   * @param before a digest of the replaced text ({@code ""} for a new file)
   * @param after a digest of the new text
   */
  record Edit(
      Instant at,
      int request,
      String agentId,
      String callId,
      String file,
      String before,
      String after)
      implements Step {
    /** Requires every field. */
    public Edit {
      requireNonNull(at, "at");
      requireNonNull(agentId, "agentId");
      requireNonNull(callId, "callId");
      requireNonNull(file, "file");
      requireNonNull(before, "before");
      requireNonNull(after, "after");
    }
  }

  /** A message typed by the user (not a tool result). */
  record UserMessage(Instant at, int request, String agentId, long tokens, String excerpt)
      implements Step {
    /** Requires every field. */
    public UserMessage {
      requireNonNull(at, "at");
      requireNonNull(agentId, "agentId");
      requireNonNull(excerpt, "excerpt");
    }
  }

  /** The user stopped the agent mid-turn. */
  record Interrupt(Instant at, int request, String agentId) implements Step {
    /** Requires every field. */
    public Interrupt {
      requireNonNull(at, "at");
      requireNonNull(agentId, "agentId");
    }
  }

  /** The context was compacted (summarised) to make room; {@code preTokens} where known. */
  record Compaction(Instant at, int request, String agentId, long preTokens) implements Step {
    /** Requires every field. */
    public Compaction {
      requireNonNull(at, "at");
      requireNonNull(agentId, "agentId");
    }
  }

  /**
   * A failed API call (overload, rate limit, server error) that the agent retried or gave up on.
   */
  record ApiError(Instant at, int request, String agentId, String message) implements Step {
    /** Requires every field. */
    public ApiError {
      requireNonNull(at, "at");
      requireNonNull(agentId, "agentId");
      requireNonNull(message, "message");
    }
  }
}
