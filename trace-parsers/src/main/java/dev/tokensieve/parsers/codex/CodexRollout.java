package dev.tokensieve.parsers.codex;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SessionId;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Texts;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.parsers.common.Node;
import dev.tokensieve.parsers.common.Times;
import dev.tokensieve.parsers.common.Tools;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/** The state of one rollout file while its lines are read. */
final class CodexRollout {
  private static final String MAIN = Request.MAIN_AGENT;

  private final Path file;
  private final Set<String> counted;
  private Session.@Nullable Builder session;
  private String currentId = "";
  private boolean lastWasCompaction;
  private @Nullable String agentText; // the last agent_message, until a request takes it
  private @Nullable String sessionId;
  private String model = "unknown";
  private @Nullable Totals previous;
  private boolean replaySource;
  private @Nullable Long replaySecond;
  private boolean sawTokenCount;
  private Instant lastAt = Instant.EPOCH;
  private final List<Pending> pending = new ArrayList<>();
  private final Set<String> pendingCalls = new HashSet<>();
  private final Set<String> callsOfLastResponse = new HashSet<>();
  private int turnsStarted;
  private int turnsCompleted;
  private int turnsAborted;
  private long lastContext;

  /** A step waiting for the request of the response it belongs to. */
  private record Pending(boolean ofResponse, IntFunction<Step> step) {}

  CodexRollout(Path file, Set<String> counted) {
    this.file = file;
    this.counted = counted;
  }

  private Session.Builder session() {
    if (session == null) {
      currentId = idFromFileName();
      session = Session.builder(new SessionId(currentId), "codex");
      session.source(file.toString());
    }
    return session;
  }

  private String idFromFileName() {
    String name = file.getFileName().toString().replaceAll("\\.jsonl(\\.gz)?$", "");
    return name.matches(".*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
        ? name.substring(name.length() - 36)
        : name;
  }

  void record(Node line, long lineNo) {
    Instant at = Times.parse(line.get("timestamp"));
    if (at != null) {
      lastAt = at;
    }
    Node payload = line.get("payload");
    String type = line.get("type").text("");
    switch (type) {
      case "session_meta":
        sessionMeta(payload);
        break;
      case "turn_context":
        {
          String m = payload.get("model").text();
          if (m == null) {
            m = payload.path("collaboration_mode", "settings", "model").text();
          }
          if (m != null && !m.isBlank()) {
            model = m;
          }
          session().project(payload.get("cwd").text());
          break;
        }
      case "event_msg":
        event(payload, lineNo);
        break;
      case "response_item":
        responseItem(payload);
        break;
      case "compacted":
        compaction();
        break;
      default:
        break; // other rollout items (ghost snapshots, future kinds) carry nothing we count
    }
  }

  private void sessionMeta(Node p) {
    String id = p.get("id").text();
    Session.Builder b = session();
    if (sessionId == null && id != null && !id.isBlank()) {
      sessionId = id;
      currentId = id;
      b.id(new SessionId(id));
    }
    b.project(p.get("cwd").text());
    b.branch(p.path("git", "branch").text());
    b.repo(p.path("git", "repository_url").text());
    putIfPresent("cli_version", p.get("cli_version").text());
    putIfPresent("originator", p.get("originator").text());
    putIfPresent("model_provider", p.get("model_provider").text());
    putIfPresent("git_commit", p.path("git", "commit_hash").text());
    Node source = p.get("source");
    if (source.isText()) {
      putIfPresent("source", source.text());
    }
    Node spawn = source.path("subagent", "thread_spawn");
    if (!spawn.isMissing() || !p.get("forked_from_id").isNullish()) {
      replaySource = true;
      putIfPresent("parent_thread_id", spawn.get("parent_thread_id").text());
      putIfPresent("forked_from_id", p.get("forked_from_id").text());
    }
  }

  private void putIfPresent(String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      session().attribute(key, value);
    }
  }

