package dev.tokensieve.datasets;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.datasets.Script.Block;
import dev.tokensieve.datasets.Script.Call;
import dev.tokensieve.datasets.Script.Event;
import dev.tokensieve.parsers.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Renders a script as a Codex CLI rollout (FORMATS.md section 2): {@code session_meta}, per turn
 * {@code task_started}/{@code turn_context}/{@code task_complete}, response items for messages,
 * reasoning, {@code exec_command} function calls and {@code apply_patch} custom tool calls, and
 * after each response a {@code token_count} event with cumulative totals (input including cached
 * input), often re-emitted unchanged a moment later, as Codex does.
 */
final class CodexWriter {
  private final ClaudeCodeWriter.Files files;
  private final Timestamps ts = new Timestamps();

  CodexWriter(ClaudeCodeWriter.Files files) {
    this.files = files;
  }

  /** Per-render state. */
  private static final class Render {
    final JsonGenerator g;
    final SplittableRandom rnd;
    String turn = "";
    String model;
    long inTotal;
    long cachedTotal;
    long outTotal;
    long reasoningTotal;
    String lastMessage = "";

    Render(JsonGenerator g, SplittableRandom rnd, String model) {
      this.g = g;
      this.rnd = rnd;
      this.model = model;
    }
  }

  void write(Script s) throws IOException {
    String model = SessionPlanner.GPT;
    for (Event e : s.events) {
      if (e instanceof Call) {
        model = ((Call) e).model();
        break;
      }
    }
    try (OutputStream out = files.open(Canonical.files(s).get(0))) {
      JsonGenerator g = Json.FACTORY.createGenerator(out);
      g.setRootValueSeparator(null);
      Render r = new Render(g, new SplittableRandom(s.renderSeed), model);
      meta(r, s);
      for (Event e : s.events) {
        event(r, s, e);
      }
      g.close();
    }
  }

  private void line(Render r, Instant at, String type) throws IOException {
    r.g.writeStartObject();
    r.g.writeStringField("timestamp", ts.format(at));
    r.g.writeStringField("type", type);
    r.g.writeObjectFieldStart("payload");
  }

  private static void end(Render r) throws IOException {
    r.g.writeEndObject();
    r.g.writeEndObject();
    r.g.writeRaw('\n');
  }

  private void meta(Render r, Script s) throws IOException {
    JsonGenerator g = r.g;
    line(r, s.start, "session_meta");
    g.writeStringField("id", s.sessionId);
    g.writeStringField("timestamp", ts.format(s.start));
    g.writeStringField("cwd", s.cwd);
    g.writeStringField("originator", "codex_cli_rs");
    g.writeStringField("cli_version", s.version);
    g.writeStringField("source", "cli");
    g.writeStringField("model_provider", "openai");
    g.writeObjectFieldStart("base_instructions");
    g.writeStringField(
        "text",
        "You are Codex, based on GPT-5. You are running as a coding agent in the Codex CLI on a"
            + " user's computer.");
    g.writeEndObject();
    g.writeObjectFieldStart("git");
    g.writeStringField("commit_hash", Ids.hex(r.rnd, 40));
    g.writeStringField("branch", s.branch);
    g.writeStringField(
        "repository_url", "https://github.com/" + Roster.ORG + "/" + s.repo.name() + ".git");
    g.writeEndObject();
    end(r);
    line(r, s.start, "response_item");
    g.writeStringField("type", "message");
    g.writeStringField("role", "user");
    g.writeArrayFieldStart("content");
    g.writeStartObject();
    g.writeStringField("type", "input_text");
    g.writeStringField(
        "text",
        "<environment_context>\n  <cwd>"
            + s.cwd
            + "</cwd>\n  <approval_policy>on-request</approval_policy>\n"
            + "  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n"
            + "  <shell>bash</shell>\n</environment_context>");
    g.writeEndObject();
    g.writeEndArray();
    end(r);
  }

  private void turnContext(Render r, Script s, Instant at) throws IOException {
    JsonGenerator g = r.g;
    line(r, at, "turn_context");
    g.writeStringField("turn_id", r.turn);
    g.writeStringField("cwd", s.cwd);
    g.writeStringField("approval_policy", "on-request");
    g.writeObjectFieldStart("sandbox_policy");
    g.writeStringField("type", "workspace-write");
    g.writeBooleanField("network_access", false);
    g.writeEndObject();
    g.writeStringField("model", r.model);
    g.writeStringField("effort", r.model.equals(SessionPlanner.GPT) ? "high" : "medium");
    g.writeStringField("summary", "auto");
    end(r);
  }

