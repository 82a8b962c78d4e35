package dev.tokensieve.parsers.miniswe;

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
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads mini-swe-agent trajectories: one session per file, id the instance id ({@code instance_id},
 * else the file name without {@code .traj.json}).
 *
 * <p>Every assistant message is one request, with the provider's usage and reported cost in {@code
 * extra.response.usage} (OpenAI semantics: {@code prompt_tokens} include {@code cached_tokens},
 * subtracted; {@code completion_tokens} include {@code reasoning_tokens}). The bash block of an
 * assistant message is a shell call; the next user message, with its {@code <returncode>}, is its
 * result. {@code info.exit_status} and {@code info.submission} become attributes.
 */
public final class MiniSweAgentParser implements TraceParser {
  private static final String MAIN = Request.MAIN_AGENT;
  private static final Pattern BASH =
      Pattern.compile("```(?:bash|sh)?\\s*\\n(.*?)\\n?```", Pattern.DOTALL);
  private static final Pattern OUTPUT =
      Pattern.compile("<output>\\n?(.*?)\\n?</output>", Pattern.DOTALL);

  /** Creates a parser; parsers are cheap and single-use. */
  public MiniSweAgentParser() {}

  @Override
  public boolean sniff(String fileName, String head) {
    if (Heads.firstChar(head) != '{' || Heads.hasKey(head, "trajectory")) {
      return false;
    }
    return Heads.hasKeyValue(head, "trajectory_format", "mini-swe-agent[^\"]*")
        || Heads.hasKey(head, "mini_version")
        || (Heads.hasKey(head, "model_stats") && Heads.hasKey(head, "messages"))
        || (fileName.endsWith(".traj.json") && Heads.hasKey(head, "messages"));
  }

  @Override
  public Stream<Session> parse(TraceInput input, ProblemSink problems) {
    return input.files().stream().flatMap(f -> Stream.ofNullable(read(f, problems)));
  }

  private static @Nullable Session read(Path file, ProblemSink problems) {
    return JsonRecords.firstDocument(
        file, problems, "messages", "mini-swe-agent trajectory", MiniSweAgentParser::session);
  }

  private static @Nullable Instant firstResponseTime(Node messages) {
    for (Node m : messages.elements()) {
      if ("assistant".equals(m.get("role").text(""))) {
        Instant at = Times.parse(m.path("extra", "response").get("created"));
        if (at == null) {
          at = Times.parse(m.get("timestamp"));
        }
        if (at != null) {
          return at;
        }
      }
    }
    return null;
  }

  private static Session session(Path file, Node doc) {
    Node info = doc.get("info");
    String id = doc.get("instance_id").text(info.get("instance_id").text(""));
    if (id.isBlank()) {
      id = file.getFileName().toString().replaceAll("(\\.traj)?\\.json(\\.gz)?$", "");
    }
    Session.Builder b = Session.builder(new SessionId(id), "mini-swe-agent");
    b.source(file.toString());
    String configModel = info.path("config", "model", "model_name").text("unknown");
    // Steps before the first timed response (the task prompt) take that response's time; the
    // file's modification time is only the last resort: a copied or extracted file's mtime says
    // nothing about the run, and it made the session's duration depend on where the file sat.
    Instant last = firstResponseTime(doc.get("messages"));
    if (last == null) {
      last = Times.modified(file);
    }
    boolean timed = false;
    Set<String> seen = new HashSet<>();
    @Nullable String pendingCall = null;
    int index = 0;
    boolean task = true;
    for (Node m : doc.get("messages").elements()) {
      index++;
      String role = m.get("role").text("");
      String content = content(m.get("content"));
      if ("assistant".equals(role)) {
        Node response = m.path("extra", "response");
        Instant at = Times.parse(response.get("created"));
        if (at == null) {
          at = Times.parse(m.get("timestamp"));
        }
        if (at != null) {
          last = at;
          timed = true;
        }
        String callId = response.get("id").text("message-" + index);
        Node usage = response.get("usage");
        if (usage.isObject() && seen.add(callId)) {
          Double cost = usage.get("cost").asDouble();
          if (cost == null) {
            cost = m.path("extra", "cost").asDouble();
          }
          b.request(
              new Request(
                  callId, last, response.get("model").text(configModel), MAIN, usage(usage), cost));
        }
        pendingCall = null;
        Matcher bash = BASH.matcher(content);
        if (bash.find()) {
          String command = Tools.normalise(bash.group(1));
          b.step(
              Tools.call(
                  last,
                  b.lastRequest(),
                  MAIN,
                  callId,
                  "bash",
                  ToolKind.SHELL,
                  Texts.excerpt(command),
                  command));
          pendingCall = callId;
        }
      } else if ("user".equals(role)) {
        if (task) {
          b.step(Tools.user(last, b.lastRequest(), MAIN, content));
          task = false;
        } else if (pendingCall != null) {
          Integer exit = Tools.exitCode(content);
          Matcher out = OUTPUT.matcher(content);
          String text = out.find() ? out.group(1) : content;
          b.step(
              Tools.result(
                  last, b.lastRequest(), MAIN, pendingCall, text, exit != null && exit != 0, exit));
          pendingCall = null;
        }
      }
    }
    if (!timed) {
      b.attribute("time_source", "file_modified");
    }
    b.seen(last);
    putIfPresent(b, "exit_status", info.get("exit_status").text());
    putIfPresent(b, "mini_version", info.get("mini_version").text());
    String submission = info.get("submission").text();
    if (submission != null) {
      b.attribute("submission", Texts.excerpt(submission));
      b.attribute("has_submission", Boolean.toString(!submission.isBlank()));
      PatchSize.of(submission).putInto(b);
    }
    Long calls = info.path("model_stats", "api_calls").asLong();
    if (calls != null) {
      b.attribute("api_calls", calls.toString());
    }
    Double cost = info.path("model_stats", "instance_cost").asDouble();
    if (cost != null) {
      b.attribute("instance_cost", cost.toString());
    }
    return b.build();
  }

  /** OpenAI-style usage, normalised. */
  static Usage usage(Node u) {
    long prompt = Math.max(0, u.get("prompt_tokens").asLong(0));
    Node details = u.get("prompt_tokens_details");
    long cached =
        Math.max(
            0, details.get("cached_tokens").asLong(u.get("cache_read_input_tokens").asLong(0)));
    long write =
        Math.max(
            0,
            details
                .get("cache_write_tokens")
                .asLong(u.get("cache_creation_input_tokens").asLong(0)));
    cached = Math.min(cached, prompt);
    write = Math.min(write, prompt - cached);
    long output = Math.max(0, u.get("completion_tokens").asLong(0));
    long reasoning = Math.max(0, u.path("completion_tokens_details", "reasoning_tokens").asLong(0));
    return new Usage(
        prompt - cached - write, write, 0, cached, output, Math.min(reasoning, output));
  }

  private static void putIfPresent(Session.Builder b, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      b.attribute(key, value);
    }
  }

  private static String content(Node c) {
    if (c.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (Node p : c.elements()) {
        sb.append(p.isText() ? p.text("") : p.get("text").text(""));
      }
      return sb.toString();
    }
    return c.text("");
  }
}
