package dev.tokensieve.parsers.openhands;

import dev.tokensieve.core.model.PatchSize;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SessionId;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Texts;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.parsers.ProblemSink;
import dev.tokensieve.parsers.TraceInput;
import dev.tokensieve.parsers.TraceParser;
import dev.tokensieve.parsers.common.Heads;
import dev.tokensieve.parsers.common.JsonRecords;
import dev.tokensieve.parsers.common.Node;
import dev.tokensieve.parsers.common.Times;
import dev.tokensieve.parsers.common.Tools;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads OpenHands traces: a saved trajectory (a JSON array of events; one session named after the
 * file) and evaluation or resolver output (JSON lines, one instance per line; each a session with
 * id {@code instance_id}, or {@code owner/repo#number} for the resolver).
 *
 * <p>Requests, most precise source first: per-call {@code metrics.token_usages[]}, de-duplicated by
 * {@code response_id}; else each distinct {@code tool_call_metadata.model_response} of the events;
 * else the changes of the cumulative event {@code llm_metrics} (never summed); else one zero-token
 * request per reported cost. {@code prompt_tokens} include cache reads and writes (subtracted).
 * {@code metrics.costs[]}, when it pairs one to one with the calls, gives each request's reported
 * cost.
 */
public final class OpenHandsParser implements TraceParser {
  /**
   * An error observation that reports a failed model call (litellm's exception names, provider
   * statuses) rather than an action the agent got wrong.
   */
  private static final Pattern LLM_FAILURE =
      Pattern.compile(
          "(?i)litellm|RateLimit|APIError|APIConnectionError|ServiceUnavailable"
              + "|InternalServerError|Timeout|overloaded|status code:? *[45]\\d\\d");

  private static final String MAIN = Request.MAIN_AGENT;

  /** Creates a parser; parsers are cheap and single-use. */
  public OpenHandsParser() {}

  @Override
  public boolean sniff(String fileName, String head) {
    char c = Heads.firstChar(head);
    if ((c != '{' && c != '[') || Heads.hasKey(head, "trajectory")) {
      return false;
    }
    boolean events =
        Heads.hasKeyValue(head, "source", "agent|user|environment")
            && (Heads.hasKey(head, "observation") || Heads.hasKey(head, "action"));
    boolean eval =
        Heads.hasKey(head, "history")
            && (Heads.hasKey(head, "instance_id")
                || Heads.hasKey(head, "issue_type")
                || Heads.hasKey(head, "agent_class"));
    return events || eval || Heads.hasKey(head, "llm_metrics");
  }

  @Override
  public Stream<Session> parse(TraceInput input, ProblemSink problems) {
    return input.files().stream().flatMap(f -> read(f, problems).stream());
  }

  private static List<Session> read(Path file, ProblemSink problems) {
    List<Session> out = new ArrayList<>();
    JsonRecords.records(
        file,
        problems,
        (n, line) -> {
          if (n.isArray()) {
            String stem = file.getFileName().toString().replaceAll("\\.json(l)?(\\.gz)?$", "");
            out.add(new Instance(file, stem, Node.MISSING, n).build());
          } else if (n.get("history").isArray()) {
            out.add(new Instance(file, instanceId(n, file, line), n, n.get("history")).build());
          } else {
            problems.report(
                file.toString(), line, "neither an event list nor an instance with history");
          }
        });
    return out;
  }

  private static String instanceId(Node n, Path file, long line) {
    String id = n.get("instance_id").text("");
    if (!id.isBlank()) {
      return id;
    }
    Node issue = n.get("issue");
    if (issue.isObject()) {
      return issue.get("owner").text("")
          + "/"
          + issue.get("repo").text("")
          + "#"
          + issue.get("number").text("");
    }
    return file.getFileName() + ":" + line;
  }

  /** One evaluated instance or trajectory being assembled. */
  private static final class Instance {
    private final Session.Builder b;
    private final Node record;
    private final Node history;
    private final LinkedHashMap<String, Call> calls = new LinkedHashMap<>();
    private final List<Double> costs = new ArrayList<>();
    private final Set<String> emitted = new HashSet<>();
    private final Map<Long, String> callIdOfEvent = new HashMap<>();
    private final String model;
    private final String sessionId;
    private Instant last;
    private @Nullable String pendingCall;
    private @Nullable Usage lastCumulative;

    private record Call(String id, String model, Usage usage) {}

    Instance(Path file, String id, Node record, Node history) {
      this.record = record;
      this.sessionId = id;
      this.history = history;
      this.b = Session.builder(new SessionId(id), "openhands");
      b.source(file.toString());
      Instant start = Times.parse(record.path("metadata", "start_time"));
      this.last = start != null ? start : Times.modified(file);
      this.model = record.path("metadata", "llm_config", "model").text("unknown");
      Node metrics = record.get("metrics");
      for (Node u : metrics.get("token_usages").elements()) {
        String rid = u.get("response_id").text("");
        if (!rid.isEmpty() && !calls.containsKey(rid)) {
          calls.put(rid, new Call(rid, u.get("model").text(model), usage(u)));
        }
      }
      for (Node c : metrics.get("costs").elements()) {
        Double v = c.isNumber() ? c.asDouble() : c.get("cost").asDouble();
        costs.add(v == null ? 0.0 : v);
      }
    }

    Session build() {
      List<Node> events = history.elements();
      for (Node e : events) {
        event(e);
      }
      // Calls the events never mentioned (e.g. the last message): at the end, in order.
      for (Call c : calls.values()) {
        if (!emitted.contains(c.id())) {
          emit(c);
        }
      }
      if (b.requests().isEmpty() && !costs.isEmpty()) {
        for (int i = 0; i < costs.size(); i++) {
          b.request(
              new Request(sessionId + ":cost-" + i, last, model, MAIN, Usage.ZERO, costs.get(i)));
        }
      } else if (costs.size() == b.requests().size()) {
        List<Request> rs = b.requests();
        for (int i = 0; i < rs.size(); i++) {
          Request r = rs.get(i);
          rs.set(
              i, new Request(r.callId(), r.at(), r.model(), r.agentId(), r.usage(), costs.get(i)));
        }
      }
      attributes();
      b.seen(last);
      return b.build();
    }

    private void attributes() {
      String error = record.get("error").text();
      if (error != null && !error.isBlank()) {
        b.attribute("error", Texts.excerpt(error));
      }
      Boolean success = record.get("success").asBoolean();
      if (success != null) {
        b.attribute("success", success.toString());
      }
      String patch = record.path("test_result", "git_patch").text(record.get("git_patch").text(""));
      b.attribute("has_patch", Boolean.toString(!patch.isBlank()));
      PatchSize.of(patch).putInto(b);
      String agent = record.path("metadata", "agent_class").text();
      if (agent != null) {
        b.attribute("agent_class", agent);
      }
      Double accumulated = record.path("metrics", "accumulated_cost").asDouble();
      if (accumulated != null) {
        b.attribute("accumulated_cost", accumulated.toString());
      }
      if (record.isObject()) {
        b.repo(record.path("instance", "repo").text());
      }
    }

    private void event(Node e) {
      Instant at = Times.parse(e.get("timestamp"));
      if (at != null) {
        last = at;
      }
      Node meta = e.get("tool_call_metadata");
      Node response = meta.get("model_response");
      String rid = response.get("id").text("");
      if (!rid.isEmpty() && !emitted.contains(rid)) {
        // Emit calls recorded before this one first, keeping the metrics' order.
        for (Call c : new ArrayList<>(calls.values())) {
          if (c.id().equals(rid)) {
            break;
          }
          if (!emitted.contains(c.id())) {
            emit(c);
          }
        }
        Call c = calls.get(rid);
        if (c == null && calls.isEmpty() && response.get("usage").isObject()) {
          c = new Call(rid, response.get("model").text(model), usage(response.get("usage")));
        }
        if (c != null) {
          emit(c);
        }
      } else if (calls.isEmpty() && rid.isEmpty()) {
        cumulative(e.path("llm_metrics", "accumulated_token_usage"));
      }
      String action = e.get("action").text();
      String observation = e.get("observation").text();
      Node args = e.get("args").isObject() ? e.get("args") : e;
      if (action != null) {
        action(e, action, args, meta);
      } else if (observation != null) {
        observation(e, observation);
      }
    }

    private void cumulative(Node acc) {
      if (!acc.isObject()) {
        return;
      }
      Usage now = usage(acc);
      Usage before = lastCumulative == null ? Usage.ZERO : lastCumulative;
      if (now.equals(before)) {
        return;
      }
      lastCumulative = now;
      Usage delta = now.total() >= before.total() ? minus(now, before) : now;
      b.request(
          new Request(
              sessionId + ":" + b.requests().size(),
              last,
              acc.get("model").text(model),
              MAIN,
              delta,
              null));
    }

    private static Usage minus(Usage a, Usage o) {
      return new Usage(
          Math.max(0, a.input() - o.input()),
          Math.max(0, a.cacheWrite5m() - o.cacheWrite5m()),
          0,
          Math.max(0, a.cacheRead() - o.cacheRead()),
          Math.max(0, a.output() - o.output()),
          0);
    }

    private void emit(Call c) {
      emitted.add(c.id());
      b.request(new Request(c.id(), last, c.model(), MAIN, c.usage(), null));
    }

    private void action(Node e, String action, Node args, Node meta) {
      int r = b.lastRequest();
      String source = e.get("source").text("");
      long id = e.get("id").asLong(-1);
      String callId = meta.get("tool_call_id").text(id >= 0 ? "event-" + id : "event@" + last);
      switch (action) {
        case "message":
          if ("user".equals(source)) {
            b.step(Tools.user(last, r, MAIN, args.get("content").text(e.get("message").text(""))));
          }
          return;
        case "run":
        case "run_ipython":
        case "read":
        case "edit":
        case "write":
        case "browse":
        case "browse_interactive":
        case "delegate":
          break;
        case "finish":
          b.attribute("finished", "true");
          return;
        default:
          return; // think, recall, system, change_agent_state: no tool
      }
      String tool = meta.get("function_name").text(action);
      ToolKind kind = Tools.kindOf(action);
      String target = Tools.target(kind, args);
      b.step(Tools.call(last, r, MAIN, callId, tool, kind, target, args.toJson()));
      if ("edit".equals(action) || "write".equals(action)) {
        String after =
            args.get("new_str").text(args.get("file_text").text(args.get("content").text("")));
        b.step(
            Tools.edit(
                last, r, MAIN, callId, Tools.path(args), args.get("old_str").text(""), after));
      }
      if (id >= 0) {
        callIdOfEvent.put(id, callId);
      }
      pendingCall = callId;
    }

    private void observation(Node e, String observation) {
      int r = b.lastRequest();
      long cause = e.get("cause").asLong(-1);
      String callId = cause >= 0 ? callIdOfEvent.get(cause) : pendingCall;
      String content = e.get("content").text("");
      switch (observation) {
        case "agent_state_changed":
          {
            String state = e.path("extras", "agent_state").text("");
            b.attribute("agent_state", state);
            if ("stopped".equals(state) || "paused".equals(state)) {
              b.step(new Step.Interrupt(last, r, MAIN));
            }
            return;
          }
        case "error":
          if (callId == null && LLM_FAILURE.matcher(content).find()) {
            b.step(new Step.ApiError(last, r, MAIN, Texts.excerpt(content)));
            return;
          }
          if (callId == null) {
            // the agent's own malformed action (e.g. "Parameter 'command' is expected to be one
            // of [...]"): sent back to the model like a failed tool result, not an API failure
            b.step(
                Tools.result(
                    last, r, MAIN, "error-" + e.get("id").asLong(-1), content, true, null));
            return;
          }
          b.step(Tools.result(last, r, MAIN, callId, content, true, null));
          pendingCall = null;
          return;
        case "user_rejected":
          b.step(new Step.Interrupt(last, r, MAIN));
          return;
        default:
          break;
      }
      if (callId == null) {
        return;
      }
      Long exit = e.path("extras", "metadata", "exit_code").asLong();
      if (exit == null) {
        exit = e.path("extras", "exit_code").asLong();
      }
      if (exit == null) {
        exit = e.get("exit_code").asLong();
      }
      Integer code = exit == null || exit < 0 ? null : exit.intValue();
      // the file editor reports a refused command (old_str not found, a missing parameter, a bad
      // view_range) as an ordinary read/edit observation whose text starts with "ERROR:"
      boolean refused = code == null && content.startsWith("ERROR:");
      b.step(
          Tools.result(
              last, r, MAIN, callId, content, refused || (code != null && code != 0), code));
      pendingCall = null;
    }

    /** LiteLLM/OpenAI usage (also OpenHands' own token-usage records), normalised. */
    static Usage usage(Node u) {
      long prompt = Math.max(0, u.get("prompt_tokens").asLong(0));
      long read =
          Math.max(
              0,
              u.get("cache_read_tokens")
                  .asLong(
                      u.get("cache_read_input_tokens")
                          .asLong(u.path("prompt_tokens_details", "cached_tokens").asLong(0))));
      long write =
          Math.max(
              0,
              u.get("cache_write_tokens").asLong(u.get("cache_creation_input_tokens").asLong(0)));
      read = Math.min(read, prompt);
      write = Math.min(write, prompt - read);
      long output = Math.max(0, u.get("completion_tokens").asLong(0));
      long reasoning =
          Math.max(0, u.path("completion_tokens_details", "reasoning_tokens").asLong(0));
      return new Usage(prompt - read - write, write, 0, read, output, Math.min(reasoning, output));
    }
  }
}
