package dev.tokensieve.datasets;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.datasets.Script.Block;
import dev.tokensieve.datasets.Script.Call;
import dev.tokensieve.datasets.Script.Event;
import dev.tokensieve.parsers.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Renders a script as Claude Code 2.1.x writes it (FORMATS.md section 1): one line per content
 * block sharing {@code message.id} and {@code requestId}, tool results as user lines with {@code
 * toolUseResult}, sub-agents in {@code <sid>/subagents/agent-<id>.jsonl} (plus {@code .meta.json})
 * with {@code agent_progress} copies in the parent file, compaction in an {@code acompact} agent
 * file, API errors as {@code system/api_error} lines, and a resumed session's earlier lines
 * replayed at the top of its file.
 */
final class ClaudeCodeWriter {
  static final String INTERRUPT = "[Request interrupted by user for tool use]";
  static final String REJECTED =
      "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it"
          + " was a file edit, the new_string was NOT written to the file). STOP what you are doing"
          + " and wait for the user to tell you how to proceed.";
  static final String COMPACT_PROMPT =
      "Your task is to create a detailed summary of the conversation so far, paying close"
          + " attention to the user's explicit requests and your previous actions.";

  private final Files files;
  private final Timestamps ts = new Timestamps();

  /** Opens output streams by path relative to the corpus directory. */
  interface Files {
    OutputStream open(String relative) throws IOException;
  }

  ClaudeCodeWriter(Files files) {
    this.files = files;
  }

  static Files under(Path dir, CorpusWriter.Counter counter) {
    return relative -> counter.open(dir.resolve(relative));
  }

  /** One output file and the uuid of its last line. */
  private static final class Out {
    final JsonGenerator g;
    @Nullable String last;
    final String agentId;

    Out(JsonGenerator g, String agentId) {
      this.g = g;
      this.agentId = agentId;
    }
  }

  /** Per-render state: files, the uuid source, and what tool calls are still open. */
  private final class Render {
    final Script s;
    final String sessionId;
    SplittableRandom rnd;
    final Map<String, Out> outs = new LinkedHashMap<>();
    final Map<String, String> toolLine = new HashMap<>(); // tool_use id -> assistant line uuid
    final Map<String, String> parentMsg = new HashMap<>(); // tool_use id -> message id
    final Map<String, Call> lastCall = new HashMap<>();
    final List<String> open = new ArrayList<>();

    /** Long texts escaped once: a tool output is written two or three times (result, copy). */
    final Map<String, byte[]> escaped = new IdentityHashMap<>();

    final String dir;

    Render(Script s) {
      this.s = s;
      this.sessionId = s.sessionId;
      this.rnd = new SplittableRandom(s.renderSeed);
      this.dir = "claude-code/projects/" + Canonical.encodeCwd(s.cwd) + "/";
    }

    Out main() throws IOException {
      Out o = outs.get("main");
      if (o == null) {
        o = new Out(gen(files.open(dir + sessionId + ".jsonl")), "main");
        outs.put("main", o);
      }
      return o;
    }

    Out agent(String id) throws IOException {
      Out o = outs.get(id);
      if (o == null) {
        Script.SubAgent a = s.subAgents.get(id);
        if (a != null && !a.compaction()) {
          try (OutputStream meta =
              files.open(dir + sessionId + "/subagents/agent-" + id + ".meta.json")) {
            JsonGenerator g = gen(meta);
            g.writeStartObject();
            g.writeStringField("agentType", a.type());
            g.writeStringField("description", a.description());
            g.writeStringField("toolUseId", a.toolUseId());
            g.writeEndObject();
            g.close();
          }
        }
        o = new Out(gen(files.open(dir + sessionId + "/subagents/agent-" + id + ".jsonl")), id);
        outs.put(id, o);
      }
      return o;
    }

    Out out(String agent) throws IOException {
      return agent.equals("main") ? main() : agent(agent);
    }

    void close() throws IOException {
      for (Out o : outs.values()) {
        o.g.close();
      }
    }
  }

  /** Writes a string field, escaping a long text only once per render. */
  private static void text(Render r, JsonGenerator g, String field, String value)
      throws IOException {
    g.writeFieldName(field);
    if (value.length() < 256) {
      g.writeString(value);
    } else {
      byte[] b = r.escaped.computeIfAbsent(value, JsonText::escape);
      g.writeRawUTF8String(b, 0, b.length);
    }
  }

