package dev.tokensieve.parsers.sweagent;

import dev.tokensieve.core.model.PatchSize;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SessionId;
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
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads SWE-agent {@code .traj} files: one session per file, id the instance id ({@code
 * replay_config.problem_statement.id}, else the file name without {@code .traj}).
 *
 * <p>SWE-agent records only totals ({@code info.model_stats}: {@code tokens_sent} including cache,
 * {@code tokens_received}, {@code api_calls}, {@code instance_cost}). We make {@code api_calls}
 * requests and apportion the totals so that their sums equal {@code model_stats} exactly
 * (largest-remainder rounding): input in proportion to the prompt each call saw (the history's
 * characters up to that assistant message, which grow as the context does), output in proportion to
 * each assistant message's length, cost in proportion to input. The trace has no cache split, so
 * all input is fresh. Request {@code i} precedes trajectory step {@code i * steps / api_calls}. The
 * trajectory has no timestamps: every step and request carries the file's modification time
 * (attribute {@code time_source=file_modified}).
 */
public final class SweAgentParser implements TraceParser {
  private static final String MAIN = Request.MAIN_AGENT;

  /** Creates a parser; parsers are cheap and single-use. */
  public SweAgentParser() {}

  @Override
  public boolean sniff(String fileName, String head) {
    return Heads.firstChar(head) == '{'
        && Heads.hasKey(head, "trajectory")
        && (Heads.hasKey(head, "observation")
            || Heads.hasKey(head, "action")
            || Heads.hasKey(head, "environment"));
  }

  @Override
  public Stream<Session> parse(TraceInput input, ProblemSink problems) {
    return input.files().stream().flatMap(f -> Stream.ofNullable(read(f, problems)));
  }

  private static @Nullable Session read(Path file, ProblemSink problems) {
    return JsonRecords.firstDocument(
        file, problems, "trajectory", "SWE-agent trajectory", SweAgentParser::session);
  }

  private static Session session(Path file, Node doc) {
    Node config = doc.get("replay_config");
    if (config.isText()) {
      config = Node.parseOrMissing(config.text(""));
    }
    String id = config.path("problem_statement", "id").text("");
    if (id.isBlank()) {
      id = file.getFileName().toString().replaceAll("\\.traj(\\.json)?(\\.gz)?$", "");
    }
    String model = config.path("agent", "model", "name").text("unknown");
    Instant at = Times.modified(file);
    Session.Builder b = Session.builder(new SessionId(id), "swe-agent");
    b.source(file.toString());
    b.attribute("time_source", "file_modified");
    Node info = doc.get("info");
    Node stats = info.get("model_stats");
    long sent = Math.max(0, stats.get("tokens_sent").asLong(0));
    long received = Math.max(0, stats.get("tokens_received").asLong(0));
    Double cost = stats.get("instance_cost").asDouble();
    if (cost == null) {
      cost = stats.get("total_cost").asDouble();
    }
    List<Node> steps = doc.get("trajectory").elements();
    int calls = (int) Math.min(100_000, Math.max(0, stats.get("api_calls").asLong(0)));
    if (calls == 0 && (sent > 0 || received > 0)) {
      calls = Math.max(1, steps.size());
    }
    double[] inWeights = new double[calls];
    double[] outWeights = new double[calls];
    weights(doc.get("history"), inWeights, outWeights);
    long[] in = apportion(sent, inWeights);
    long[] out = apportion(received, outWeights);
    boolean costKnown = cost != null && (cost > 0 || sent + received == 0);
    double[] costs = new double[calls];
    if (costKnown) {
      double spent = 0;
      for (int i = 0; i < calls; i++) {
        costs[i] =
            i == calls - 1
                ? Math.max(0, cost - spent)
                : sent == 0 ? cost / calls : cost * in[i] / sent;
        spent += costs[i];
      }
    }
    String task = firstTask(doc.get("history"));
    if (task != null) {
      b.step(Tools.user(at, -1, MAIN, task));
    }
    int next = 0;
    for (int s = 0; s <= steps.size(); s++) {
      while (next < calls && (steps.isEmpty() || (long) next * steps.size() / calls <= s)) {
        b.request(
            new Request(
                id + ":" + next,
                at,
                model,
                MAIN,
                new Usage(in[next], 0, 0, 0, out[next], 0),
                costKnown ? costs[next] : null));
        next++;
      }
      if (s < steps.size()) {
        step(b, steps.get(s), s, at);
      }
    }
    putIfPresent(b, "exit_status", info.get("exit_status").text());
    String submission = info.get("submission").text();
    if (submission != null) {
      b.attribute("submission", Texts.excerpt(submission));
      PatchSize.of(submission).putInto(b);
    }
    b.attribute("has_submission", Boolean.toString(submission != null && !submission.isBlank()));
    b.attribute("api_calls", Integer.toString(calls));
    if (cost != null) {
      b.attribute("instance_cost", cost.toString());
    }
    putIfPresent(b, "environment", doc.get("environment").text());
    return b.build();
  }

