package dev.tokensieve.core.testing;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SessionId;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Texts;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.price.PricedSession;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A fluent builder of canonical {@link Session}s for tests of every module.
 *
 * <p>It models an Anthropic-style cached conversation per agent so that tests read like the session
 * they describe: {@link #turn(long)} makes a request whose context is the previous context, plus
 * the previous output, plus whatever tool results and user messages arrived since; the prefix that
 * was already cached is read from cache while the cache is warm (same model, at most 5 minutes
 * since the agent's previous request), and written again otherwise. The high-level actions ({@link
 * #bash}, {@link #read}, {@link #edit}, ...) each issue one request that makes one tool call and
 * record its result, the way an agent works.
 *
 * <pre>{@code
 * Session s = TraceBuilder.session("s1")
 *     .user("fix the failing test")
 *     .bashFails("pytest -q", "1 failed in 0.20s")
 *     .edit("app.py", "return a - b", "return a + b")
 *     .bash("pytest -q", "1 passed in 0.20s")
 *     .answer(120)
 *     .build();
 * }</pre>
 *
 * <p>The clock starts at {@link #T0}; each request advances it by {@link #REQUEST_GAP} and each
 * step by {@link #STEP_GAP}; {@link #pause} adds more. Not thread-safe.
 */
public final class TraceBuilder {
  /** When every built session starts. */
  public static final Instant T0 = Instant.parse("2026-09-01T09:00:00Z");

  /** The default model: mid-tier, with a long-context tier. */
  public static final String SONNET = "claude-sonnet-4-5-20250929";

  /** A premium model. */
  public static final String OPUS = "claude-opus-4-1-20250805";

  /** A cheap model. */
  public static final String HAIKU = "claude-haiku-4-5-20251001";

  /** The default size of the system prompt and tool definitions, in tokens. */
  public static final long SYSTEM_PROMPT_TOKENS = 12_000;

  /** The size of a compaction summary, in tokens. */
  public static final long SUMMARY_TOKENS = 3_000;

  /** The output of a request that issues one tool call, in tokens. */
  public static final long ACTION_OUTPUT_TOKENS = 150;

  /** The clock advance of a request. */
  public static final Duration REQUEST_GAP = Duration.ofSeconds(8);

  /** The clock advance of a step. */
  public static final Duration STEP_GAP = Duration.ofSeconds(2);

  private static final Duration CACHE_TTL = Duration.ofMinutes(5);

  private final Session.Builder session;
  private final Map<String, AgentContext> contexts = new HashMap<>();
  private Instant now = T0;
  private String model = SONNET;
  private String agent = Request.MAIN_AGENT;
  private long systemPrompt = SYSTEM_PROMPT_TOKENS;
  private boolean caching = true;
  private int calls;
  private @Nullable String lastCallId;

  private TraceBuilder(String id, String agentName) {
    session = Session.builder(new SessionId(id), agentName).source(id + ".jsonl");
  }

  /** A Claude Code session with the given id. */
  public static TraceBuilder session(String id) {
    return new TraceBuilder(id, "claude-code");
  }

  /** A session of the named agent ({@code codex}, {@code openhands}, ...). */
  public static TraceBuilder session(String id, String agentName) {
    return new TraceBuilder(id, agentName);
  }

  // ---------------------------------------------------------------- settings

  /** The model of the following requests. */
  public TraceBuilder model(String value) {
    model = requireNonNull(value, "model");
    return this;
  }

  /** Makes the following requests and steps those of {@code agentId} (a sub-agent, or main). */
  public TraceBuilder agent(String agentId) {
    agent = requireNonNull(agentId, "agentId");
    return this;
  }

  /** Makes the following requests and steps the main agent's. */
  public TraceBuilder mainAgent() {
    return agent(Request.MAIN_AGENT);
  }

  /** The system prompt size of agents that have not made a request yet. */
  public TraceBuilder systemPrompt(long tokens) {
    systemPrompt = tokens;
    return this;
  }

  /** Whether requests use prompt caching (true by default); without, all context is input. */
  public TraceBuilder caching(boolean value) {
    caching = value;
    return this;
  }

  /** Advances the clock by {@code d}. */
  public TraceBuilder pause(Duration d) {
    now = now.plus(d);
    return this;
  }

  /** Advances the clock by {@code minutes}. */
  public TraceBuilder pauseMinutes(long minutes) {
    return pause(Duration.ofMinutes(minutes));
  }

  /** Sets a session attribute. */
  public TraceBuilder attribute(String key, String value) {
    session.attribute(key, value);
    return this;
  }

  // ---------------------------------------------------------------- requests

  /** A request with {@code output} tokens on the modelled, cached context (see the class doc). */
  public TraceBuilder turn(long output) {
    return turn(output, 0);
  }

  /** A request with {@code output} tokens, {@code reasoning} of them thinking. */
  public TraceBuilder turn(long output, long reasoning) {
    now = now.plus(REQUEST_GAP);
    AgentContext c = context();
    long newContext;
    long cachedPrefix;
    if (c.lastAt == null) {
      newContext = systemPrompt + c.pending;
      cachedPrefix = 0;
    } else if (c.compacted) {
      newContext = c.systemPrompt + SUMMARY_TOKENS + c.pending;
      cachedPrefix = c.systemPrompt;
    } else {
      newContext = c.context + c.lastOutput + c.pending;
      cachedPrefix = c.context;
    }
    boolean warm =
        c.lastAt != null
            && Duration.between(c.lastAt, now).compareTo(CACHE_TTL) <= 0
            && model.equals(c.lastModel);
    Usage u;
    if (caching) {
      long input = Math.min(3, newContext);
      long read = warm ? Math.min(cachedPrefix, newContext - input) : 0;
      u = new Usage(input, newContext - input - read, 0, read, output, reasoning);
    } else {
      u = new Usage(newContext, 0, 0, 0, output, reasoning);
    }
    return put(u, c);
  }

  /** A request with exactly {@code usage}; the modelled context becomes its context. */
  public TraceBuilder request(Usage usage) {
    now = now.plus(REQUEST_GAP);
    return put(usage, context());
  }

  /** A request with fresh input and output only. */
  public TraceBuilder request(long input, long output) {
    return request(Usage.of(input, output));
  }

  private TraceBuilder put(Usage u, AgentContext c) {
    int index = session.lastRequest() + 1;
    session.request(new Request("req-" + index, now, model, agent, u, null));
    c.context = u.context();
    c.lastOutput = u.output();
    c.pending = 0;
    c.lastAt = now;
    c.lastModel = model;
    c.compacted = false;
    return this;
  }

  /** A final answer: a request with {@code output} tokens and no tool call. */
  public TraceBuilder answer(long output) {
    return turn(output);
  }

  // ---------------------------------------------------------------- steps

  /** A tool call issued by the latest request, with a digest of the tool and target. */
  public TraceBuilder call(ToolKind kind, String tool, String target) {
    return call(kind, tool, target, Texts.digest(tool + "\u0000" + target));
  }

  /** A tool call with an explicit arguments digest (same target, different arguments). */
  public TraceBuilder call(ToolKind kind, String tool, String target, String argsDigest) {
    String id = "call-" + ++calls;
    lastCallId = id;
    return step(new Step.ToolCall(tick(), last(), agent, id, tool, kind, target, argsDigest));
  }

  /** A successful result of the last call (exit code 0), its size estimated from the text. */
  public TraceBuilder ok(String output) {
    return ok(output, Texts.estimateTokens(output.length()));
  }

  /** A successful result of the last call with an explicit size in tokens. */
  public TraceBuilder ok(String output, long tokens) {
    return result(false, 0, output, tokens);
  }

  /** A failed result of the last call (exit code 1), its size estimated from the text. */
  public TraceBuilder fail(String output) {
    return fail(output, Texts.estimateTokens(output.length()));
  }

  /** A failed result of the last call with an explicit size in tokens. */
  public TraceBuilder fail(String output, long tokens) {
    return result(true, 1, output, tokens);
  }

  /** A result of the last call. */
  public TraceBuilder result(
      boolean error, @Nullable Integer exitCode, String output, long tokens) {
    String excerpt = Texts.excerpt(output);
    return result(error, exitCode, tokens, Texts.digest(output), () -> excerpt);
  }

  /**
   * A result of the last call whose excerpt is made only when read, as the Claude Code parser makes
   * it, each read counted in {@code reads}.
   */
  public TraceBuilder resultReadLazily(boolean error, String output, AtomicInteger reads) {
    long tokens = Texts.estimateTokens(output.length());
    return result(
        error,
        error ? 1 : 0,
        tokens,
        Texts.digest(output),
        () -> {
          reads.incrementAndGet();
          return Texts.excerpt(output);
        });
  }

  /**
   * A failed result (exit 1) of the last call whose digest is of {@code printed} only, as parsers
   * digest a shell output without its runner's header (Codex unified exec's chunk id and timing).
   */
  public TraceBuilder failPrinted(String output, String printed) {
    String excerpt = Texts.excerpt(output);
    long tokens = Texts.estimateTokens(output.length());
    return result(true, 1, tokens, Texts.digest(printed), () -> excerpt);
  }

  private TraceBuilder result(
      boolean error,
      @Nullable Integer exitCode,
      long tokens,
      String digest,
      Supplier<String> excerpt) {
    String id = lastCallId;
    if (id == null) {
      throw new IllegalStateException("result without a call");
    }
    context().pending += tokens;
    return step(
        new Step.ToolResult(tick(), last(), agent, id, error, exitCode, tokens, digest, excerpt));
  }

  /** A message the user typed; its tokens join the next request's context. */
  public TraceBuilder user(String text) {
    long tokens = Texts.estimateTokens(text.length());
    context().pending += tokens;
    return step(new Step.UserMessage(tick(), last(), agent, tokens, Texts.excerpt(text)));
  }

  /** The user stopped the agent. */
  public TraceBuilder interrupt() {
    return step(new Step.Interrupt(tick(), last(), agent));
  }

  /** The agent's context was compacted: the next request starts from the prompt and a summary. */
  public TraceBuilder compact() {
    AgentContext c = context();
    long pre = c.context + c.lastOutput + c.pending;
    c.compacted = true;
    c.pending = 0;
    return step(new Step.Compaction(tick(), last(), agent, pre));
  }

  /** A failed API call. */
  public TraceBuilder apiError(String message) {
    return step(new Step.ApiError(tick(), last(), agent, message));
  }

  /** An edit step (without a tool call) from text {@code before} to {@code after}. */
  public TraceBuilder editStep(String file, String before, String after) {
    String id = lastCallId == null ? "edit-" + calls : lastCallId;
    return step(
        new Step.Edit(tick(), last(), agent, id, file, Texts.digest(before), Texts.digest(after)));
  }

  // ---------------------------------------------------------------- actions

  /** One request that runs {@code command} in a shell, which succeeds with {@code output}. */
  public TraceBuilder bash(String command, String output) {
    return turn(ACTION_OUTPUT_TOKENS).call(ToolKind.SHELL, "Bash", command).ok(output);
  }

  /** One request that runs {@code command}, which fails (exit 1) with {@code output}. */
  public TraceBuilder bashFails(String command, String output) {
    return turn(ACTION_OUTPUT_TOKENS).call(ToolKind.SHELL, "Bash", command).fail(output);
  }

  /** One request that reads {@code path}, whose content is {@code content}. */
  public TraceBuilder read(String path, String content) {
    return turn(ACTION_OUTPUT_TOKENS).call(ToolKind.READ, "Read", path).ok(content);
  }

  /** One request that reads {@code path}, whose content is {@code content} of {@code tokens}. */
  public TraceBuilder read(String path, String content, long tokens) {
    return turn(ACTION_OUTPUT_TOKENS).call(ToolKind.READ, "Read", path).ok(content, tokens);
  }

  /** One request that searches for {@code pattern}, finding {@code output}. */
  public TraceBuilder glob(String pattern, String output) {
    return turn(ACTION_OUTPUT_TOKENS).call(ToolKind.SEARCH, "Glob", pattern).ok(output);
  }

  /** One request that replaces {@code oldText} with {@code newText} in {@code file}. */
  public TraceBuilder edit(String file, String oldText, String newText) {
    turn(ACTION_OUTPUT_TOKENS);
    call(
        ToolKind.EDIT,
        "Edit",
        file,
        Texts.digest("Edit\u0000" + file + "\u0000" + oldText + "\u0000" + newText));
    editStep(file, oldText, newText);
    return ok("The file " + file + " has been updated.");
  }

  /** One request that writes {@code content} to {@code file}. */
  public TraceBuilder write(String file, String content) {
    turn(ACTION_OUTPUT_TOKENS);
    call(ToolKind.WRITE, "Write", file, Texts.digest("Write\u0000" + file + "\u0000" + content));
    editStep(file, "", content);
    return ok("File created successfully at: " + file);
  }

  // ---------------------------------------------------------------- results

  /** The session. */
  public Session build() {
    return session.build();
  }

  /** The session priced with the bundled price book. */
  public PricedSession priced() {
    return new PricedSession(build(), PriceBook.bundled());
  }

  /** The index of the latest request, -1 before the first. */
  public int lastRequest() {
    return session.lastRequest();
  }

  /** The current time of the builder's clock. */
  public Instant now() {
    return now;
  }

  private TraceBuilder step(Step s) {
    session.step(s);
    return this;
  }

  private Instant tick() {
    now = now.plus(STEP_GAP);
    return now;
  }

  private int last() {
    return session.lastRequest();
  }

  private AgentContext context() {
    return contexts.computeIfAbsent(agent, a -> new AgentContext(systemPrompt));
  }

  private static final class AgentContext {
    final long systemPrompt;
    long context;
    long lastOutput;
    long pending;
    @Nullable Instant lastAt;
    @Nullable String lastModel;
    boolean compacted;

    AgentContext(long systemPrompt) {
      this.systemPrompt = systemPrompt;
    }
  }
}