  private void event(Node p, long lineNo) {
    String type = p.get("type").text("");
    switch (type) {
      case "token_count":
        tokenCount(p.get("info"), lineNo);
        break;
      case "user_message":
        {
          flush();
          String text = p.get("message").text("");
          later(false, r -> Tools.user(lastAt, r, MAIN, text));
          break;
        }
      case "agent_message":
        agentText = p.get("message").text(); // the response it ends is counted next
        break;
      case "task_started":
        flush();
        turnsStarted++;
        break;
      case "task_complete":
        turnsCompleted++;
        session().attribute("last_turn", "complete");
        break;
      case "turn_aborted":
        {
          turnsAborted++;
          session().attribute("last_turn", "aborted");
          putIfPresent("last_abort_reason", p.get("reason").text());
          Instant at = lastAt;
          later(false, r -> new Step.Interrupt(at, r, MAIN));
          break;
        }
      case "context_compacted":
        compaction();
        break;
      case "error":
      case "stream_error":
        {
          String message = p.get("message").text(type);
          Instant at = lastAt;
          later(false, r -> new Step.ApiError(at, r, MAIN, Texts.excerpt(message)));
          break;
        }
      default:
        break;
    }
  }

  private void compaction() {
    // Codex writes a `compacted` item and a `context_compacted` event for one compaction.
    if (lastWasCompaction) {
      return;
    }
    Instant at = lastAt;
    long pre = lastContext;
    later(false, r -> new Step.Compaction(at, r, MAIN, pre));
    lastWasCompaction = true;
  }

  private void tokenCount(Node info, long lineNo) {
    if (!info.isObject()) {
      return; // rate-limit-only refresh
    }
    @Nullable Totals total = Totals.of(info.get("total_token_usage"));
    @Nullable Totals last = Totals.of(info.get("last_token_usage"));
    String m = info.get("model").text();
    if (m != null && !m.isBlank()) {
      model = m;
    }
    long second = lastAt.getEpochSecond();
    if (replaySource && !sawTokenCount) {
      replaySecond = second; // the replayed parent history arrives in one burst
    }
    sawTokenCount = true;
    if (replaySecond != null && replaySecond == second && total != null) {
      previous = total;
      return;
    }
    Totals delta;
    if (total == null) {
      delta = last;
    } else if (previous == null) {
      delta = total;
    } else if (total.equals(previous)) {
      return; // re-emitted snapshot
    } else {
      delta = total.covers(previous) ? total.minus(previous) : last;
    }
    if (total != null) {
      previous = total;
    }
    if (delta == null || delta.isZero()) {
      return;
    }
    String key = lastAt + "|" + (total == null ? "" : total.toString());
    if (total != null && !counted.add(key)) {
      return; // the same snapshot was counted from another file of this input
    }
    if (last != null) {
      lastContext = last.input();
    }
    lastWasCompaction = false;
    int index =
        session()
            .request(
                new Request(
                    currentId + ":" + lineNo, lastAt, model, MAIN, delta.usage(), null, agentText));
    agentText = null;
    flushAt(index);
  }

  private void responseItem(Node p) {
    String type = p.get("type").text("");
    switch (type) {
      case "function_call":
        {
          String name = p.get("name").text("tool");
          String raw = p.get("arguments").text("");
          Node args = Node.parseOrMissing(raw);
          call(p.get("call_id").text(""), name, args, raw);
          break;
        }
      case "custom_tool_call":
        {
          String name = p.get("name").text("tool");
          String raw = p.get("input").text("");
          call(p.get("call_id").text(""), name, Node.MISSING, raw);
          break;
        }
      case "local_shell_call":
        {
          Node action = p.get("action");
          String command = Tools.normalise(Tools.argv(action.get("command")));
          String callId = p.get("call_id").text(p.get("id").text(""));
          addCall(callId, "local_shell", ToolKind.SHELL, command, action.toJson());
          break;
        }
      case "web_search_call":
        {
          Node action = p.get("action");
          String query = action.get("query").text("");
          addCall(p.get("id").text(""), "web_search", ToolKind.SEARCH, query, action.toJson());
          break;
        }
      case "function_call_output":
      case "custom_tool_call_output":
        output(p.get("call_id").text(""), p.get("output"));
        break;
      default:
        break; // messages and reasoning: the user's words come from event_msg/user_message
    }
  }

