package dev.tokensieve.parsers.claude;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SessionId;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.parsers.TextDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns the lines of one session's files (main file first, then sub-agent files) into a {@link
 * Session}.
 *
 * <p>Implementation notes. Claude Code writes one line per content block of a response, each with
 * the response's {@code message.id}, {@code requestId} and usage; a response is one request,
 * counted once. When the copies' usage differs (streaming placeholders), the copy with the largest
 * token total wins, then the one that carries {@code speed} (the finalised copy), as ccusage does;
 * a non-sidechain copy always beats a sidechain replay, and a sidechain line that replays a known
 * {@code message.id} under a new {@code requestId} is the same request. The request keeps the time
 * of its first line. Requests and steps of all files are ordered by time (then by reading order) at
 * the end; a tool call points at the request that issued it, any other step at the latest request
 * at or before it.
 *
 * <p>A main file whose lines carry more than one {@code sessionId} (a session resumed into the same
 * file) holds one session per id: each line belongs to the id it carries (a line without one, to
 * the id of the line before it), and each session is built from its own requests and steps, so that
 * no session disappears under another's id. Sub-agent lines follow the id they carry.
 */
final class ClaudeSessionAssembler {
  private static final String INTERRUPT = "[Request interrupted by user";
  private static final String SYNTHETIC = "<synthetic>";

  private final List<String> sources = new ArrayList<>();
  private @Nullable String anySessionId;

  /** The session ids of the main file's lines, in order of first appearance. */
  private final Map<String, Integer> mainIds = new LinkedHashMap<>();

  /** The id (an index into mainIds' order) of the lines being read; 0 before any. */
  private int current;

  /** Per id: the first and last time seen. */
  private final List<@Nullable Instant[]> spans = new ArrayList<>();

  private @Nullable String project;
  private @Nullable String branch;
  private @Nullable Instant first;
  private @Nullable Instant last;
  private final Map<String, String> attributes = new LinkedHashMap<>();

  private final List<Pending> requests = new ArrayList<>();
  private final Map<RequestKey, Pending> byKey = new HashMap<>();
  private final Map<String, Pending> byMessage = new HashMap<>();
  private final List<PendingStep> steps = new ArrayList<>();
  private final Set<String> toolUses = new HashSet<>();
  private final Set<String> toolResults = new HashSet<>();
  private long seq;

  /** A request under construction; its usage may still be replaced by a later copy. */
  private static final class Pending {
    final String callId;
    final Instant at;
    final long seq;
    final int sid;
    String model;
    String agentId;
    Usage usage;
    boolean sidechain;
    boolean speed;
    @Nullable TextDigest text; // the response's last text block; excerpted only when built
    int index; // in the built session

    Pending(String callId, Instant at, long seq, int sid) {
      this.callId = callId;
      this.at = at;
      this.seq = seq;
      this.sid = sid;
      this.model = "";
      this.agentId = Request.MAIN_AGENT;
      this.usage = Usage.ZERO;
    }
  }

  // by time, then by the order read; as comparator chains (Comparator.comparing...) these were a
  // third of building a session on the client JIT, which does not inline through them
  private static final Comparator<Pending> REQUEST_ORDER =
      (x, y) -> order(x.at, x.seq, y.at, y.seq);
  private static final Comparator<PendingStep> STEP_ORDER =
      (x, y) -> order(x.at(), x.seq(), y.at(), y.seq());

  private static int order(Instant at, long seq, Instant otherAt, long otherSeq) {
    int c = at.compareTo(otherAt);
    return c != 0 ? c : Long.compare(seq, otherSeq);
  }

  private record PendingStep(
      Instant at, long seq, int sid, @Nullable Pending issuer, IntFunction<Step> make) {}

  void source(String file) {
    sources.add(file);
  }

