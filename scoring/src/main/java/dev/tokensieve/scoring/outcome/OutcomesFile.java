package dev.tokensieve.scoring.outcome;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.tokensieve.core.model.SessionId;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Outcomes supplied from outside the traces: a map from session id to SUCCESS or FAILURE (SWE-bench
 * "resolved", "PR merged", a reviewer's verdict). An external outcome overrides the trace's
 * verdict.
 *
 * <p>Two formats, told apart by the first non-blank character:
 *
 * <ul>
 *   <li>CSV with a header naming {@code session_id} (or {@code instance_id}, {@code id}) and {@code
 *       outcome} (or {@code resolved}, {@code success}); {@code #} lines and blank lines are
 *       skipped;
 *   <li>JSON: an object {@code {"<id>": true | false | "SUCCESS" | "FAILURE"}} or a list of {@code
 *       {"session_id": "...", "outcome": ...}}.
 * </ul>
 *
 * <p>Outcome values are case-insensitive: {@code SUCCESS/FAILURE}, {@code true/false}, {@code
 * resolved/unresolved}, {@code 1/0}, {@code yes/no}, {@code pass/fail}, {@code passed/failed}.
 * Immutable and thread-safe.
 */
public final class OutcomesFile {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(1024 * 1024)
                  .maxNestingDepth(16)
                  .build())
          .build();
  private static final List<String> ID_COLUMNS = List.of("session_id", "instance_id", "id");
  private static final List<String> OUTCOME_COLUMNS = List.of("outcome", "resolved", "success");

  private final String source;
  private final Map<SessionId, Entry> outcomes;

  private record Entry(boolean success, String raw, long line) {}

  private OutcomesFile(String source, Map<SessionId, Entry> outcomes) {
    this.source = source;
    this.outcomes = Map.copyOf(outcomes);
  }

  /**
   * Reads an outcomes file.
   *
   * @throws IllegalArgumentException {@code "<file>:<line>: <what was wrong>"} for a bad row
   * @throws UncheckedIOException if the file cannot be read
   */
  public static OutcomesFile load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read outcomes file " + file, e);
    }
    return parse(text, file.toString());
  }

  /**
   * Reads outcomes from {@code text}; {@code source} names it in error messages and evidence.
   *
   * @throws IllegalArgumentException {@code "<source>:<line>: <what was wrong>"} for a bad row
   */
  public static OutcomesFile parse(String text, String source) {
    requireNonNull(text, "text");
    requireNonNull(source, "source");
    String t = text.strip();
    if (t.startsWith("\uFEFF")) {
      t = t.substring(1).strip();
    }
    if (t.isEmpty()) {
      throw new IllegalArgumentException(source + ": the outcomes file is empty");
    }
    char first = t.charAt(0);
    return first == '{' || first == '['
        ? new OutcomesFile(source, readJson(text, source))
        : new OutcomesFile(source, readCsv(new StringReader(text), source));
  }

  /** An outcomes map built in memory (tests, the web upload); {@code source} names it. */
  public static OutcomesFile of(Map<SessionId, Boolean> outcomes, String source) {
    Map<SessionId, Entry> m = new LinkedHashMap<>();
    outcomes.forEach((id, ok) -> m.put(id, new Entry(ok, ok ? "SUCCESS" : "FAILURE", 0)));
    return new OutcomesFile(source, m);
  }

  /** How many sessions have an outcome. */
  public int size() {
    return outcomes.size();
  }

  /** The outcome given for {@code id}, if any. */
  public Optional<OutcomeLabel> find(SessionId id) {
    Entry e = outcomes.get(id);
    return e == null
        ? Optional.empty()
        : Optional.of(e.success() ? OutcomeLabel.SUCCESS : OutcomeLabel.FAILURE);
  }

  /**
   * The outcome given for {@code id} as a signal ({@code EXTERNAL_SUCCESS} or {@code
   * EXTERNAL_FAILURE}, request -1) whose evidence names the file, line and value.
   */
  public Optional<OutcomeSignal> signal(SessionId id) {
    Entry e = outcomes.get(id);
    if (e == null) {
      return Optional.empty();
    }
    String where = e.line() > 0 ? source + ":" + e.line() : source;
    return Optional.of(
        new OutcomeSignal(
            e.success() ? SignalKind.EXTERNAL_SUCCESS : SignalKind.EXTERNAL_FAILURE,
            -1,
            where + ": " + e.raw()));
  }

  /** Parses an outcome value; empty if it is not one of the accepted spellings. */
  static Optional<Boolean> parseValue(String raw) {
    switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "success":
      case "succeeded":
      case "true":
      case "resolved":
      case "1":
      case "yes":
      case "pass":
      case "passed":
        return Optional.of(true);
      case "failure":
      case "failed":
      case "false":
      case "unresolved":
      case "0":
      case "no":
      case "fail":
        return Optional.of(false);
      default:
        return Optional.empty();
    }
  }

  private static Map<SessionId, Entry> readCsv(Reader in, String source) {
    Map<SessionId, Entry> out = new LinkedHashMap<>();
    try (BufferedReader r = new BufferedReader(in)) {
      int idCol = -1;
      int outcomeCol = -1;
      long lineNo = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        String body = lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
        if (body.isBlank() || body.stripLeading().startsWith("#")) {
          continue;
        }
        String[] cells = splitCsv(body);
        if (idCol < 0) {
          for (int i = 0; i < cells.length; i++) {
            String name = cells[i].toLowerCase(Locale.ROOT);
            if (idCol < 0 && ID_COLUMNS.contains(name)) {
              idCol = i;
            } else if (outcomeCol < 0 && OUTCOME_COLUMNS.contains(name)) {
              outcomeCol = i;
            }
          }
          if (idCol < 0 || outcomeCol < 0) {
            throw bad(
                source,
                lineNo,
                "expected a header with columns session_id,outcome, was \"" + clip(body) + "\"");
          }
          continue;
        }
        if (cells.length <= Math.max(idCol, outcomeCol)) {
          throw bad(
              source,
              lineNo,
              "expected "
                  + (Math.max(idCol, outcomeCol) + 1)
                  + " columns, was "
                  + cells.length
                  + ": \""
                  + clip(body)
                  + "\"");
        }
        put(out, source, lineNo, cells[idCol], cells[outcomeCol]);
      }
      if (idCol < 0) {
        throw new IllegalArgumentException(source + ": the outcomes file has no header");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read outcomes file " + source, e);
    }
    return out;
  }

  private static String[] splitCsv(String line) {
    String[] cells = line.split(",", -1);
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i].trim();
      if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
        c = c.substring(1, c.length() - 1).replace("\"\"", "\"");
      }
      cells[i] = c;
    }
    return cells;
  }

  private static Map<SessionId, Entry> readJson(String text, String source) {
    Map<SessionId, Entry> out = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(text)) {
      JsonToken root = p.nextToken();
      if (root == JsonToken.START_OBJECT) {
        for (String id = p.nextFieldName(); id != null; id = p.nextFieldName()) {
          long line = p.currentLocation().getLineNr();
          put(out, source, line, id, scalar(p.nextToken(), p, source));
        }
      } else {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          long line = p.currentLocation().getLineNr();
          if (t != JsonToken.START_OBJECT) {
            throw bad(source, line, "expected an object {\"session_id\", \"outcome\"}, was " + t);
          }
          String id = null;
          String outcome = null;
          for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            String name = field.toLowerCase(Locale.ROOT);
            JsonToken v = p.nextToken();
            if (ID_COLUMNS.contains(name) && id == null) {
              id = scalar(v, p, source);
            } else if (OUTCOME_COLUMNS.contains(name) && outcome == null) {
              outcome = scalar(v, p, source);
            } else {
              p.skipChildren();
            }
          }
          if (id == null || outcome == null) {
            throw bad(source, line, "expected fields \"session_id\" and \"outcome\"");
          }
          put(out, source, line, id, outcome);
        }
      }
      if (p.nextToken() != null) {
        throw bad(source, p.currentLocation().getLineNr(), "unexpected content after the document");
      }
    } catch (JsonProcessingException e) {
      throw bad(
          source,
          e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read outcomes file " + source, e);
    }
    return out;
  }

  private static String scalar(@Nullable JsonToken t, JsonParser p, String source)
      throws IOException {
    if (t == null || t.isStructStart() || t == JsonToken.VALUE_NULL) {
      throw bad(
          source,
          p.currentLocation().getLineNr(),
          "expected true, false or a string, was "
              + (t == null ? "the end" : t.asString() == null ? t : t.asString()));
    }
    return p.getText();
  }

  private static void put(
      Map<SessionId, Entry> out, String source, long line, String id, String raw) {
    if (id.isBlank()) {
      throw bad(source, line, "session id is blank");
    }
    Optional<Boolean> v = parseValue(raw);
    if (v.isEmpty()) {
      throw bad(
          source,
          line,
          "outcome must be SUCCESS or FAILURE (or true/false, resolved/unresolved, 1/0), was \""
              + clip(raw)
              + "\"");
    }
    SessionId key = new SessionId(id.trim());
    Entry previous = out.get(key);
    if (previous != null && previous.success() != v.get()) {
      throw bad(
          source,
          line,
          "session "
              + key
              + " already has outcome "
              + previous.raw()
              + " (line "
              + previous.line()
              + "), was "
              + raw.trim());
    }
    out.put(key, new Entry(v.get(), raw.trim(), line));
  }

  private static IllegalArgumentException bad(String source, long line, String problem) {
    return new IllegalArgumentException(source + ":" + line + ": " + problem);
  }

  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
