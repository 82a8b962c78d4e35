package dev.tokensieve.datasets;

import dev.tokensieve.core.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One agent's conversation as the API sees it, and its prompt cache. Each request sends the whole
 * context; the part written by the previous request is read from cache while the cache is alive
 * (same model, last use within the TTL, which every hit refreshes), everything after it is new.
 *
 * <p>Anthropic (Claude Code): the new part is written to the cache ({@code cache_creation}) but a
 * handful of tokens after the last breakpoint, which are fresh {@code input_tokens}. OpenAI
 * (Codex): there are no cache writes; the cached part is read in 128-token blocks once the prompt
 * is at least 1024 tokens long, everything else is fresh input.
 */
final class ContextModel {
  private final boolean openAi;
  private final Duration ttl;
  private final boolean oneHour;

  /** The tokens the next request will send. */
  private long context;

  /** The leading tokens of {@link #context} held in the cache (if it is still alive). */
  private long cached;

  private @Nullable Instant lastUse;
  private @Nullable String cacheModel;
  private final long system;
  private boolean lastWasMiss;

  ContextModel(boolean openAi, boolean oneHour, long system) {
    this.openAi = openAi;
    this.oneHour = oneHour;
    this.ttl = oneHour ? Duration.ofHours(1) : Duration.ofMinutes(5);
    this.system = system;
    this.context = system;
  }

  /** Pretends the system prefix was cached a moment ago by an earlier session (a warm start). */
  void warm(Instant at, String model) {
    cached = system;
    lastUse = at;
    cacheModel = model;
  }

  /** Adds new content (a prompt, tool results) to be sent with the next request. */
  void add(long tokens) {
    context += tokens;
  }

  long context() {
    return context;
  }

  Duration ttl() {
    return ttl;
  }

  /** Whether a request at {@code at} on {@code model} would find the cache alive. */
  boolean alive(Instant at, String model) {
    return lastUse != null
        && model.equals(cacheModel)
        && Duration.between(lastUse, at).compareTo(ttl) <= 0;
  }

  /** Whether the last {@link #request} re-wrote a prefix that had been cached (a cache miss). */
  boolean lastWasMiss() {
    return lastWasMiss;
  }

  /** Bills a request that sends the context and answers with {@code output} tokens. */
  Usage request(Instant at, String model, long output, long reasoning, SplittableRandom rnd) {
    boolean alive = alive(at, model);
    lastWasMiss = !alive && cached > 0;
    long read = alive ? cached : 0;
    Usage u;
    if (openAi) {
      long blocks = context >= 1024 ? (read / 128) * 128 : 0;
      u = new Usage(context - blocks, 0, 0, blocks, output, reasoning);
    } else {
      long fresh = Math.min(context - read, 1 + rnd.nextInt(9));
      long write = context - read - fresh;
      u = new Usage(fresh, oneHour ? 0 : write, oneHour ? write : 0, read, output, 0);
    }
    cached = context;
    lastUse = at;
    cacheModel = model;
    context += output;
    return u;
  }

  /**
   * Bills a side request (the compaction call) that reads this context from the same cache, plus
   * {@code extra} tokens of instructions, without changing the conversation.
   */
  Usage peek(Instant at, String model, long extra, long output, SplittableRandom rnd) {
    boolean alive = alive(at, model);
    long read = alive ? cached : 0;
    long fresh = 1 + rnd.nextInt(5); // drawn for both vendors, so the rest of a corpus is unchanged
    if (openAi) { // no cache writes at OpenAI: what is not read from cache is fresh input
      long sent = context + extra;
      long blocks = sent >= 1024 ? (read / 128) * 128 : 0;
      return new Usage(sent - blocks, 0, 0, blocks, output, 0);
    }
    long write = context - read + extra - fresh;
    return new Usage(fresh, oneHour ? 0 : write, oneHour ? write : 0, read, output, 0);
  }

  /** Replaces the conversation by a summary; the system prefix stays cached. */
  void compact(long summary) {
    context = system + summary;
    cached = Math.min(cached, system);
  }
}
