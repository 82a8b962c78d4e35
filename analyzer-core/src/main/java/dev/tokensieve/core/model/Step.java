package dev.tokensieve.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
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
   * A tool's result, as it was sent back to the model: when it came, the call it answers ({@code
   * callId}), whether the agent marked it as an error ({@code isError}), the shell exit code where
   * known ({@code exitCode}), the estimated size of the whole output in tokens ({@code tokens}), a
   * digest of the whole output ({@code digest}) and its head and tail, at most {@link
   * #EXCERPT_LIMIT} characters ({@code excerpt}).
   *
   * <p>A class with a record's accessors, equality and text, not a record, so that its excerpt can
   * be made on first use: a parser that has the output as UTF-8 keeps those bytes and decodes them
   * only if something reads the excerpt. In {@code analyze} only shell outputs and the outputs of
   * repeated calls are read; decoding and making a String of every other excerpt was a twentieth of
   * all the work (bench/README.md, round 4).
   */
  final class ToolResult implements Step {
    private final Instant at;
    private final int request;
    private final String agentId;
    private final String callId;
    private final boolean isError;
    private final @Nullable Integer exitCode;
    private final long tokens;
    private final String digest;
    private final Supplier<String> later; // makes the excerpt; kept: a racing reader may call it
    // made once by any thread that reads it first: a String is immutable, so a race only makes it
    // twice, equal, and publishes it safely
    private @Nullable String excerpt;

    /** Requires every field but the exit code. */
    public ToolResult(
        Instant at,
        int request,
        String agentId,
        String callId,
        boolean isError,
        @Nullable Integer exitCode,
        long tokens,
        String digest,
        String excerpt) {
      this(at, request, agentId, callId, isError, exitCode, tokens, digest, constant(excerpt));
      this.excerpt = excerpt;
    }

    /**
     * A result whose excerpt {@code later} makes when it is first read: it must give the same text,
     * at most {@link #EXCERPT_LIMIT} characters, however often and on whatever thread it is called.
     */
    public ToolResult(
        Instant at,
        int request,
        String agentId,
        String callId,
        boolean isError,
        @Nullable Integer exitCode,
        long tokens,
        String digest,
        Supplier<String> later) {
      this.at = requireNonNull(at, "at");
      this.request = request;
      this.agentId = requireNonNull(agentId, "agentId");
      this.callId = requireNonNull(callId, "callId");
      this.isError = isError;
      this.exitCode = exitCode;
      this.tokens = tokens;
      this.digest = requireNonNull(digest, "digest");
      this.later = requireNonNull(later, "excerpt");
    }

    private static Supplier<String> constant(String excerpt) {
      requireNonNull(excerpt, "excerpt");
      return () -> excerpt;
    }

    @Override
    public Instant at() {
      return at;
    }

    @Override
    public int request() {
      return request;
    }

    @Override
    public String agentId() {
      return agentId;
    }

    public String callId() {
      return callId;
    }

    public boolean isError() {
      return isError;
    }

    public @Nullable Integer exitCode() {
      return exitCode;
    }

    public long tokens() {
      return tokens;
    }

    public String digest() {
      return digest;
    }

    /** The head and tail of the output, made on first use if the parser deferred them. */
    public String excerpt() {
      String e = excerpt;
      if (e == null) {
        e = requireNonNull(later.get(), "excerpt");
        excerpt = e;
      }
      return e;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof ToolResult r
          && request == r.request
          && isError == r.isError
          && tokens == r.tokens
          && at.equals(r.at)
          && agentId.equals(r.agentId)
          && callId.equals(r.callId)
          && Objects.equals(exitCode, r.exitCode)
          && digest.equals(r.digest)
          && excerpt().equals(r.excerpt());
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          at, request, agentId, callId, isError, exitCode, tokens, digest, excerpt());
    }

    @Override
    public String toString() {
      return "ToolResult[at="
          + at
          + ", request="
          + request
          + ", agentId="
          + agentId
          + ", callId="
          + callId
          + ", isError="
          + isError
          + ", exitCode="
          + exitCode
          + ", tokens="
          + tokens
          + ", digest="
          + digest
          + ", excerpt="
          + excerpt()
          + "]";
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
