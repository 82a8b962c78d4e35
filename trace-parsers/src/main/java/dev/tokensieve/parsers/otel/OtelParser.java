package dev.tokensieve.parsers.otel;

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
import dev.tokensieve.parsers.common.JsonRecords;
import dev.tokensieve.parsers.common.Node;
import dev.tokensieve.parsers.common.Tools;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads OTLP/JSON files (one export document, or JSON lines of exports as the OTLP file and stdout
 * exporters write them): OpenTelemetry GenAI inference and {@code execute_tool} spans, and Claude
 * Code's OTel log events ({@code claude_code.api_request}, {@code tool_result}, {@code api_error},
 * {@code user_prompt}, {@code compaction}).
 *
 * <p>Sessions are grouped by {@code gen_ai.conversation.id} (or {@code session.id}, else the trace
 * id) and ordered by time, since exporters write spans when they end. A call is counted once per
 * {@code gen_ai.response.id} / {@code request_id}. GenAI semantics: {@code
 * gen_ai.usage.input_tokens} includes cache reads and writes (subtracted). Claude Code follows
 * Anthropic semantics instead (its {@code input_tokens} are already uncached) and reports {@code
 * cost_usd}, which becomes the request's reported cost. Metrics are not read: they would count the
 * same calls again.
 */
public final class OtelParser implements TraceParser {
  private static final String MAIN = Request.MAIN_AGENT;
  private static final Pattern OTLP_ROOT =
      Pattern.compile("^\\s*\\{\\s*\"resource(Spans|Logs|Metrics)\"\\s*:");

  /** Creates a parser; parsers are cheap and single-use. */
  public OtelParser() {}

  @Override
  public boolean sniff(String fileName, String head) {
    return OTLP_ROOT.matcher(head).find();
  }

  @Override
  public Stream<Session> parse(TraceInput input, ProblemSink problems) {
    return Stream.of(input).flatMap(i -> read(i, problems).stream());
  }

  private static List<Session> read(TraceInput input, ProblemSink problems) {
    Reader reader = new Reader();
    for (var file : input.files()) {
      reader.file = file.toString();
      JsonRecords.records(file, problems, (n, line) -> reader.export(n));
    }
    return reader.sessions();
  }

  /** Something that happened, placed in time; a request or a step awaiting its request index. */
  private record Entry(
      Instant at, long seq, @Nullable Request request, @Nullable IntFunction<Step> step) {}

  private static final class Reader {
    private String file = "";
    private final Map<String, List<Entry>> bySession = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
    private final Set<String> calls = new HashSet<>();
    private long seq;

    void export(Node root) {
      for (Node rs : root.get("resourceSpans").elements()) {
        Map<String, Node> resource = attributes(rs.path("resource", "attributes"));
        for (Node ss : scopes(rs, "scopeSpans", "instrumentationLibrarySpans")) {
          for (Node span : ss.get("spans").elements()) {
            span(resource, span);
          }
        }
      }
      for (Node rl : root.get("resourceLogs").elements()) {
        Map<String, Node> resource = attributes(rl.path("resource", "attributes"));
        for (Node sl : scopes(rl, "scopeLogs", "instrumentationLibraryLogs")) {
          for (Node log : sl.get("logRecords").elements()) {
            log(resource, log);
          }
        }
      }
    }

    private static List<Node> scopes(Node n, String key, String legacyKey) {
      List<Node> out = new ArrayList<>(n.get(key).elements());
      out.addAll(n.get(legacyKey).elements());
      return out;
    }

    private void span(Map<String, Node> resource, Node span) {
      Map<String, Node> a = attributes(span.get("attributes"));
      String name = span.get("name").text("");
      Instant start = nanos(span.get("startTimeUnixNano"));
      Instant end = nanos(span.get("endTimeUnixNano"));
      if (end == null) {
        end = start == null ? Instant.EPOCH : start;
      }
      if (start == null) {
        start = end;
      }
      String session = sessionKey(a, resource, span.get("traceId").text("trace"));
      String op = text(a, "gen_ai.operation.name");
      boolean error = isError(span.get("status")) || a.containsKey("error.type");
      if ("execute_tool".equals(op)
          || name.startsWith("execute_tool")
          || "claude_code.tool".equals(name)) {
        String tool = first(a, "gen_ai.tool.name", "tool_name");
        String callId = first(a, "gen_ai.tool.call.id", "tool_use_id");
        if (callId.isEmpty()) {
          callId = span.get("spanId").text("span-" + seq);
        }
        String rawArgs = first(a, "gen_ai.tool.call.arguments", "tool_input");
        String result = first(a, "gen_ai.tool.call.result");
        if (error && result.isEmpty()) {
          result = first(a, "error.type", "error");
        }
        tool(
            session,
            resource,
            start,
            end,
            tool.isEmpty() ? name : tool,
            callId,
            rawArgs,
            result,
            error,
            null);
        return;
      }
      if (hasUsage(a)) {
        request(session, resource, a, end, name.startsWith("claude_code."));
      } else if (error
          && ("chat".equals(op) || "generate_content".equals(op) || "text_completion".equals(op))) {
        String message = first(a, "error.type", "error");
        Instant failedAt = end;
        add(
            session,
            resource,
            end,
            null,
            r -> new Step.ApiError(failedAt, r, MAIN, message.isEmpty() ? "error" : message));
      }
    }

