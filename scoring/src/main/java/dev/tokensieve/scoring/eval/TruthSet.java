package dev.tokensieve.scoring.eval;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.scoring.report.ReportJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A truth set: real sessions annotated by hand, each with the waste a careful reader finds in it
 * (kind and request range) and the outcome that reader judges. Format {@code tokensieve.truth/v1}:
 *
 * <pre>{@code
 * {"schema": "tokensieve.truth/v1",
 *  "sessions": [{
 *    "path": "mini-swe-agent/trajs/django__django-12125.traj.json",   // relative to the root
 *    "session": "django__django-12125",                               // the id analyze reports
 *    "outcome": "SUCCESS",                                            // SUCCESS | FAILURE | UNKNOWN
 *    "findings": [{"kind": "RETRY_LOOP", "firstRequest": 10, "lastRequest": 14, "note": "..."}],
 *    ...any other field (agent, source, outcomeEvidence, note) is kept for people, not read
 *  }]}
 * }</pre>
 *
 * <p>Request indexes are 0-based into the session's requests after de-duplication, as {@code
 * analyze --json} numbers them; ranges are inclusive. The findings of a session are exhaustive: a
 * kind the reader did not list is a kind the reader found no instance of.
 */
public final class TruthSet {
  /** The schema name a truth file must declare. */
  public static final String SCHEMA = "tokensieve.truth/v1";

  /** The scoring module's shared factory, with its limits on string length and nesting. */
  private static final JsonFactory JSON = ReportJson.jsonFactory();

  /** One annotated session. */
  public record Entry(
      String path,
      String session,
      OutcomeLabel outcome,
      List<DetectorEvaluation.Planted> findings,
      long line) {
    /** Requires every field; copies the findings. */
    public Entry {
      requireNonNull(path, "path");
      requireNonNull(session, "session");
      requireNonNull(outcome, "outcome");
      findings = List.copyOf(findings);
    }
  }

  private final String source;
  private final List<Entry> entries;

  private TruthSet(String source, List<Entry> entries) {
    this.source = source;
    this.entries = List.copyOf(entries);
  }

  /** The annotated sessions, in file order. */
  public List<Entry> entries() {
    return entries;
  }

  /** Where the set was read from, for messages. */
  public String source() {
    return source;
  }

  /**
   * Reads a truth file.
   *
   * @throws IllegalArgumentException {@code "<file>:<line>: <what was wrong>"}
   * @throws UncheckedIOException if the file cannot be read
   */
  public static TruthSet load(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read truth file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a truth document; {@code source} names it in messages.
   *
   * @throws IllegalArgumentException {@code "<source>:<line>: <what was wrong>"}
   */
  public static TruthSet parse(String source, String text) {
    try (JsonParser p = JSON.createParser(text)) {
      return new Reader(source, p).document();
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new IllegalArgumentException(
          source + ":" + line + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Reader {
    private final String source;
    private final JsonParser p;

    Reader(String source, JsonParser p) {
      this.source = source;
      this.p = p;
    }

    TruthSet document() throws IOException {
      expect(p.nextToken(), JsonToken.START_OBJECT, "the document");
      String schema = null;
      List<Entry> entries = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("schema")) {
          expect(t, JsonToken.VALUE_STRING, "schema");
          schema = p.getText();
        } else if (name.equals("sessions")) {
          expect(t, JsonToken.START_ARRAY, "sessions");
          entries = new ArrayList<>();
          Set<String> seen = new HashSet<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            Entry e = entry();
            if (!seen.add(e.session())) {
              throw fail(e.line(), "session '" + e.session() + "' is annotated twice");
            }
            entries.add(e);
          }
        } else {
          p.skipChildren();
        }
      }
      if (!SCHEMA.equals(schema)) {
        throw fail(
            1,
            "schema is "
                + (schema == null ? "missing" : "'" + schema + "'")
                + ", expected '"
                + SCHEMA
                + "'");
      }
      if (entries == null) {
        throw fail(1, "no 'sessions' list");
      }
      return new TruthSet(source, entries);
    }

    private Entry entry() throws IOException {
      long line = line();
      expect(p.currentToken(), JsonToken.START_OBJECT, "a session entry");
      Map<String, String> text = new LinkedHashMap<>();
      List<DetectorEvaluation.Planted> findings = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("findings")) {
          expect(t, JsonToken.START_ARRAY, "findings");
          while (p.nextToken() != JsonToken.END_ARRAY) {
            findings.add(finding());
          }
        } else if (t == JsonToken.VALUE_STRING) {
          text.put(name, p.getText());
        } else {
          p.skipChildren();
        }
      }
      String path = required(text, "path", line);
      String session = required(text, "session", line);
      String outcome = required(text, "outcome", line);
      return new Entry(path, session, outcome(outcome, line), findings, line);
    }

    private DetectorEvaluation.Planted finding() throws IOException {
      long line = line();
      expect(p.currentToken(), JsonToken.START_OBJECT, "a finding");
      String kind = null;
      Integer first = null;
      Integer last = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "kind" -> {
            expect(t, JsonToken.VALUE_STRING, "kind");
            kind = p.getText();
          }
          case "firstRequest" -> first = index(t, name);
          case "lastRequest" -> last = index(t, name);
          default -> p.skipChildren();
        }
      }
      if (kind == null || first == null || last == null) {
        throw fail(line, "a finding needs kind, firstRequest and lastRequest");
      }
      if (last < first) {
        throw fail(line, "lastRequest " + last + " is before firstRequest " + first);
      }
      return new DetectorEvaluation.Planted(kind(kind, line), first, last);
    }

    private int index(JsonToken t, String name) throws IOException {
      if (t != JsonToken.VALUE_NUMBER_INT
          || p.getLongValue() < 0
          || p.getLongValue() > Integer.MAX_VALUE) {
        throw fail(line(), name + " must be a request index (an integer >= 0), got " + p.getText());
      }
      return p.getIntValue();
    }

    private FindingKind kind(String name, long line) {
      try {
        FindingKind k = FindingKind.valueOf(name.toUpperCase(Locale.ROOT));
        if (k != FindingKind.FAILED_OUTCOME) {
          return k;
        }
      } catch (IllegalArgumentException e) {
        // reported below with the kinds a reader may use
      }
      List<String> names = new ArrayList<>();
      for (FindingKind k : FindingKind.values()) {
        if (k != FindingKind.FAILED_OUTCOME) {
          names.add(k.name());
        }
      }
      throw fail(line, "unknown finding kind '" + name + "', expected one of " + names);
    }

    private OutcomeLabel outcome(String value, long line) {
      try {
        return OutcomeLabel.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw fail(line, "outcome '" + value + "' is not SUCCESS, FAILURE or UNKNOWN");
      }
    }

    private String required(Map<String, String> fields, String name, long line) {
      String v = fields.get(name);
      if (v == null || v.isBlank()) {
        throw fail(line, "a session entry needs a '" + name + "' string");
      }
      return v;
    }

    private void expect(@Nullable JsonToken got, JsonToken want, String what) {
      if (got != want) {
        throw fail(line(), what + " must be " + describe(want) + ", got " + describe(got));
      }
    }

    private long line() {
      return p.currentTokenLocation().getLineNr();
    }

    private IllegalArgumentException fail(long line, String message) {
      return new IllegalArgumentException(source + ":" + line + ": " + message);
    }

    private static String describe(@Nullable JsonToken t) {
      if (t == null) {
        return "the end of the file";
      }
      return switch (t) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "a list";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> t.toString();
      };
    }
  }
}