  private void call(String callId, String name, Node args, String raw) {
    ToolKind kind = Tools.kindOf(name);
    if ("write_stdin".equals(name)) {
      kind = ToolKind.OTHER;
    }
    String target;
    if ("apply_patch".equals(name)) {
      String patch = args.isObject() ? args.get("input").text(raw) : raw;
      List<Tools.PatchedFile> files = Tools.patchedFiles(patch);
      target = files.isEmpty() ? Texts.excerpt(patch) : files.get(0).path();
      addCall(callId, name, ToolKind.EDIT, target, patch);
      for (Tools.PatchedFile f : files) {
        Instant at = lastAt;
        later(
            true,
            r ->
                Tools.edit(
                    at,
                    r,
                    MAIN,
                    callId,
                    f.path(),
                    "Add".equals(f.operation()) ? "" : f.removed(),
                    f.added()));
      }
      return;
    }
    target = args.isMissing() ? Texts.excerpt(raw) : Tools.target(kind, args);
    addCall(callId, name, kind, target, args.isMissing() ? raw : args.toJson());
  }

  private void addCall(String callId, String name, ToolKind kind, String target, String args) {
    String id = callId.isEmpty() ? "call@" + lastAt : callId;
    Instant at = lastAt;
    pendingCalls.add(id);
    later(true, r -> Tools.call(at, r, MAIN, id, name, kind, target, args));
  }

  private void output(String callId, Node output) {
    String text;
    if (output.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (Node part : output.elements()) {
        sb.append(part.get("text").text(""));
      }
      text = sb.toString();
    } else {
      text = output.text("");
    }
    Integer exit = null;
    Boolean success = null;
    Node legacy = text.startsWith("{") ? Node.parseOrMissing(text) : Node.MISSING;
    if (legacy.isObject() && !legacy.get("output").isMissing()) {
      Long code = legacy.path("metadata", "exit_code").asLong();
      exit = code == null ? null : code.intValue();
      success = legacy.get("success").asBoolean();
      text = legacy.get("output").text("");
    }
    if (exit == null) {
      exit = Tools.exitCode(text);
    }
    boolean error = (exit != null && exit != 0) || Boolean.FALSE.equals(success);
    Integer code = exit;
    String body = text;
    Instant at = lastAt;
    boolean ofResponse = pendingCalls.contains(callId);
    later(ofResponse, r -> Tools.shellResult(at, r, MAIN, callId, body, error, code));
    if (!ofResponse && callsOfLastResponse.contains(callId)) {
      callsOfLastResponse.remove(callId);
    }
  }

  private void later(boolean ofResponse, IntFunction<Step> step) {
    pending.add(new Pending(ofResponse, step));
    lastWasCompaction = false;
  }

  /** Appends pending steps once their response's request is known. */
  private void flushAt(int request) {
    Session.Builder b = session();
    int before = request - 1;
    for (Pending p : pending) {
      b.step(p.step().apply(p.ofResponse() ? request : before));
    }
    pending.clear();
    callsOfLastResponse.clear();
    callsOfLastResponse.addAll(pendingCalls);
    pendingCalls.clear();
  }

  /** Appends pending steps against the latest request (no new response is coming first). */
  private void flush() {
    Session.Builder b = session();
    int current = b.lastRequest();
    for (Pending p : pending) {
      b.step(p.step().apply(current));
    }
    pending.clear();
    pendingCalls.clear();
  }

  @Nullable Session build() {
    if (session == null) {
      return null;
    }
    flush();
    session.attribute("turns_started", Integer.toString(turnsStarted));
    session.attribute("turns_completed", Integer.toString(turnsCompleted));
    session.attribute("turns_aborted", Integer.toString(turnsAborted));
    return session.build();
  }
}