    private void log(Map<String, Node> resource, Node log) {
      Map<String, Node> a = attributes(log.get("attributes"));
      String event = first(a, "event.name");
      if (event.isEmpty()) {
        event = log.path("body", "stringValue").text("");
      }
      event = event.startsWith("claude_code.") ? event.substring("claude_code.".length()) : event;
      Instant at = nanos(log.get("timeUnixNano"));
      if (at == null) {
        at = nanos(log.get("observedTimeUnixNano"));
      }
      if (at == null) {
        at = Instant.EPOCH;
      }
      String session = sessionKey(a, resource, log.get("traceId").text("logs"));
      Instant when = at;
      switch (event) {
        case "api_request":
          request(session, resource, a, at, true);
          break;
        case "gen_ai.client.inference.operation.details":
          if (hasUsage(a)) {
            request(session, resource, a, at, false);
          }
          break;
        case "api_error":
          {
            String message = (first(a, "status_code") + " " + first(a, "error")).strip();
            add(
                session,
                resource,
                at,
                null,
                r ->
                    new Step.ApiError(
                        when, r, MAIN, message.isEmpty() ? "API error" : Texts.excerpt(message)));
            break;
          }
        case "tool_result":
          {
            String callId = first(a, "tool_use_id");
            if (callId.isEmpty()) {
              callId = "tool-" + seq;
            }
            boolean failed = "false".equalsIgnoreCase(first(a, "success"));
            Node params = Node.parseOrMissing(first(a, "tool_parameters"));
            String command = params.get("full_command").text(params.get("bash_command").text(""));
            String args =
                command.isEmpty() ? first(a, "tool_input") : "{\"command\":" + quote(command) + "}";
            long size =
                a.containsKey("tool_result_size_bytes")
                    ? a.get("tool_result_size_bytes").asLong(0)
                    : -1;
            tool(
                session,
                resource,
                at,
                at,
                first(a, "tool_name"),
                callId,
                args,
                failed ? first(a, "error") : "",
                failed,
                size);
            break;
          }
        case "user_prompt":
          {
            String prompt = first(a, "prompt");
            long length =
                a.containsKey("prompt_length") ? a.get("prompt_length").asLong(0) : prompt.length();
            add(
                session,
                resource,
                at,
                null,
                r ->
                    new Step.UserMessage(
                        when, r, MAIN, Texts.estimateTokens(length), Texts.excerpt(prompt)));
            break;
          }
        case "compaction":
          {
            long pre = a.containsKey("pre_tokens") ? a.get("pre_tokens").asLong(0) : 0;
            add(session, resource, at, null, r -> new Step.Compaction(when, r, MAIN, pre));
            break;
          }
        default:
          break;
      }
    }

    private void tool(
        String session,
        Map<String, Node> resource,
        Instant start,
        Instant end,
        String tool,
        String callId,
        String rawArgs,
        String result,
        boolean error,
        @Nullable Long sizeBytes) {
      ToolKind kind = Tools.kindOf(tool);
      Node args = Node.parseOrMissing(rawArgs);
      String target = args.isMissing() ? Texts.excerpt(rawArgs) : Tools.target(kind, args);
      add(
          session,
          resource,
          start,
          null,
          r -> Tools.call(start, r, MAIN, callId, tool, kind, target, rawArgs));
      Integer exit = kind == ToolKind.SHELL ? Tools.exitCode(result) : null;
      boolean failed = error || (exit != null && exit != 0);
      add(
          session,
          resource,
          end,
          null,
          r -> {
            Step.ToolResult res = Tools.result(end, r, MAIN, callId, result, failed, exit);
            if (sizeBytes != null && sizeBytes >= 0) {
              return new Step.ToolResult(
                  end,
                  r,
                  MAIN,
                  callId,
                  failed,
                  exit,
                  Texts.estimateTokens(sizeBytes),
                  res.digest(),
                  res.excerpt());
            }
            return res;
          });
    }

    private void request(
        String session,
        Map<String, Node> resource,
        Map<String, Node> a,
        Instant at,
        boolean claudeEvent) {
      String callId = first(a, "gen_ai.response.id", "request_id");
      if (!callId.isEmpty() && !calls.add(callId)) {
        return;
      }
      if (callId.isEmpty()) {
        callId = "otel-" + seq;
      }
      boolean anthropic =
          claudeEvent
              || a.containsKey("input_tokens")
              || "claude-code".equals(text(resource, "service.name"));
      long input =
          num(a, "gen_ai.usage.input_tokens", "input_tokens", "gen_ai.usage.prompt_tokens");
      long read =
          num(
              a,
              "gen_ai.usage.cache_read.input_tokens",
              "cache_read_tokens",
              "gen_ai.usage.cache_read_input_tokens");
      long write =
          num(
              a,
              "gen_ai.usage.cache_creation.input_tokens",
              "cache_creation_tokens",
              "gen_ai.usage.cache_creation_input_tokens");
      long output =
          num(a, "gen_ai.usage.output_tokens", "output_tokens", "gen_ai.usage.completion_tokens");
      long reasoning = Math.min(output, num(a, "gen_ai.usage.reasoning.output_tokens"));
      if (!anthropic) {
        read = Math.min(read, input);
        write = Math.min(write, input - read);
        input = input - read - write;
      }
      String model = first(a, "gen_ai.response.model", "gen_ai.request.model", "model");
      Node cost = a.get("cost_usd");
      Double reported = cost == null ? null : cost.asDouble();
      Request req =
          new Request(
              callId,
              at,
              model.isEmpty() ? "unknown" : model,
              MAIN,
              new Usage(input, write, 0, read, output, reasoning),
              reported);
      add(session, resource, at, req, null);
    }