  private static JsonGenerator gen(OutputStream out) throws IOException {
    JsonGenerator g = Json.FACTORY.createGenerator(out);
    g.setRootValueSeparator(null);
    return g;
  }

  /** Writes the session's files. */
  void write(Script s) throws IOException {
    Render r = new Render(s);
    try {
      if (s.resumes != null) {
        Script earlier = s.resumes;
        r.rnd = new SplittableRandom(earlier.renderSeed);
        for (Event e : earlier.events) {
          event(r, earlier, e);
        }
        r.rnd = new SplittableRandom(s.renderSeed);
      }
      for (Event e : s.events) {
        event(r, s, e);
      }
    } finally {
      r.close();
    }
  }

  private void envelope(Render r, Out o, Script s, @Nullable String parent, boolean sidechain)
      throws IOException {
    JsonGenerator g = o.g;
    g.writeStartObject();
    if (parent == null) {
      g.writeNullField("parentUuid");
    } else {
      g.writeStringField("parentUuid", parent);
    }
    g.writeBooleanField("isSidechain", sidechain);
    g.writeStringField("userType", "external");
    g.writeStringField("cwd", s.cwd);
    g.writeStringField("sessionId", r.sessionId);
    g.writeStringField("version", s.version);
    g.writeStringField("gitBranch", s.branch);
    if (!o.agentId.equals("main")) {
      g.writeStringField("agentId", o.agentId);
    }
    g.writeStringField("slug", s.slug);
  }

  private static void end(JsonGenerator g) throws IOException {
    g.writeEndObject();
    g.writeRaw('\n');
  }

  private String uuid(Render r) {
    return Ids.uuid(r.rnd);
  }

  private void event(Render r, Script s, Event e) throws IOException {
    if (e instanceof Call) {
      call(r, s, (Call) e);
    } else if (e instanceof Script.Result) {
      result(r, s, (Script.Result) e);
    } else if (e instanceof Script.Prompt) {
      prompt(r, s, (Script.Prompt) e);
    } else if (e instanceof Script.Interrupt) {
      interrupt(r, s, (Script.Interrupt) e);
    } else if (e instanceof Script.ApiErrors) {
      apiErrors(r, s, (Script.ApiErrors) e);
    } else if (e instanceof Script.Compact) {
      compact(r, s, (Script.Compact) e);
    } else if (e instanceof Script.PrLink) {
      Script.PrLink p = (Script.PrLink) e;
      JsonGenerator g = r.main().g;
      g.writeStartObject();
      g.writeStringField("type", "pr-link");
      g.writeStringField("sessionId", r.sessionId);
      g.writeNumberField("prNumber", p.number());
      g.writeStringField("prUrl", p.url());
      g.writeStringField("prRepository", p.repository());
      g.writeStringField("timestamp", ts.format(p.at()));
      end(g);
    } else if (e instanceof Script.ModelSwitch) {
      Script.ModelSwitch m = (Script.ModelSwitch) e;
      Out o = r.main();
      String id = uuid(r);
      envelope(r, o, s, o.last, false);
      o.g.writeStringField("type", "system");
      o.g.writeStringField("subtype", "local_command");
      o.g.writeStringField(
          "content",
          "<command-name>/model</command-name>\n            <command-message>model</command-message>\n"
              + "            <command-args>"
              + m.model()
              + "</command-args>");
      o.g.writeStringField("level", "info");
      o.g.writeStringField("timestamp", ts.format(m.at()));
      o.g.writeStringField("uuid", id);
      o.g.writeBooleanField("isMeta", false);
      end(o.g);
      o.last = id;
    } else if (e instanceof Script.TurnEnd) {
      Script.TurnEnd t = (Script.TurnEnd) e;
      Out o = r.main();
      String id = uuid(r);
      envelope(r, o, s, o.last, false);
      o.g.writeStringField("type", "system");
      o.g.writeStringField("subtype", "turn_duration");
      o.g.writeNumberField("durationMs", t.durationMs());
      o.g.writeStringField("timestamp", ts.format(t.at()));
      o.g.writeStringField("uuid", id);
      o.g.writeBooleanField("isMeta", false);
      end(o.g);
      o.last = id;
    }
  }