  /**
   * Adds one line.
   *
   * @param at the line's time (or the file's last known time)
   * @param inMain whether the line comes from the session's main file
   * @param defaultAgent the agent of lines without an {@code agentId}
   * @param file and {@code lineNumber}: as {@code file:line}, the call id of a response without a
   *     message id (made only then: most lines never need it)
   */
  void add(
      ClaudeLine line,
      Instant at,
      boolean timed,
      boolean inMain,
      String defaultAgent,
      String file,
      long lineNumber) {
    seq++;
    if (line.sessionId != null) {
      if (inMain) {
        Integer known = mainIds.get(line.sessionId);
        if (known == null) {
          known = mainIds.size();
          mainIds.put(line.sessionId, known);
        }
        current = known;
      } else {
        Integer known = mainIds.get(line.sessionId);
        current = known == null ? 0 : known;
      }
      if (anySessionId == null) {
        anySessionId = line.sessionId;
      }
    }
    if (project == null) {
      project = line.cwd;
    }
    if (branch == null) {
      branch = line.gitBranch;
    }
    if (line.version != null) {
      attributes.putIfAbsent("version", line.version);
    }
    if (timed) {
      seen(at);
    }
    String agent =
        line.agentId != null && (line.isSidechain || !inMain) ? line.agentId : defaultAgent;
    String type = line.type == null ? "" : line.type;
    switch (type) {
      case "assistant" -> assistant(line, at, agent, file, lineNumber);
      case "user" -> user(line, at, agent);
      case "system" -> system(line, at, agent);
      case "pr-link" -> {
        if (line.prUrl != null) {
          attributes.put("pr.url", line.prUrl);
        }
        if (line.prNumber != null) {
          attributes.put("pr.number", line.prNumber);
        }
        if (line.prRepository != null) {
          attributes.put("pr.repository", line.prRepository);
        }
      }
      default -> {
        // progress lines embed sub-agent messages already counted from the sub-agent's own
        // file; summaries, snapshots and queue operations carry nothing billed
      }
    }
  }

  private void seen(Instant at) {
    if (first == null || at.isBefore(first)) {
      first = at;
    }
    if (last == null || at.isAfter(last)) {
      last = at;
    }
    while (spans.size() <= current) {
      spans.add(new Instant[2]);
    }
    Instant[] span = spans.get(current);
    if (span[0] == null || at.isBefore(span[0])) {
      span[0] = at;
    }
    if (span[1] == null || at.isAfter(span[1])) {
      span[1] = at;
    }
  }

  private void assistant(ClaudeLine line, Instant at, String agent, String file, long lineNumber) {
    if (SYNTHETIC.equals(line.model) || line.isApiErrorMessage) {
      String text = firstText(line);
      String message = text == null || text.isBlank() ? "API error" : text;
      step(at, null, i -> new Step.ApiError(at, i, agent, message));
      return;
    }
    Pending issuer =
        line.hasUsage && line.model != null ? request(line, at, agent, file, lineNumber) : null;
    for (ClaudeLine.Block b : line.blocks) {
      if (issuer != null && "text".equals(b.type) && b.text != null) {
        issuer.text = b.text; // a reference: the excerpt is made once per response, at build
      }
      if ("tool_use".equals(b.type)
          && b.id != null
          && b.name != null
          && b.input != null
          && toolUses.add(b.id)) {
        toolCall(b.id, b.name, b.input, at, agent, issuer);
      }
    }
  }

  /**
   * A request's message id and request id, or a line's file and number when it has no message id;
   * its call id joins them with a colon. A response may come in several lines (one per content
   * block), each looked up by this pair: the joined String is made only for a new request (3.6% ->
   * 3.2% of the parse threads). Its equality is written out: a record's own goes through method
   * handles, which the client JIT does not inline (it was twice as slow as the String it replaced).
   */
  private record RequestKey(String first, Object second) {
    String callId() {
      return first + ":" + second;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof RequestKey k && first.equals(k.first) && second.equals(k.second);
    }

    @Override
    public int hashCode() {
      return first.hashCode() * 31 + second.hashCode();
    }
  }

  private Pending request(ClaudeLine line, Instant at, String agent, String file, long lineNumber) {
    Usage usage = usage(line);
    RequestKey key =
        line.messageId == null
            ? new RequestKey(file, lineNumber)
            : new RequestKey(line.messageId, line.requestId == null ? "" : line.requestId);
    Pending p = byKey.get(key);
    if (p == null && line.messageId != null) {
      Pending same = byMessage.get(line.messageId);
      if (same != null && (same.sidechain || line.isSidechain)) {
        p = same; // a sidechain replay of a known response under a new requestId
      }
    }
    if (p == null) {
      p = new Pending(key.callId(), at, seq, current);
      requests.add(p);
      byKey.put(key, p);
      if (line.messageId != null) {
        byMessage.putIfAbsent(line.messageId, p);
      }
      replace(p, line, usage, agent);
    } else {
      byKey.putIfAbsent(key, p);
      if (replaces(line, usage, p)) {
        replace(p, line, usage, agent);
      }
    }
    return p;
  }