    private void add(
        String session,
        Map<String, Node> resource,
        Instant at,
        @Nullable Request request,
        @Nullable IntFunction<Step> step) {
      bySession
          .computeIfAbsent(session, k -> new ArrayList<>())
          .add(new Entry(at, seq++, request, step));
      Map<String, String> attrs = attributes.computeIfAbsent(session, k -> new LinkedHashMap<>());
      attrs.putIfAbsent("source_file", file);
      for (String key :
          new String[] {
            "service.name", "service.version", "user.id", "user.email", "organization.id"
          }) {
        String v = text(resource, key);
        if (!v.isEmpty()) {
          attrs.putIfAbsent(key, v);
        }
      }
    }

    List<Session> sessions() {
      List<Session> out = new ArrayList<>();
      for (Map.Entry<String, List<Entry>> e : bySession.entrySet()) {
        List<Entry> entries = new ArrayList<>(e.getValue());
        entries.sort(Comparator.comparing(Entry::at).thenComparingLong(Entry::seq));
        Session.Builder b = Session.builder(new SessionId(e.getKey()), "otel");
        Map<String, String> attrs = attributes.getOrDefault(e.getKey(), Map.of());
        b.source(attrs.getOrDefault("source_file", ""));
        for (Map.Entry<String, String> kv : attrs.entrySet()) {
          if ("user.email".equals(kv.getKey()) || "user.id".equals(kv.getKey())) {
            b.user(kv.getValue());
          } else if (!"source_file".equals(kv.getKey())) {
            b.attribute(kv.getKey(), kv.getValue());
          }
        }
        for (Entry en : entries) {
          Request r = en.request();
          IntFunction<Step> s = en.step();
          if (r != null) {
            b.request(r);
          } else if (s != null) {
            b.step(s.apply(b.lastRequest()));
          }
        }
        out.add(b.build());
      }
      return out;
    }

    private static String sessionKey(
        Map<String, Node> a, Map<String, Node> resource, String fallback) {
      String id = first(a, "gen_ai.conversation.id", "session.id");
      if (id.isEmpty()) {
        id = first(resource, "gen_ai.conversation.id", "session.id");
      }
      return id.isBlank() ? (fallback.isBlank() ? "otel" : fallback) : id;
    }

    private static boolean hasUsage(Map<String, Node> a) {
      for (String k :
          new String[] {
            "gen_ai.usage.input_tokens",
            "gen_ai.usage.output_tokens",
            "gen_ai.usage.prompt_tokens",
            "gen_ai.usage.completion_tokens",
            "input_tokens",
            "output_tokens"
          }) {
        if (a.containsKey(k)) {
          return true;
        }
      }
      return false;
    }

    private static boolean isError(Node status) {
      Node code = status.get("code");
      return code.asLong(0) == 2 || "STATUS_CODE_ERROR".equals(code.text(""));
    }
  }

  /** OTLP attributes as key to the inner value (stringValue, intValue, ...). */
  static Map<String, Node> attributes(Node list) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (Node kv : list.elements()) {
      String key = kv.get("key").text();
      if (key != null) {
        out.put(key, anyValue(kv.get("value")));
      }
    }
    return out;
  }

  private static Node anyValue(Node v) {
    for (String k : new String[] {"stringValue", "intValue", "doubleValue", "boolValue"}) {
      if (!v.get(k).isMissing()) {
        return v.get(k);
      }
    }
    if (!v.get("arrayValue").isMissing()) {
      return v.path("arrayValue", "values");
    }
    return v;
  }

  private static String text(Map<String, Node> a, String key) {
    Node n = a.get(key);
    return n == null ? "" : n.text("");
  }

  private static String first(Map<String, Node> a, String... keys) {
    for (String k : keys) {
      String v = text(a, k);
      if (!v.isEmpty()) {
        return v;
      }
    }
    return "";
  }

  private static long num(Map<String, Node> a, String... keys) {
    for (String k : keys) {
      Node n = a.get(k);
      if (n != null && n.asLong() != null) {
        return Math.max(0, n.asLong(0));
      }
    }
    return 0;
  }

  private static @Nullable Instant nanos(Node n) {
    return dev.tokensieve.parsers.common.Times.nanos(n);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