  private void prompt(Render r, Script s, Script.Prompt p) throws IOException {
    boolean sub = !p.agent().equals("main");
    Out o = r.out(p.agent());
    String id = uuid(r);
    if (!sub) {
      JsonGenerator g = o.g;
      g.writeStartObject();
      g.writeStringField("type", "file-history-snapshot");
      g.writeStringField("messageId", id);
      g.writeObjectFieldStart("snapshot");
      g.writeStringField("messageId", id);
      g.writeObjectFieldStart("trackedFileBackups");
      g.writeEndObject();
      g.writeStringField("timestamp", ts.format(p.at()));
      g.writeEndObject();
      g.writeBooleanField("isSnapshotUpdate", false);
      end(g);
    }
    envelope(r, o, s, sub ? null : o.last, sub);
    JsonGenerator g = o.g;
    g.writeStringField("type", "user");
    g.writeObjectFieldStart("message");
    g.writeStringField("role", "user");
    g.writeStringField("content", p.text());
    g.writeEndObject();
    g.writeStringField("uuid", id);
    g.writeStringField("timestamp", ts.format(p.at()));
    if (!sub) {
      g.writeObjectFieldStart("thinkingMetadata");
      g.writeNumberField("maxThinkingTokens", 31999);
      g.writeEndObject();
      g.writeArrayFieldStart("todos");
      g.writeEndArray();
      g.writeStringField("permissionMode", "default");
    }
    end(g);
    o.last = id;
    if (sub) {
      progress(r, s, p.agent(), p.at(), "user", id, null, null, p.text(), null);
    }
  }

  private static void usage(JsonGenerator g, Usage u, long output) throws IOException {
    g.writeObjectFieldStart("usage");
    g.writeNumberField("input_tokens", u.input());
    g.writeNumberField("cache_creation_input_tokens", u.cacheWrite());
    g.writeNumberField("cache_read_input_tokens", u.cacheRead());
    g.writeObjectFieldStart("cache_creation");
    g.writeNumberField("ephemeral_5m_input_tokens", u.cacheWrite5m());
    g.writeNumberField("ephemeral_1h_input_tokens", u.cacheWrite1h());
    g.writeEndObject();
    g.writeNumberField("output_tokens", output);
    g.writeStringField("service_tier", "standard");
    g.writeStringField("inference_geo", "not_available");
    g.writeEndObject();
  }