  private void rateLimits(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("rate_limits");
    g.writeStringField("limit_id", "codex");
    g.writeNullField("limit_name");
    g.writeObjectFieldStart("primary");
    g.writeNumberField("used_percent", 4.0);
    g.writeNumberField("window_minutes", 300);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void usage(
      JsonGenerator g, String name, long in, long cached, long out, long reasoning)
      throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("input_tokens", in);
    g.writeNumberField("cached_input_tokens", cached);
    g.writeNumberField("output_tokens", out);
    g.writeNumberField("reasoning_output_tokens", reasoning);
    g.writeNumberField("total_tokens", in + out);
    g.writeEndObject();
  }

  private void tokenCount(Render r, Instant at, Usage last) throws IOException {
    JsonGenerator g = r.g;
    line(r, at, "event_msg");
    g.writeStringField("type", "token_count");
    g.writeObjectFieldStart("info");
    usage(g, "total_token_usage", r.inTotal, r.cachedTotal, r.outTotal, r.reasoningTotal);
    usage(
        g,
        "last_token_usage",
        last.input() + last.cacheRead(),
        last.cacheRead(),
        last.output(),
        last.reasoning());
    g.writeNumberField("model_context_window", 258400);
    g.writeEndObject();
    rateLimits(g);
    end(r);
  }

  private void event(Render r, Script s, Event e) throws IOException {
    JsonGenerator g = r.g;
    if (e instanceof Script.Prompt) {
      Script.Prompt p = (Script.Prompt) e;
      r.turn = Ids.uuid7(r.rnd, p.at().toEpochMilli());
      line(r, p.at(), "event_msg");
      g.writeStringField("type", "task_started");
      g.writeStringField("turn_id", r.turn);
      g.writeNumberField("model_context_window", 258400);
      g.writeStringField("collaboration_mode_kind", "default");
      end(r);
      line(r, p.at(), "response_item");
      g.writeStringField("type", "message");
      g.writeStringField("role", "user");
      g.writeArrayFieldStart("content");
      g.writeStartObject();
      g.writeStringField("type", "input_text");
      g.writeStringField("text", p.text());
      g.writeEndObject();
      g.writeEndArray();
      end(r);
      line(r, p.at(), "event_msg");
      g.writeStringField("type", "user_message");
      g.writeStringField("message", p.text());
      g.writeArrayFieldStart("images");
      g.writeEndArray();
      end(r);
      line(r, p.at().plusMillis(300), "event_msg");
      g.writeStringField("type", "token_count");
      g.writeNullField("info");
      rateLimits(g);
      end(r);
    } else if (e instanceof Call) {
      call(r, s, (Call) e);
    } else if (e instanceof Script.Result) {
      Script.Result res = (Script.Result) e;
      Block b = res.call();
      line(r, res.at(), "response_item");
      if (b.kind() == dev.tokensieve.core.model.ToolKind.EDIT) {
        g.writeStringField("type", "custom_tool_call_output");
        g.writeStringField("call_id", b.id());
        g.writeStringField(
            "output",
            "{\"output\":\"Success. Updated the following files:\\nM "
                + b.target()
                + "\\n\",\"metadata\":{\"exit_code\":0,\"duration_seconds\":0.0}}");
      } else {
        String body =
            res.extra().containsKey("stdout")
                ? String.valueOf(res.extra().get("stdout"))
                : res.extra().containsKey("raw")
                    ? String.valueOf(res.extra().get("raw"))
                    : res.content();
        int exit = res.exitCode() == null ? 0 : res.exitCode();
        g.writeStringField("type", "function_call_output");
        g.writeStringField("call_id", b.id());
        g.writeStringField(
            "output",
            "Chunk ID: "
                + Ids.hex(r.rnd, 6)
                + "\nWall time: "
                + String.format(Locale.ROOT, "%.4f", (r.rnd.nextInt(30000)) / 1000.0)
                + " seconds\nProcess exited with code "
                + exit
                + "\nOriginal token count: "
                + (body.length() + 3) / 4
                + "\nOutput:\n"
                + body);
      }
      end(r);
    } else if (e instanceof Script.TurnEnd) {
      line(r, e.at(), "event_msg");
      g.writeStringField("type", "task_complete");
      g.writeStringField("turn_id", r.turn);
      g.writeStringField("last_agent_message", r.lastMessage);
      end(r);
    } else if (e instanceof Script.Interrupt) {
      line(r, e.at(), "event_msg");
      g.writeStringField("type", "turn_aborted");
      g.writeStringField("turn_id", r.turn);
      g.writeStringField("reason", "interrupted");
      end(r);
    } else if (e instanceof Script.ApiErrors) {
      Script.ApiErrors a = (Script.ApiErrors) e;
      Instant at = a.at();
      for (int k = 0; k < a.attempts(); k++) {
        line(r, at, "event_msg");
        g.writeStringField("type", "stream_error");
        g.writeStringField(
            "message",
            "Reconnecting... "
                + (k + 1)
                + "/"
                + a.attempts()
                + " (unexpected status "
                + a.status()
                + ")");
        end(r);
        at = at.plusMillis(a.retryDelaysMs().get(k));
      }
      if (a.exhausted()) {
        line(r, at, "event_msg");
        g.writeStringField("type", "error");
        g.writeStringField("message", "exceeded retry limit, last status: " + a.status());
        end(r);
      }
    } else if (e instanceof Script.Compact) {
      Script.Compact c = (Script.Compact) e;
      line(r, c.at(), "compacted");
      g.writeStringField("message", c.summary());
      g.writeArrayFieldStart("replacement_history");
      g.writeEndArray();
      end(r);
      line(r, c.at(), "event_msg");
      g.writeStringField("type", "context_compacted");
      end(r);
    } else if (e instanceof Script.ModelSwitch) {
      r.model = ((Script.ModelSwitch) e).model();
    }
  }

