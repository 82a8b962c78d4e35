package dev.tokensieve.parsers.claude;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.tokensieve.core.model.Instants;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.parsers.IoProblems;
import dev.tokensieve.parsers.JsonLines;
import dev.tokensieve.parsers.ProblemSink;
import dev.tokensieve.parsers.TraceInput;
import dev.tokensieve.parsers.TraceParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads Claude Code transcripts: a session's main {@code <sessionId>.jsonl} with its sub-agent
 * files ({@code <sessionId>/subagents/agent-*.jsonl}, the older flat {@code agent-*.jsonl}) and
 * compaction files ({@code agent-acompact-*.jsonl}), into one {@link Session}.
 *
 * <p>Requests are the assistant responses, counted once per {@code message.id} + {@code requestId}
 * (Claude Code writes one line per content block); {@code <synthetic>} and API-error lines become
 * {@link dev.tokensieve.core.model.Step.ApiError} steps, never requests; {@code progress} lines,
 * which embed copies of sub-agent responses, are never counted. Each line is parsed on its own: a
 * malformed line is reported with its file and line and skipped. Single-use and not thread-safe,
 * like every {@link TraceParser}.
 */
public final class ClaudeCodeParser implements TraceParser {
  /** The agent name of Claude Code sessions. */
  public static final String AGENT = "claude-code";

  /** The most problems reported per file; a binary file forced through would report thousands. */
  static final int MAX_PROBLEMS_PER_FILE = 20;

  private static final Set<String> TYPES =
      Set.of(
          "user",
          "assistant",
          "system",
          "progress",
          "summary",
          "file-history-snapshot",
          "queue-operation",
          "pr-link",
          "attachment");

  /**
   * One scanner and one line buffer per thread, kept across files: the scanner's buffers and cache
   * of field names, and the line buffer, would otherwise be made anew for each of a corpus's
   * thousands of files.
   */
  private static final ThreadLocal<Reading> READINGS = ThreadLocal.withInitial(Reading::new);

  /** What a thread keeps from one file to the next. */
  private static final class Reading {
    /** A buffer grown for a long line is kept up to this size, and dropped beyond it. */
    static final int KEEP = 1 << 20;

    final ClaudeLineScanner scanner = new ClaudeLineScanner();
    byte[] buffer = new byte[0];
  }

  /** A new parser. */
  public ClaudeCodeParser() {}

  @Override
  public boolean sniff(String fileName, String head) {
    int start = 0;
    int lines = 0;
    while (start < head.length() && lines < 50) {
      int end = head.indexOf('\n', start);
      if (end < 0) {
        end = head.length();
      }
      String line = head.substring(start, end).trim();
      start = end + 1;
      if (line.isEmpty()) {
        continue;
      }
      lines++;
      if (line.charAt(0) != '{') {
        return false;
      }
      Boolean verdict = sniffLine(line);
      if (verdict != null) {
        return verdict;
      }
    }
    return false;
  }

  /** True: a Claude Code line; false: another format's; null: cannot tell (keep looking). */
  /**
   * Whether a head line says the file is a Claude Code transcript (null: this line cannot tell).
   * The line is read with the thread's {@link ClaudeLineScanner}; a line it is unsure of (such as
   * the head's last line, cut short) goes to {@link #sniffLineReference}, which it agrees with
   * ({@code ClaudeCodeParserTest}). Making a Jackson parser for each file's first line was a third
   * of the sniffing threads' time.
   */
  static @Nullable Boolean sniffLine(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    ClaudeLine l;
    try {
      l = READINGS.get().scanner.read(bytes, 0, bytes.length);
    } catch (ClaudeLineScanner.Unsure e) {
      return sniffLineReference(line);
    }
    if (l == null) {
      return null;
    }
    // a type that is a number reads as its digits here and as null in the reference: neither is
    // a known type, so the verdict is the same
    return verdict(l.type, l.hasSessionIdKey, l.hasUuidKey, l.hasLeafUuidKey, l.hasPayloadKey);
  }

