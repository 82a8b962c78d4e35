package dev.tokensieve.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SessionId;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Texts;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A minimal reader of the mini-swe-agent trajectories copied into test resources, so that scoring
 * can be trained and tested on real sessions without depending on trace-parsers (a cycle-free
 * stand-in until the parsers' mini-swe-agent reader can be used from datasets or the CLI).
 */
public final class MiniSweTrajectories {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 << 20).build())
          .build();
  private static final Pattern BASH = Pattern.compile("```bash\\s*\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Pattern RETURN_CODE = Pattern.compile("<returncode>(-?\\d+)</returncode>");

  private MiniSweTrajectories() {}

  /** The instance ids of the copied trajectories, sorted. */
  public static List<String> ids() {
    try (InputStream in = resource("samples/mini-swe-agent/trajs.txt")) {
      List<String> out = new ArrayList<>();
      for (String line :
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          out.add(line.strip().replace(".traj.json.gz", ""));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SWE-bench resolved flag of each instance. */
  public static Map<String, Boolean> outcomes() {
    try (InputStream in = resource("samples/mini-swe-agent/outcomes.json");
        JsonParser p = JSON.createParser(in)) {
      Map<String, Boolean> out = new LinkedHashMap<>();
      p.nextToken();
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        out.put(f, p.nextToken() == JsonToken.VALUE_TRUE);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one trajectory into a canonical session. */
  @SuppressWarnings("unchecked")
  public static Session read(String id) {
    Map<String, Object> root;
    try (InputStream in =
            new GZIPInputStream(resource("samples/mini-swe-agent/trajs/" + id + ".traj.json.gz"));
        JsonParser p = JSON.createParser(in)) {
      p.nextToken();
      root = (Map<String, Object>) tree(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Session.Builder b =
        Session.builder(new SessionId(id), "mini-swe-agent").source(id + ".traj.json");
    Map<String, Object> info = (Map<String, Object>) root.get("info");
    if (info.get("exit_status") instanceof String) {
      b.attribute("exit_status", (String) info.get("exit_status"));
    }
    if (info.get("submission") instanceof String) {
      b.attribute("submission", (String) info.get("submission"));
    }
    Instant at = Instant.parse("2025-11-18T00:00:00Z");
    String pending = null;
    int calls = 0;
    for (Object o : (List<Object>) root.get("messages")) {
      Map<String, Object> m = (Map<String, Object>) o;
      String content = m.get("content") instanceof String ? (String) m.get("content") : "";
      if ("assistant".equals(m.get("role"))) {
        Map<String, Object> extra = (Map<String, Object>) m.getOrDefault("extra", Map.of());
        Map<String, Object> resp = (Map<String, Object>) extra.getOrDefault("response", Map.of());
        Map<String, Object> usage = (Map<String, Object>) resp.getOrDefault("usage", Map.of());
        long prompt = num(usage.get("prompt_tokens"));
        long cached =
            num(
                ((Map<String, Object>) usage.getOrDefault("prompt_tokens_details", Map.of()))
                    .get("cached_tokens"));
        long output = num(usage.get("completion_tokens"));
        long reasoning =
            num(
                ((Map<String, Object>) usage.getOrDefault("completion_tokens_details", Map.of()))
                    .get("reasoning_tokens"));
        long created = num(resp.get("created"));
        at = created > 0 ? Instant.ofEpochSecond(created) : at.plusSeconds(5);
        Object cost = usage.get("cost");
        String model = resp.get("model") instanceof String ? (String) resp.get("model") : "unknown";
        b.request(
            new Request(
                "r" + b.lastRequest() + 1,
                at,
                model,
                Request.MAIN_AGENT,
                new Usage(
                    Math.max(0, prompt - cached),
                    0,
                    0,
                    cached,
                    output,
                    Math.min(reasoning, output)),
                cost instanceof Number ? ((Number) cost).doubleValue() : null));
        Matcher bash = BASH.matcher(content);
        pending = null;
        if (bash.find()) {
          pending = "c" + calls++;
          String cmd = bash.group(1).strip();
          b.step(
              new Step.ToolCall(
                  at,
                  b.lastRequest(),
                  "main",
                  pending,
                  "bash",
                  ToolKind.SHELL,
                  cmd,
                  Texts.digest(cmd)));
        }
      } else if ("user".equals(m.get("role")) && pending != null) {
        Matcher rc = RETURN_CODE.matcher(content);
        Integer exit = rc.find() ? Integer.valueOf(rc.group(1)) : null;
        b.step(
            new Step.ToolResult(
                at,
                b.lastRequest(),
                "main",
                pending,
                exit != null && exit != 0,
                exit,
                Texts.estimateTokens(content.length()),
                Texts.digest(content),
                Texts.excerpt(content)));
        pending = null;
      }
    }
    return b.build();
  }

  private static long num(@Nullable Object o) {
    return o instanceof Number ? ((Number) o).longValue() : 0;
  }

  private static @Nullable Object tree(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        p.nextToken();
        Object v = tree(p);
        if (v != null) {
          m.put(f, v);
        }
      }
      return m;
    }
    if (t == JsonToken.START_ARRAY) {
      List<Object> l = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        Object v = tree(p);
        if (v != null) {
          l.add(v);
        }
      }
      return l;
    }
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getNumberValue();
    }
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return t == JsonToken.VALUE_TRUE;
    }
    return null;
  }

  private static InputStream resource(String path) {
    InputStream in = MiniSweTrajectories.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + path);
    }
    return in;
  }
}
