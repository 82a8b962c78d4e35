package dev.tokensieve.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A small reader of the written traces, independent of the generator and of the project's parsers:
 * the straightforward de-duplicating read FORMATS.md prescribes, with Jackson databind.
 */
final class TraceReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Token sums of one session as the reader sees them. */
  static final class Totals {
    long input;
    long cacheWrite5m;
    long cacheWrite1h;
    long cacheRead;
    long output;
    long reasoning;
    final List<Instant> requestTimes = new ArrayList<>();

    @Override
    public String toString() {
      return "in="
          + input
          + " w5m="
          + cacheWrite5m
          + " w1h="
          + cacheWrite1h
          + " read="
          + cacheRead
          + " out="
          + output
          + " reasoning="
          + reasoning
          + " requests="
          + requestTimes.size();
    }
  }

  private TraceReader() {}

  static List<Path> jsonl(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
    }
  }

  /** Every line of the file parsed; fails with file and line on anything that is not an object. */
  static List<JsonNode> lines(Path file) {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        JsonNode node;
        try {
          node = MAPPER.readTree(line);
        } catch (IOException e) {
          throw new AssertionError(file + ":" + n + ": not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
          throw new AssertionError(file + ":" + n + ": not a JSON object");
        }
        out.add(node);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** One de-duplicated Claude request: where it was first seen and its usage (max output). */
  private static final class Seen {
    String sessionId;
    Instant first;
    Instant fileEnd;
    JsonNode usage;
    long maxOutput;

    Seen(String sessionId, Instant first, Instant fileEnd, JsonNode usage) {
      this.sessionId = sessionId;
      this.first = first;
      this.fileEnd = fileEnd;
      this.usage = usage;
      this.maxOutput = usage.path("output_tokens").asLong();
    }
  }

  /**
   * Claude Code: only top-level {@code assistant} lines count (not progress copies, not {@code
   * <synthetic>} errors); a request is its {@code message.id}, counted once, with the largest
   * output of its lines; a request present in several files (a resumed session's replay) belongs to
   * the file that ended first, the original.
   */
  static Map<String, Totals> claude(Path corpus) throws IOException {
    Map<String, Seen> byMessage = new HashMap<>();
    for (Path f : jsonl(corpus.resolve("claude-code"))) {
      List<JsonNode> lines = lines(f);
      Instant end = Instant.MIN;
      for (JsonNode n : lines) {
        if (n.hasNonNull("timestamp")) {
          Instant t = Instant.parse(n.get("timestamp").asText());
          end = t.isAfter(end) ? t : end;
        }
      }
      for (JsonNode n : lines) {
        if (!"assistant".equals(n.path("type").asText())) {
          continue;
        }
        JsonNode msg = n.path("message");
        if ("<synthetic>".equals(msg.path("model").asText()) || !msg.has("usage")) {
          continue;
        }
        String id = msg.path("id").asText() + ":" + n.path("requestId").asText();
        Instant at = Instant.parse(n.get("timestamp").asText());
        Seen s = byMessage.get(id);
        if (s == null) {
          byMessage.put(id, new Seen(n.path("sessionId").asText(), at, end, msg.get("usage")));
        } else {
          s.maxOutput = Math.max(s.maxOutput, msg.path("usage").path("output_tokens").asLong());
          if (at.isBefore(s.first)) {
            s.first = at;
          }
          if (end.isBefore(s.fileEnd)) {
            s.fileEnd = end;
            s.sessionId = n.path("sessionId").asText();
          }
        }
      }
    }
    Map<String, Totals> out = new TreeMap<>();
    for (Seen s : byMessage.values()) {
      Totals t = out.computeIfAbsent(s.sessionId, k -> new Totals());
      JsonNode u = s.usage;
      t.input += u.path("input_tokens").asLong();
      t.cacheRead += u.path("cache_read_input_tokens").asLong();
      t.cacheWrite5m += u.path("cache_creation").path("ephemeral_5m_input_tokens").asLong();
      t.cacheWrite1h += u.path("cache_creation").path("ephemeral_1h_input_tokens").asLong();
      t.output += s.maxOutput;
      t.requestTimes.add(s.first);
    }
    for (Totals t : out.values()) {
      t.requestTimes.sort(null);
    }
    return out;
  }

  /**
   * Codex: per rollout, walk {@code token_count} events; skip {@code info: null} and totals equal
   * to the previous ones; count the difference of cumulative totals. Input includes cached input:
   * subtract.
   */
  static Map<String, Totals> codex(Path corpus) throws IOException {
    Map<String, Totals> out = new TreeMap<>();
    for (Path f : jsonl(corpus.resolve("codex"))) {
      String session = null;
      long[] prev = new long[4];
      Totals t = new Totals();
      for (JsonNode n : lines(f)) {
        JsonNode p = n.path("payload");
        if ("session_meta".equals(n.path("type").asText())) {
          session = p.path("id").asText();
        }
        if (!"token_count".equals(p.path("type").asText()) || p.path("info").isNull()) {
          continue;
        }
        JsonNode tot = p.path("info").path("total_token_usage");
        long[] cur = {
          tot.path("input_tokens").asLong(), tot.path("cached_input_tokens").asLong(),
          tot.path("output_tokens").asLong(), tot.path("reasoning_output_tokens").asLong()
        };
        if (java.util.Arrays.equals(cur, prev)) {
          continue;
        }
        long cached = cur[1] - prev[1];
        t.input += cur[0] - prev[0] - cached;
        t.cacheRead += cached;
        t.output += cur[2] - prev[2];
        t.reasoning += cur[3] - prev[3];
        t.requestTimes.add(Instant.parse(n.get("timestamp").asText()));
        prev = cur;
      }
      out.put(session, t);
    }
    return out;
  }
}