  private static void step(Session.Builder b, Node step, int index, Instant at) {
    String action = step.get("action").text("").strip();
    if (action.isEmpty()) {
      return;
    }
    String callId = "step-" + index;
    int r = b.lastRequest();
    String[] words = action.split("\\s+", 3);
    String command = words[0];
    ToolKind kind = Tools.kindOf(command);
    if (kind == ToolKind.OTHER && !"submit".equals(command) && !"exit_forfeit".equals(command)) {
      kind = ToolKind.SHELL;
    }
    String openFile = openFile(step.get("state"));
    String target;
    switch (kind) {
      case READ:
      case WRITE:
        target =
            words.length > 1 && !"goto".equals(command) && !command.startsWith("scroll")
                ? unquote(words[1])
                : openFile;
        break;
      case EDIT:
        target =
            "str_replace_editor".equals(command) && words.length > 2
                ? unquote(words[2].split("\\s+")[0])
                : openFile;
        break;
      case SEARCH:
        target = action.substring(command.length()).strip();
        break;
      default:
        target = Tools.normalise(action);
        break;
    }
    b.step(Tools.call(at, r, MAIN, callId, command, kind, Texts.excerpt(target), action));
    if (kind == ToolKind.EDIT || kind == ToolKind.WRITE) {
      String body = action.substring(command.length()).strip();
      int nl = body.indexOf('\n');
      String locator = nl < 0 ? "" : body.substring(0, nl);
      b.step(Tools.edit(at, r, MAIN, callId, target, kind == ToolKind.WRITE ? "" : locator, body));
    }
    String observation = step.get("observation").text("");
    boolean error =
        observation.contains("Traceback (most recent call last)")
            || observation.contains("command not found")
            || observation.startsWith("Error:");
    b.step(Tools.result(at, r, MAIN, callId, observation, error, null));
  }

  private static String unquote(String s) {
    String t = s.strip();
    if (t.length() >= 2 && (t.startsWith("\"") || t.startsWith("'"))) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  private static String openFile(Node state) {
    Node s = state.isText() ? Node.parseOrMissing(state.text("")) : state;
    String f = s.get("open_file").text("");
    return "n/a".equals(f) ? "" : f;
  }

  private static @Nullable String firstTask(Node history) {
    for (Node m : history.elements()) {
      if ("user".equals(m.get("role").text(""))
          && !Boolean.TRUE.equals(m.get("is_demo").asBoolean())
          && !"demonstration".equals(m.get("message_type").text(""))) {
        Node c = m.get("content");
        return c.isText() ? c.text("") : c.toJson();
      }
    }
    return null;
  }

  /** Prompt size seen by each assistant message (input) and its length (output). */
  private static void weights(Node history, double[] in, double[] out) {
    List<double[]> calls = new ArrayList<>();
    double context = 0;
    for (Node m : history.elements()) {
      Node c = m.get("content");
      int len = c.isText() ? c.text("").length() : c.toJson().length();
      boolean demo = Boolean.TRUE.equals(m.get("is_demo").asBoolean());
      if ("assistant".equals(m.get("role").text("")) && !demo) {
        calls.add(new double[] {Math.max(1, context), Math.max(1, len)});
      }
      context += len;
    }
    int n = in.length;
    for (int i = 0; i < n; i++) {
      if (calls.isEmpty()) {
        in[i] = 1;
        out[i] = 1;
      } else {
        double[] w = calls.get((int) ((long) i * calls.size() / n));
        in[i] = w[0];
        out[i] = w[1];
      }
    }
  }

  /** Splits {@code total} in proportion to {@code weights}; the parts sum to {@code total}. */
  static long[] apportion(long total, double[] weights) {
    int n = weights.length;
    long[] parts = new long[n];
    if (n == 0) {
      return parts;
    }
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    long given = 0;
    double[] remainders = new double[n];
    for (int i = 0; i < n; i++) {
      double exact = sum > 0 ? total * (weights[i] / sum) : (double) total / n;
      parts[i] = (long) Math.floor(exact);
      remainders[i] = exact - parts[i];
      given += parts[i];
    }
    for (long left = total - given; left > 0; left--) {
      int best = 0;
      for (int i = 1; i < n; i++) {
        if (remainders[i] > remainders[best]) {
          best = i;
        }
      }
      parts[best]++;
      remainders[best] = -1;
    }
    return parts;
  }

  private static void putIfPresent(Session.Builder b, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      b.attribute(key, value);
    }
  }
}