  private static boolean replaces(ClaudeLine line, Usage usage, Pending p) {
    if (line.isSidechain != p.sidechain) {
      return p.sidechain;
    }
    if (usage.total() != p.usage.total()) {
      return usage.total() > p.usage.total();
    }
    return line.hasSpeed && !p.speed;
  }

  private static void replace(Pending p, ClaudeLine line, Usage usage, String agent) {
    p.usage = usage;
    p.model = line.model == null ? "" : line.model;
    p.agentId = agent;
    p.sidechain = line.isSidechain;
    p.speed = line.hasSpeed;
  }

  static Usage usage(ClaudeLine line) {
    long e5 = Math.max(0, line.ephemeral5m);
    long e1 = Math.max(0, line.ephemeral1h);
    long writes = line.cacheCreationTokens >= 0 ? line.cacheCreationTokens : e5 + e1;
    long w1h = line.ephemeral1h >= 0 ? Math.min(e1, writes) : 0;
    long output = line.outputTokens;
    return new Usage(
        line.inputTokens,
        writes - w1h,
        w1h,
        line.cacheReadTokens,
        output,
        Math.min(line.thinkingTokens, output));
  }

  private void toolCall(
      String id, String name, ToolInput in, Instant at, String agent, @Nullable Pending issuer) {
    ToolKind kind = ClaudeTools.kind(name);
    String target = ClaudeTools.target(kind, in);
    step(at, issuer, i -> new Step.ToolCall(at, i, agent, id, name, kind, target, in.argsDigest));
    String file = in.filePath;
    if (file == null) {
      return;
    }
    switch (name) {
      case "Edit" -> {
        String before = in.oldDigest == null ? "" : in.oldDigest;
        String after = in.newDigest == null ? "" : in.newDigest;
        step(at, issuer, i -> new Step.Edit(at, i, agent, id, file, before, after));
      }
      case "MultiEdit" -> {
        for (String[] e : in.edits) {
          step(at, issuer, i -> new Step.Edit(at, i, agent, id, file, e[0], e[1]));
        }
      }
      case "Write" -> {
        String after = in.contentDigest == null ? "" : in.contentDigest;
        step(at, issuer, i -> new Step.Edit(at, i, agent, id, file, "", after));
      }
      default -> {}
    }
  }

  private void user(ClaudeLine line, Instant at, String agent) {
    if (line.isMeta || line.isCompactSummary) {
      return;
    }
    if (line.contentText != null) {
      userText(line.contentText, at, agent);
    }
    for (ClaudeLine.Block b : line.blocks) {
      if ("tool_result".equals(b.type) && b.toolUseId != null) {
        if (toolResults.add(b.toolUseId)) {
          toolResult(b, at, agent);
        }
      } else if ("text".equals(b.type) && b.text != null) {
        userText(b.text, at, agent);
      }
    }
  }

  private void userText(TextDigest text, Instant at, String agent) {
    String head = text.head();
    if (head.startsWith(INTERRUPT)) {
      step(at, null, i -> new Step.Interrupt(at, i, agent));
    } else if (!head.isBlank()) {
      long tokens = text.tokens();
      String excerpt = text.excerpt();
      step(at, null, i -> new Step.UserMessage(at, i, agent, tokens, excerpt));
    }
  }

  private void toolResult(ClaudeLine.Block b, Instant at, String agent) {
    TextDigest text = b.text != null ? b.text : new TextDigest();
    String callId = b.toolUseId == null ? "" : b.toolUseId;
    boolean error = b.isError;
    Integer exit = exitCode(text.head(EXIT_PREFIX_LENGTH)); // not the whole head: most are long
    long tokens = text.tokens();
    String digest = text.digest();
    Supplier<String> excerpt = text.excerptLater(); // most are never read: decoded if they are
    step(
        at,
        null,
        i -> new Step.ToolResult(at, i, agent, callId, error, exit, tokens, digest, excerpt));
  }

  /** Enough of a result's head to hold {@code Exit code -2147483648}. */
  private static final int EXIT_PREFIX_LENGTH = 32;