  private static void block(JsonGenerator g, Block b) throws IOException {
    g.writeStartObject();
    switch (b.type()) {
      case THINKING:
        g.writeStringField("type", "thinking");
        g.writeStringField("thinking", b.text());
        g.writeStringField(
            "signature", "EqQBCkYIBxgCKkB" + Integer.toHexString(b.text().hashCode()));
        break;
      case TEXT:
        g.writeStringField("type", "text");
        g.writeStringField("text", b.text());
        break;
      default:
        g.writeStringField("type", "tool_use");
        g.writeStringField("id", b.id());
        g.writeStringField("name", b.tool());
        g.writeObjectFieldStart("input");
        for (Map.Entry<String, Object> e : b.input().entrySet()) {
          Object v = e.getValue();
          if (v instanceof Boolean) {
            g.writeBooleanField(e.getKey(), (Boolean) v);
          } else if (v instanceof Number) {
            g.writeNumberField(e.getKey(), ((Number) v).longValue());
          } else {
            g.writeStringField(e.getKey(), String.valueOf(v));
          }
        }
        g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void message(JsonGenerator g, Call c, Block b, long output) throws IOException {
    g.writeObjectFieldStart("message");
    g.writeStringField("model", c.model());
    g.writeStringField("id", c.messageId());
    g.writeStringField("type", "message");
    g.writeStringField("role", "assistant");
    g.writeArrayFieldStart("content");
    block(g, b);
    g.writeEndArray();
    g.writeNullField("stop_reason");
    g.writeNullField("stop_sequence");
    usage(g, c.usage(), output);
    g.writeEndObject();
  }

  private void call(Render r, Script s, Call c) throws IOException {
    boolean sub = !c.agent().equals("main");
    Script.SubAgent agent = s.subAgents.get(c.agent());
    boolean compaction = agent != null && agent.compaction();
    Out o = r.out(c.agent());
    if (compaction && o.last == null) {
      String id = uuid(r);
      envelope(r, o, s, null, true);
      o.g.writeStringField("type", "user");
      o.g.writeObjectFieldStart("message");
      o.g.writeStringField("role", "user");
      o.g.writeStringField("content", COMPACT_PROMPT);
      o.g.writeEndObject();
      o.g.writeStringField("uuid", id);
      o.g.writeStringField("timestamp", ts.format(c.at().minusSeconds(40)));
      end(o.g);
      o.last = id;
    }
    List<Block> blocks = c.blocks();
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      Instant at = c.at().plusMillis(i * 11L);
      long output =
          s.placeholderOutput && i < blocks.size() - 1 ? 1 + (i * 3) % 9 : c.usage().output();
      String id = uuid(r);
      envelope(r, o, s, o.last, sub);
      JsonGenerator g = o.g;
      message(g, c, b, output);
      g.writeStringField("requestId", c.requestId());
      g.writeStringField("type", "assistant");
      g.writeStringField("uuid", id);
      g.writeStringField("timestamp", ts.format(at));
      end(g);
      o.last = id;
      if (b.type() == Script.BlockType.TOOL_USE) {
        r.toolLine.put(b.id(), id);
        r.parentMsg.put(b.id(), c.messageId());
        r.open.add(b.id());
      }
      if (sub && !compaction) {
        progress(r, s, c.agent(), at, "assistant", id, c, b, null, null);
      }
    }
    r.lastCall.put(c.agent(), c);
  }

  /** An {@code agent_progress} line in the parent file copying a sub-agent's line. */
  private void progress(
      Render r,
      Script s,
      String agentId,
      Instant at,
      String kind,
      String copiedUuid,
      @Nullable Call c,
      @Nullable Block b,
      @Nullable String text,
      Script.@Nullable Result result)
      throws IOException {
    Script.SubAgent a = s.subAgents.get(agentId);
    if (a == null) {
      return;
    }
    Out o = r.main();
    String id = uuid(r);
    envelope(r, o, s, o.last, false);
    JsonGenerator g = o.g;
    g.writeStringField("type", "progress");
    g.writeObjectFieldStart("data");
    g.writeObjectFieldStart("message");
    g.writeStringField("type", kind);
    g.writeStringField("timestamp", ts.format(at));
    if (c != null && b != null) {
      message(g, c, b, c.usage().output());
      g.writeStringField("requestId", c.requestId());
    } else {
      g.writeObjectFieldStart("message");
      g.writeStringField("role", "user");
      g.writeArrayFieldStart("content");
      g.writeStartObject();
      if (result != null) {
        g.writeStringField("tool_use_id", result.call().id());
        g.writeStringField("type", "tool_result");
        text(r, g, "content", result.content());
      } else {
        g.writeStringField("type", "text");
        g.writeStringField("text", text == null ? "" : text);
      }
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeStringField("uuid", copiedUuid);
    g.writeEndObject();
    g.writeArrayFieldStart("normalizedMessages");
    g.writeEndArray();
    g.writeStringField("type", "agent_progress");
    g.writeStringField("prompt", a.prompt());
    g.writeStringField("agentId", agentId);
    g.writeEndObject();
    String parentMsg = r.parentMsg.get(a.toolUseId());
    g.writeStringField("toolUseID", "agent_" + (parentMsg == null ? "msg" : parentMsg));
    g.writeStringField("parentToolUseID", a.toolUseId());
    g.writeStringField("uuid", id);
    g.writeStringField("timestamp", ts.format(at.plusMillis(3)));
    end(g);
    o.last = id;
  }

  private void result(Render r, Script s, Script.Result res) throws IOException {
    boolean sub = !res.agent().equals("main");
    Out o = r.out(res.agent());
    Block call = res.call();
    r.open.remove(call.id());
    String id = uuid(r);
    String source = r.toolLine.get(call.id());
    envelope(r, o, s, source == null ? o.last : source, sub);
    JsonGenerator g = o.g;
    g.writeStringField("type", "user");
    g.writeObjectFieldStart("message");
    g.writeStringField("role", "user");
    g.writeArrayFieldStart("content");
    g.writeStartObject();
    g.writeStringField("tool_use_id", call.id());
    g.writeStringField("type", "tool_result");
    if (call.tool().equals("Task")) {
      g.writeArrayFieldStart("content");
      g.writeStartObject();
      g.writeStringField("type", "text");
      text(r, g, "text", res.content());
      g.writeEndObject();
      g.writeEndArray();
    } else {
      text(r, g, "content", res.content());
    }
    if (res.isError()) {
      g.writeBooleanField("is_error", true);
    }
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeStringField("uuid", id);
    g.writeStringField("timestamp", ts.format(res.at()));
    toolUseResult(r, g, res);
    if (source != null) {
      g.writeStringField("sourceToolAssistantUUID", source);
    }
    end(g);
    o.last = id;
    if (sub) {
      progress(r, s, res.agent(), res.at(), "user", id, null, null, null, res);
    }
  }

  private void toolUseResult(Render r, JsonGenerator g, Script.Result res) throws IOException {
    Block call = res.call();
    Map<String, Object> x = res.extra();
    switch (call.tool()) {
      case "Bash":
        if (res.isError()) {
          g.writeStringField("toolUseResult", "Error: " + res.content());
        } else {
          g.writeObjectFieldStart("toolUseResult");
          text(r, g, "stdout", String.valueOf(x.getOrDefault("stdout", res.content())));
          g.writeStringField("stderr", "");
          g.writeBooleanField("interrupted", false);
          g.writeBooleanField("isImage", false);
          g.writeEndObject();
        }
        break;
      case "Read":
        g.writeObjectFieldStart("toolUseResult");
        g.writeStringField("type", "text");
        g.writeObjectFieldStart("file");
        g.writeStringField("filePath", call.target());
        text(r, g, "content", String.valueOf(x.get("raw")));
        long lines = ((Number) x.getOrDefault("lines", 0L)).longValue();
        g.writeNumberField("numLines", lines);
        g.writeNumberField("startLine", 1);
        g.writeNumberField("totalLines", lines);
        g.writeEndObject();
        g.writeEndObject();
        break;
      case "Edit":
        g.writeObjectFieldStart("toolUseResult");
        g.writeStringField("filePath", call.target());
        g.writeStringField("oldString", String.valueOf(x.get("oldString")));
        g.writeStringField("newString", String.valueOf(x.get("newString")));
        g.writeArrayFieldStart("structuredPatch");
        g.writeEndArray();
        g.writeBooleanField("userModified", false);
        g.writeBooleanField("replaceAll", false);
        g.writeEndObject();
        break;
      case "Task":
        {
          String agentId = String.valueOf(x.get("agentId"));
          g.writeObjectFieldStart("toolUseResult");
          g.writeStringField("status", "completed");
          g.writeStringField("prompt", String.valueOf(call.input().get("prompt")));
          g.writeStringField("agentId", agentId);
          g.writeArrayFieldStart("content");
          g.writeStartObject();
          g.writeStringField("type", "text");
          text(r, g, "text", res.content());
          g.writeEndObject();
          g.writeEndArray();
          g.writeNumberField("totalDurationMs", ((Number) x.get("totalDurationMs")).longValue());
          Call last = r.lastCall.get(agentId);
          Usage u = last == null ? Usage.ZERO : last.usage();
          g.writeNumberField("totalTokens", u.total());
          g.writeNumberField(
              "totalToolUseCount", ((Number) x.get("totalToolUseCount")).longValue());
          // the sub-agent's last call, copied: already counted in the sub-agent file
          usage(g, u, u.output());
          g.writeEndObject();
          break;
        }
      default:
        g.writeObjectFieldStart("toolUseResult");
        g.writeStringField("mode", "content");
        g.writeNumberField("numLines", ((Number) x.getOrDefault("numLines", 0)).longValue());
        text(r, g, "content", res.content());
        g.writeEndObject();
    }
  }

  private void interrupt(Render r, Script s, Script.Interrupt i) throws IOException {
    Out o = r.out(i.agent());
    JsonGenerator g = o.g;
    for (String tool : new ArrayList<>(r.open)) {
      String id = uuid(r);
      String source = r.toolLine.get(tool);
      envelope(r, o, s, source, false);
      g.writeStringField("type", "user");
      g.writeObjectFieldStart("message");
      g.writeStringField("role", "user");
      g.writeArrayFieldStart("content");
      g.writeStartObject();
      g.writeStringField("type", "tool_result");
      g.writeStringField("content", REJECTED);
      g.writeBooleanField("is_error", true);
      g.writeStringField("tool_use_id", tool);
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeStringField("uuid", id);
      g.writeStringField("timestamp", ts.format(i.at()));
      g.writeStringField("toolUseResult", "Error: " + REJECTED);
      end(g);
      o.last = id;
    }
    r.open.clear();
    String id = uuid(r);
    envelope(r, o, s, o.last, false);
    g.writeStringField("type", "user");
    g.writeObjectFieldStart("message");
    g.writeStringField("role", "user");
    g.writeArrayFieldStart("content");
    g.writeStartObject();
    g.writeStringField("type", "text");
    g.writeStringField("text", i.forToolUse() ? INTERRUPT : "[Request interrupted by user]");
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeStringField("uuid", id);
    g.writeStringField("timestamp", ts.format(i.at().plusMillis(2)));
    end(g);
    o.last = id;
  }

  private void apiErrors(Render r, Script s, Script.ApiErrors a) throws IOException {
    Out o = r.out(a.agent());
    JsonGenerator g = o.g;
    Instant at = a.at();
    for (int k = 0; k < a.attempts(); k++) {
      String id = uuid(r);
      envelope(r, o, s, o.last, false);
      g.writeStringField("type", "system");
      g.writeStringField("subtype", "api_error");
      g.writeStringField("level", "error");
      g.writeObjectFieldStart("error");
      g.writeNumberField("status", a.status());
      g.writeEndObject();
      g.writeNumberField("retryInMs", a.retryDelaysMs().get(k) + 0.5);
      g.writeNumberField("retryAttempt", k + 1);
      g.writeNumberField("maxRetries", 10);
      g.writeStringField("timestamp", ts.format(at));
      g.writeStringField("uuid", id);
      end(g);
      o.last = id;
      at = at.plusMillis(a.retryDelaysMs().get(k));
    }
    if (a.exhausted()) {
      String id = uuid(r);
      envelope(r, o, s, o.last, false);
      g.writeObjectFieldStart("message");
      g.writeStringField("id", uuid(r));
      g.writeStringField("model", "<synthetic>");
      g.writeStringField("role", "assistant");
      g.writeStringField("stop_reason", "stop_sequence");
      g.writeStringField("stop_sequence", "");
      g.writeStringField("type", "message");
      g.writeObjectFieldStart("usage");
      g.writeNumberField("input_tokens", 0);
      g.writeNumberField("output_tokens", 0);
      g.writeNumberField("cache_creation_input_tokens", 0);
      g.writeNumberField("cache_read_input_tokens", 0);
      g.writeEndObject();
      g.writeArrayFieldStart("content");
      g.writeStartObject();
      g.writeStringField("type", "text");
      g.writeStringField(
          "text",
          "API Error: "
              + a.status()
              + (a.status() == 529
                  ? " {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
                  : " {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}"));
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeStringField("type", "assistant");
      g.writeStringField("uuid", id);
      g.writeStringField("timestamp", ts.format(at));
      g.writeBooleanField("isApiErrorMessage", true);
      g.writeStringField("error", "unknown");
      end(g);
      o.last = id;
    }
  }

  private void compact(Render r, Script s, Script.Compact c) throws IOException {
    Out o = r.main();
    JsonGenerator g = o.g;
    String id = uuid(r);
    String logical = o.last;
    envelope(r, o, s, null, false);
    if (logical != null) {
      g.writeStringField("logicalParentUuid", logical);
    }
    g.writeStringField("type", "system");
    g.writeStringField("subtype", "compact_boundary");
    g.writeStringField("content", "Conversation compacted");
    g.writeBooleanField("isMeta", false);
    g.writeStringField("timestamp", ts.format(c.at()));
    g.writeStringField("uuid", id);
    g.writeStringField("level", "info");
    g.writeObjectFieldStart("compactMetadata");
    g.writeStringField("trigger", "auto");
    g.writeNumberField("preTokens", c.preTokens());
    g.writeEndObject();
    end(g);
    o.last = id;
    String sum = uuid(r);
    envelope(r, o, s, id, false);
    g.writeStringField("type", "user");
    g.writeObjectFieldStart("message");
    g.writeStringField("role", "user");
    g.writeStringField("content", c.summary());
    g.writeEndObject();
    g.writeBooleanField("isVisibleInTranscriptOnly", true);
    g.writeBooleanField("isCompactSummary", true);
    g.writeStringField("uuid", sum);
    g.writeStringField("timestamp", ts.format(c.at().plusMillis(1)));
    end(g);
    o.last = sum;
  }
}
