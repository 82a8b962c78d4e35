package dev.tokensieve.parsers.common;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.parsers.IoProblems;
import dev.tokensieve.parsers.Json;
import dev.tokensieve.parsers.ProblemSink;
import dev.tokensieve.parsers.TraceInput;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Reads a trace file record by record, as JSON lines or as a sequence of JSON documents, and turns
 * every unreadable line or file into a problem with the file and line instead of an exception.
 *
 * <p>Each JSON line gets its own parser, so a malformed line cannot derail the rest and its line
 * number is exact. A file whose first line is not a complete JSON value (a pretty-printed document)
 * is read as a stream of documents; there a syntax error ends the file, since nothing after it can
 * be trusted.
 */
public final class JsonRecords {
  /** Unreadable lines reported per file before the rest of the file is given up. */
  public static final int MAX_LINE_PROBLEMS = 20;

  private static final int BINARY_PROBE = 8192;

  /** Receives each record and the 1-based line it starts on. */
  @FunctionalInterface
  public interface Handler {
    /** Handles one record. */
    void record(Node record, long line);
  }

  private JsonRecords() {}

  /** Reads {@code file} as JSON lines: one record per non-blank line. */
  public static void lines(Path file, ProblemSink problems, Handler handler) {
    read(file, problems, handler, true);
  }

  /**
   * The session of a one-document trajectory file (SWE-agent, mini-swe-agent): the first record
   * that has the array {@code required}, built by {@code build}; a record without it is reported as
   * {@code "no <required> array: not a <what>"}.
   */
  public static @Nullable Session firstDocument(
      Path file,
      ProblemSink problems,
      String required,
      String what,
      BiFunction<Path, Node, Session> build) {
    List<Session> out = new ArrayList<>(1);
    records(
        file,
        problems,
        (n, line) -> {
          if (!n.get(required).isArray()) {
            problems.report(file.toString(), line, "no " + required + " array: not a " + what);
            return;
          }
          out.add(build.apply(file, n));
        });
    return out.isEmpty() ? null : out.get(0);
  }

  /**
   * Reads {@code file} as JSON lines if its first line is a complete JSON value, otherwise as a
   * sequence of (usually one) JSON documents.
   */
  public static void records(Path file, ProblemSink problems, Handler handler) {
    read(file, problems, handler, false);
  }

  private static void read(Path file, ProblemSink problems, Handler handler, boolean linesOnly) {
    String name = file.toString();
    try (InputStream raw = new BufferedInputStream(TraceInput.open(file), 1 << 16)) {
      if (isBinary(raw)) {
        problems.report(name, 0, "binary content, not a JSON trace");
        return;
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16);
      long lineNo = 0;
      String first;
      do {
        first = in.readLine();
        lineNo++;
      } while (first != null && first.isBlank());
      if (first == null) {
        problems.report(name, 0, "empty file");
        return;
      }
      if (!linesOnly && !isCompleteValue(first)) {
        readDocuments(file, problems, handler);
        return;
      }
      int bad = 0;
      for (String line = first; line != null; line = in.readLine(), lineNo++) {
        if (line.isBlank()) {
          continue;
        }
        Node node;
        try {
          node = Node.parse(line);
        } catch (JsonProcessingException e) {
          problems.report(name, lineNo, "malformed JSON: " + IoProblems.json(e));
          if (++bad >= MAX_LINE_PROBLEMS) {
            problems.report(
                name, lineNo, "too many malformed lines (" + bad + "); stopped reading the file");
            return;
          }
          continue;
        }
        deliver(handler, node, lineNo, name, problems);
      }
    } catch (IOException e) {
      problems.report(name, 0, "cannot read: " + IoProblems.describe(e));
    }
  }

  private static void readDocuments(Path file, ProblemSink problems, Handler handler)
      throws IOException {
    String name = file.toString();
    try (Reader r = new InputStreamReader(TraceInput.open(file), StandardCharsets.UTF_8);
        JsonParser p = Json.FACTORY.createParser(r)) {
      while (true) {
        long line;
        Node node;
        try {
          if (p.nextToken() == null) {
            return;
          }
          line = p.currentTokenLocation().getLineNr();
          node = Node.read(p);
        } catch (JsonProcessingException e) {
          JsonLocation at = e.getLocation();
          long errLine = at == null ? 0 : Math.max(0, at.getLineNr());
          problems.report(name, errLine, "malformed JSON: " + IoProblems.json(e));
          return;
        }
        deliver(handler, node, line, name, problems);
      }
    }
  }

  private static void deliver(
      Handler handler, Node node, long line, String name, ProblemSink problems) {
    try {
      handler.record(node, line);
    } catch (RuntimeException e) {
      // A record of an unexpected shape must not cost the user the rest of the file.
      problems.report(name, line, "unreadable record: " + IoProblems.internal(e));
    }
  }

  private static boolean isCompleteValue(String line) {
    try {
      Node.parse(line);
      return true;
    } catch (JsonEOFException e) {
      return false;
    } catch (IOException e) {
      return true; // a broken line of a JSONL file: reported when read as a line
    }
  }

  private static boolean isBinary(InputStream in) throws IOException {
    in.mark(BINARY_PROBE);
    try {
      byte[] b = in.readNBytes(BINARY_PROBE);
      for (byte x : b) {
        if (x == 0) {
          return true;
        }
      }
      return false;
    } finally {
      in.reset();
    }
  }
}