  private void call(Render r, Script s, Call c) throws IOException {
    JsonGenerator g = r.g;
    r.model = c.model();
    turnContext(r, s, c.at().minusMillis(400));
    Instant at = c.at();
    for (Block b : c.blocks()) {
      switch (b.type()) {
        case THINKING:
          String summary = b.text().length() > 80 ? b.text().substring(0, 80) : b.text();
          line(r, at, "event_msg");
          g.writeStringField("type", "agent_reasoning");
          g.writeStringField("text", "**" + summary + "**");
          end(r);
          line(r, at, "response_item");
          g.writeStringField("type", "reasoning");
          g.writeArrayFieldStart("summary");
          g.writeStartObject();
          g.writeStringField("type", "summary_text");
          g.writeStringField("text", "**" + summary + "**");
          g.writeEndObject();
          g.writeEndArray();
          g.writeNullField("content");
          g.writeStringField(
              "encrypted_content", "gAAAAB" + Ids.base62(r.rnd, "", 40 + b.text().length() / 2));
          end(r);
          break;
        case TEXT:
          r.lastMessage = b.text();
          line(r, at, "event_msg");
          g.writeStringField("type", "agent_message");
          g.writeStringField("message", b.text());
          end(r);
          line(r, at, "response_item");
          g.writeStringField("type", "message");
          g.writeStringField("role", "assistant");
          g.writeArrayFieldStart("content");
          g.writeStartObject();
          g.writeStringField("type", "output_text");
          g.writeStringField("text", b.text());
          g.writeEndObject();
          g.writeEndArray();
          end(r);
          break;
        default:
          line(r, at, "response_item");
          if (b.kind() == dev.tokensieve.core.model.ToolKind.EDIT) {
            g.writeStringField("type", "custom_tool_call");
            g.writeStringField("status", "completed");
            g.writeStringField("call_id", b.id());
            g.writeStringField("name", "apply_patch");
            g.writeStringField("input", patch(b));
          } else {
            g.writeStringField("type", "function_call");
            g.writeStringField("name", "exec_command");
            g.writeStringField("arguments", arguments(s, b));
            g.writeStringField("call_id", b.id());
          }
          end(r);
      }
      at = at.plusMillis(3);
    }
    Usage u = c.usage();
    r.inTotal += u.input() + u.cacheRead();
    r.cachedTotal += u.cacheRead();
    r.outTotal += u.output();
    r.reasoningTotal += u.reasoning();
    tokenCount(r, at, u);
    if (r.rnd.nextInt(10) < 4) {
      // Codex re-emits the unchanged totals (rate-limit refresh): must not be counted twice
      tokenCount(r, at.plusMillis(400 + r.rnd.nextInt(1500)), u);
    }
  }

  private static String patch(Block b) {
    return "*** Begin Patch\n*** Update File: "
        + b.target()
        + "\n@@\n"
        + prefixLines(String.valueOf(b.input().get("old_string")), '-')
        + prefixLines(String.valueOf(b.input().get("new_string")), '+')
        + "*** End Patch\n";
  }

  private static String prefixLines(String text, char prefix) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (String l : text.split("\n", -1)) {
      if (!l.isEmpty()) {
        sb.append(prefix).append(l).append('\n');
      }
    }
    return sb.toString();
  }

  private static String arguments(Script s, Block b) throws IOException {
    String cmd;
    Map<String, Object> in = b.input();
    switch (b.tool()) {
      case "Read":
        cmd = "sed -n '1,400p' " + in.get("file_path");
        break;
      case "Grep":
        cmd = "rg -n \"" + in.get("pattern") + "\"";
        break;
      default:
        cmd = String.valueOf(in.get("command"));
    }
    StringWriter w = new StringWriter(cmd.length() + 64);
    try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("cmd", cmd);
      g.writeStringField("workdir", s.cwd);
      g.writeNumberField("yield_time_ms", 10000);
      g.writeEndObject();
    }
    return w.toString();
  }
}
