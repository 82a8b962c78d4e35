package dev.tokensieve.datasets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.parsers.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a corpus's {@code ground-truth.jsonl} ({@code tokensieve.ground-truth/v1}) back into {@link
 * GroundTruth} records, so that an evaluation measures what is on disk, not what the generator
 * holds in memory.
 */
public final class GroundTruthFile {
  /** The file name inside a corpus directory. */
  public static final String NAME = "ground-truth.jsonl";

  private GroundTruthFile() {}

  /**
   * Reads every line of {@code file}.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed or incomplete entry
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<GroundTruth> read(Path file) {
    List<GroundTruth> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(parse(line));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ground truth " + file, e);
    }
    return out;
  }

  private static GroundTruth parse(String line) throws IOException {
    String schema = null;
    String sessionId = null;
    String format = null;
    String scenario = null;
    OutcomeLabel outcome = null;
    String user = "";
    String team = "";
    String repo = "";
    String project = "";
    String branch = "";
    Instant startedAt = null;
    Instant endedAt = null;
    int requests = -1;
    int subAgentRequests = 0;
    Usage tokens = null;
    List<GroundTruth.Waste> wastes = List.of();
    List<String> files = List.of();
    String resumes = null;
    try (JsonParser p = Json.FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken t = p.nextToken();
        switch (f) {
          case "schema" -> schema = p.getText();
          case "sessionId" -> sessionId = p.getText();
          case "format" -> format = p.getText();
          case "scenario" -> scenario = p.getText();
          case "outcome" -> outcome = OutcomeLabel.valueOf(p.getText());
          case "user" -> user = p.getText();
          case "team" -> team = p.getText();
          case "repo" -> repo = p.getText();
          case "project" -> project = p.getText();
          case "branch" -> branch = p.getText();
          case "startedAt" -> startedAt = Instant.parse(p.getText());
          case "endedAt" -> endedAt = Instant.parse(p.getText());
          case "requests" -> requests = p.getIntValue();
          case "subAgentRequests" -> subAgentRequests = p.getIntValue();
          case "tokens" -> tokens = tokens(p);
          case "wastes" -> wastes = wastes(p);
          case "files" -> files = strings(p);
          case "resumes" -> resumes = t == JsonToken.VALUE_NULL ? null : p.getText();
          default -> p.skipChildren();
        }
      }
    }
    if (!CorpusWriter.TRUTH_SCHEMA.equals(schema)) {
      throw new IllegalArgumentException(
          "schema must be " + CorpusWriter.TRUTH_SCHEMA + ", was " + schema);
    }
    return new GroundTruth(
        required(sessionId, "sessionId"),
        required(format, "format"),
        required(scenario, "scenario"),
        required(outcome, "outcome"),
        user,
        team,
        repo,
        project,
        branch,
        required(startedAt, "startedAt"),
        required(endedAt, "endedAt"),
        requests < 0 ? missing("requests") : requests,
        subAgentRequests,
        required(tokens, "tokens"),
        wastes,
        files,
        resumes);
  }

  private static Usage tokens(JsonParser p) throws IOException {
    long[] v = new long[6];
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      p.nextToken();
      switch (f) {
        case "input" -> v[0] = p.getLongValue();
        case "cacheWrite5m" -> v[1] = p.getLongValue();
        case "cacheWrite1h" -> v[2] = p.getLongValue();
        case "cacheRead" -> v[3] = p.getLongValue();
        case "output" -> v[4] = p.getLongValue();
        case "reasoning" -> v[5] = p.getLongValue();
        default -> p.skipChildren(); // "total" is derived
      }
    }
    return new Usage(v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  private static List<GroundTruth.Waste> wastes(JsonParser p) throws IOException {
    List<GroundTruth.Waste> out = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      FindingKind kind = null;
      List<Integer> requests = new ArrayList<>();
      String note = "";
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        p.nextToken();
        switch (f) {
          case "kind" -> kind = FindingKind.valueOf(p.getText());
          case "requests" -> {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              requests.add(p.getIntValue());
            }
          }
          case "note" -> note = p.getText();
          default -> p.skipChildren();
        }
      }
      out.add(new GroundTruth.Waste(required(kind, "wastes[].kind"), requests, note));
    }
    return out;
  }

  private static List<String> strings(JsonParser p) throws IOException {
    List<String> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      out.add(p.getText());
    }
    return out;
  }

  private static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("missing \"" + field + "\"");
    }
    return value;
  }

  private static int missing(String field) {
    throw new IllegalArgumentException("missing \"" + field + "\"");
  }
}
