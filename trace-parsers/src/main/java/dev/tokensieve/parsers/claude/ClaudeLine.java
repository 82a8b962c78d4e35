package dev.tokensieve.parsers.claude;

import dev.tokensieve.parsers.TextDigest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What one JSONL line of a Claude Code transcript says, as far as TokenSieve needs it. */
final class ClaudeLine {
  @Nullable String type;
  @Nullable String subtype;
  @Nullable String sessionId;
  @Nullable String timestamp;
  @Nullable String cwd;
  @Nullable String gitBranch;
  @Nullable String version;
  @Nullable String agentId;
  boolean isSidechain;
  boolean isMeta;
  boolean isApiErrorMessage;
  boolean isCompactSummary;
  @Nullable String requestId;
  long preTokens = -1;
  @Nullable String prUrl;
  @Nullable String prNumber;
  @Nullable String prRepository;
  @Nullable String errorMessage;
  long retryAttempt = -1;
  long maxRetries = -1;

  // which keys the line has, whatever their values: what sniffing a file's head looks at
  boolean hasSessionIdKey;
  boolean hasUuidKey; // "uuid" or "messageId"
  boolean hasLeafUuidKey;
  boolean hasPayloadKey;

  // message
  @Nullable String messageId;
  @Nullable String model;
  @Nullable TextDigest contentText; // message.content as a plain string
  final List<Block> blocks = new ArrayList<>();
  boolean hasUsage;
  long inputTokens;
  long outputTokens;
  long cacheCreationTokens = -1;
  long cacheReadTokens;
  long ephemeral5m = -1;
  long ephemeral1h = -1;
  long thinkingTokens;
  boolean hasSpeed;

  /** One content block of {@code message.content}. */
  static final class Block {
    @Nullable String type;
    @Nullable String id;
    @Nullable String name;
    @Nullable ToolInput input;
    @Nullable TextDigest text; // text block, or a tool_result's content
    @Nullable String toolUseId;
    boolean isError;
  }
}