  /** {@link #sniffLine} with Jackson: the reference. */
  static @Nullable Boolean sniffLineReference(String line) {
    String type = null;
    boolean session = false;
    boolean uuid = false;
    boolean leaf = false;
    boolean payload = false;
    try (JsonParser p = dev.tokensieve.parsers.Json.FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken t = p.nextToken();
        switch (f) {
          case "type" -> type = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "sessionId" -> session = true;
          case "uuid", "messageId" -> uuid = true;
          case "leafUuid" -> leaf = true;
          case "payload" -> payload = true;
          default -> {}
        }
        p.skipChildren();
      }
    } catch (IOException e) {
      return null; // the head may end mid-line
    }
    return verdict(type, session, uuid, leaf, payload);
  }

  private static @Nullable Boolean verdict(
      @Nullable String type, boolean session, boolean uuid, boolean leaf, boolean payload) {
    if (payload || type == null) {
      return payload ? Boolean.FALSE : null;
    }
    if (type.equals("summary")) {
      return leaf;
    }
    if (!TYPES.contains(type)) {
      return null;
    }
    return (session && uuid)
        || (type.equals("file-history-snapshot") && uuid)
        || (session && (type.equals("queue-operation") || type.equals("pr-link")));
  }

  @Override
  public Optional<String> sessionOf(Path file, String head) {
    if (isAuxiliary(file)) {
      Path dir = file.getParent();
      if (dir != null
          && dir.getFileName() != null
          && dir.getFileName().toString().equals("subagents")
          && dir.getParent() != null) {
        return Optional.of(dir.getParent().getFileName().toString());
      }
    }
    String fromHead = firstSessionId(head);
    return Optional.of(fromHead != null ? fromHead : stem(file));
  }

  @Override
  public boolean isAuxiliary(Path file) {
    return stem(file).startsWith("agent-");
  }

  private static @Nullable String firstSessionId(String head) {
    int i = head.indexOf("\"sessionId\"");
    while (i >= 0) {
      int colon = head.indexOf(':', i + 11);
      int q1 = colon < 0 ? -1 : head.indexOf('"', colon);
      int q2 = q1 < 0 ? -1 : head.indexOf('"', q1 + 1);
      if (q2 > q1 + 1
          && head.substring(i + 11, colon).isBlank()
          && head.substring(colon + 1, q1).isBlank()) {
        return head.substring(q1 + 1, q2);
      }
      i = head.indexOf("\"sessionId\"", i + 1);
    }
    return null;
  }

  /** The file name without {@code .gz} and {@code .jsonl}. */
  static String stem(Path file) {
    Path name = file.getFileName();
    String n = name == null ? file.toString() : name.toString();
    if (n.toLowerCase(Locale.ROOT).endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  @Override
  public Stream<Session> parse(TraceInput input, ProblemSink problems) {
    return Stream.of(input).map(in -> read(in, problems)).flatMap(List::stream);
  }

  private List<Session> read(TraceInput input, ProblemSink problems) {
    ClaudeSessionAssembler session = new ClaudeSessionAssembler();
    for (Path file : input.files()) {
      boolean main = file.equals(input.main()) && !isAuxiliary(file);
      String agent = main ? Request.MAIN_AGENT : agentOf(file);
      session.source(file.toString());
      readFile(file, main, agent, session, problems);
    }
    Path main = input.main();
    String fallback = isAuxiliary(main) ? sessionOf(main, "").orElse(stem(main)) : stem(main);
    return session.build(fallback, AGENT);
  }

  private static String agentOf(Path file) {
    String s = stem(file);
    return s.startsWith("agent-") ? s.substring("agent-".length()) : s;
  }

  private static void readFile(
      Path file, boolean main, String agent, ClaudeSessionAssembler session, ProblemSink problems) {
    String name = file.toString();
    try (InputStream in = TraceInput.openUnbuffered(file)) {
      read(in, name, main, agent, session, problems);
    } catch (IOException e) {
      problems.report(name, 0, "cannot read file: " + IoProblems.describe(e));
    }
  }

  /** Reads one transcript stream; exposed to tests so they can feed any {@link InputStream}. */
  static void read(
      InputStream in,
      String name,
      boolean main,
      String agent,
      ClaudeSessionAssembler session,
      ProblemSink problems)
      throws IOException {
    Reading reading = READINGS.get();
    JsonLines lines = new JsonLines(in, reading.buffer);
    ClaudeLineScanner scanner = reading.scanner;
    try {
      read(lines, scanner, name, main, agent, session, problems);
    } finally {
      reading.buffer = lines.array().length <= Reading.KEEP ? lines.array() : new byte[0];
    }
  }

  private static void read(
      JsonLines lines,
      ClaudeLineScanner scanner,
      String name,
      boolean main,
      String agent,
      ClaudeSessionAssembler session,
      ProblemSink problems)
      throws IOException {
    Instant lastAt = null;
    int reported = 0;
    long bad = 0;
    long good = 0;
    while (lines.nextStart()) {
      long lineNo = lines.lineNumber();
      ClaudeLine line;
      try {
        line = readLine(lines, scanner);
      } catch (JsonProcessingException e) {
        bad++;
        if (reported++ < MAX_PROBLEMS_PER_FILE) {
          problems.report(name, lineNo, describe(e));
        }
        continue;
      }
      if (line == null) {
        continue;
      }
      good++;
      Instant at = null;
      if (line.timestamp != null) {
        try {
          at = Instants.parse(line.timestamp);
        } catch (DateTimeException e) {
          if (reported++ < MAX_PROBLEMS_PER_FILE) {
            problems.report(name, lineNo, "bad timestamp \"" + line.timestamp + "\"");
          }
        }
      }
      boolean timed = at != null;
      if (at != null) {
        lastAt = at;
      } else {
        at = lastAt != null ? lastAt : Instant.EPOCH;
      }
      session.add(line, at, timed, main, agent, name, lineNo);
    }
    if (reported > MAX_PROBLEMS_PER_FILE) {
      problems.report(
          name,
          0,
          (reported - MAX_PROBLEMS_PER_FILE)
              + " more problems not reported ("
              + bad
              + " malformed lines, "
              + good
              + " read)");
    }
    if (good == 0 && bad == 0) {
      problems.report(name, 0, "empty file: no transcript lines");
    }
  }

  /**
   * Reads the line {@link JsonLines#nextStart()} moved to with the fast {@link ClaudeLineScanner},
   * which finds where it ends as it goes; if the scanner is unsure of it there (the line may not
   * have been read whole), with the scanner again once its end is found, if it is held whole; and
   * else with the reference {@link ClaudeLineReader}.
   */
  private static @Nullable ClaudeLine readLine(JsonLines lines, ClaudeLineScanner scanner)
      throws IOException {
    try {
      ClaudeLine line = scanner.readLine(lines.array(), lines.start(), lines.limit());
      lines.endAt(scanner.lineEnd());
      return line;
    } catch (ClaudeLineScanner.Unsure e) {
      lines.findEnd();
    }
    if (lines.isHeld()) {
      try {
        return scanner.read(lines.array(), lines.start(), lines.end());
      } catch (ClaudeLineScanner.Unsure e) {
        // the reference reader decides, and says what is wrong if anything is
      }
    }
    try (JsonParser p = lines.parser()) {
      return ClaudeLineReader.read(p);
    }
  }

  private static String describe(JsonProcessingException e) {
    return "malformed JSON: " + IoProblems.json(e);
  }
}