  /** The code of a Bash result that starts with {@code Exit code N}; success has none. */
  static @Nullable Integer exitCode(String head) {
    String prefix = "Exit code ";
    if (!head.startsWith(prefix)) {
      return null;
    }
    int i = prefix.length();
    int end = i;
    if (end < head.length() && head.charAt(end) == '-') {
      end++;
    }
    while (end < head.length() && Character.isDigit(head.charAt(end)) && end - i < 10) {
      end++;
    }
    try {
      return Integer.valueOf(head.substring(i, end));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void system(ClaudeLine line, Instant at, String agent) {
    String subtype = line.subtype == null ? "" : line.subtype;
    switch (subtype) {
      case "compact_boundary", "microcompact_boundary" -> {
        long pre = Math.max(0, line.preTokens);
        step(at, null, i -> new Step.Compaction(at, i, agent, pre));
      }
      case "api_error" -> {
        String message =
            line.errorMessage != null && !line.errorMessage.isBlank()
                ? line.errorMessage
                : line.retryAttempt >= 0
                    ? "API error, retry "
                        + line.retryAttempt
                        + (line.maxRetries >= 0 ? " of " + line.maxRetries : "")
                    : "API error";
        step(at, null, i -> new Step.ApiError(at, i, agent, message));
      }
      default -> {}
    }
  }

  private static @Nullable String firstText(ClaudeLine line) {
    if (line.contentText != null) {
      return line.contentText.excerpt();
    }
    for (ClaudeLine.Block b : line.blocks) {
      if ("text".equals(b.type) && b.text != null) {
        return b.text.excerpt();
      }
    }
    return null;
  }

  private void step(Instant at, @Nullable Pending issuer, IntFunction<Step> make) {
    steps.add(new PendingStep(at, seq, current, issuer, make));
  }

  /** Whether any line that identifies a session was read. */
  boolean isEmpty() {
    return seq == 0;
  }

  /**
   * The sessions read: none if no line was read, else one per session id of the main file that has
   * a request or a step (at least one); {@code fallbackId} names it when no line does.
   */
  List<Session> build(String fallbackId, String agentName) {
    if (seq == 0) {
      return List.of();
    }
    if (mainIds.size() <= 1) {
      String id = !mainIds.isEmpty() ? mainIds.keySet().iterator().next() : anySessionId;
      return List.of(build(id != null ? id : fallbackId, agentName, -1, first, last));
    }
    boolean[] used = new boolean[mainIds.size()];
    requests.forEach(p -> used[p.sid] = true);
    steps.forEach(s -> used[s.sid()] = true);
    List<Session> out = new ArrayList<>();
    int sid = 0;
    for (String id : mainIds.keySet()) {
      if (used[sid]) {
        Instant[] span = sid < spans.size() ? spans.get(sid) : new Instant[2];
        out.add(build(id, agentName, sid, span[0], span[1]));
      }
      sid++;
    }
    if (out.isEmpty()) {
      out.add(build(mainIds.keySet().iterator().next(), agentName, -1, first, last));
    }
    return out;
  }

  /** The session of id {@code sid}'s lines, or of all lines if {@code sid} is -1. */
  private Session build(
      String id, String agentName, int sid, @Nullable Instant from, @Nullable Instant to) {
    Session.Builder b = Session.builder(new SessionId(id), agentName);
    sources.forEach(b::source);
    b.project(project).branch(branch).seen(from).seen(to);
    attributes.forEach(b::attribute);

    List<Pending> ordered = new ArrayList<>(requests.size());
    for (Pending p : requests) {
      if (sid < 0 || p.sid == sid) {
        ordered.add(p);
      }
    }
    ordered.sort(REQUEST_ORDER);
    for (Pending p : ordered) {
      String text = p.text == null ? null : p.text.excerpt();
      p.index = b.request(new Request(p.callId, p.at, p.model, p.agentId, p.usage, null, text));
    }
    List<PendingStep> orderedSteps = new ArrayList<>(steps.size());
    for (PendingStep s : steps) {
      if (sid < 0 || s.sid() == sid) {
        orderedSteps.add(s);
      }
    }
    orderedSteps.sort(STEP_ORDER);
    int latest = -1;
    for (PendingStep s : orderedSteps) {
      while (latest + 1 < ordered.size() && !after(ordered.get(latest + 1), s)) {
        latest++;
      }
      Pending issuer = s.issuer();
      int i = issuer != null && (sid < 0 || issuer.sid == sid) ? issuer.index : latest;
      b.step(s.make().apply(i));
    }
    return b.build();
  }

  private static boolean after(Pending r, PendingStep s) {
    int c = r.at.compareTo(s.at());
    return c > 0 || (c == 0 && r.seq > s.seq());
  }
}
