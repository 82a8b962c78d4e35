package dev.tokensieve.parsers.gemini;

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
import dev.tokensieve.parsers.common.Heads;
import dev.tokensieve.parsers.common.JsonRecords;
import dev.tokensieve.parsers.common.Node;
import dev.tokensieve.parsers.common.Times;
import dev.tokensieve.parsers.common.Tools;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads Gemini CLI session files: the legacy single JSON document ({@code sessionId}, {@code
 * messages[]}) and the JSON lines written since April 2026, where a message is re-appended in full
 * whenever it changes (the last record with an id wins), {@code $rewindTo} deletes a message and
 * everything after it, and {@code $set} updates metadata or replaces the messages.
 *
 * <p>Tokens: {@code input} includes {@code cached} (subtracted), {@code thoughts} are outside
 * {@code output} (added, and kept as reasoning), {@code tool} prompt tokens count as input, so that
 * a request's total equals the message's own {@code tokens.total}.
 */
public final class GeminiCliParser implements TraceParser {
  private static final String MAIN = Request.MAIN_AGENT;

  private static final Pattern SESSION_ID =
      Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]{1,200})\"");

  /** Creates a parser; parsers are cheap and single-use. */
  public GeminiCliParser() {}

  @Override
  public boolean sniff(String fileName, String head) {
    return Heads.firstChar(head) == '{'
        && Heads.hasKey(head, "sessionId")
        && Heads.hasKey(head, "projectHash");
  }

  /** Groups the saves of one session (same {@code sessionId}) into one input. */
  @Override
  public Optional<String> sessionOf(Path file, String head) {
    Matcher m = SESSION_ID.matcher(head);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  @Override
  public boolean readsVersionsTogether() {
    return true;
  }

  /**
   * Reads the input's files; several files of one session are saves of it, and the latest save (by
   * {@code lastUpdated}, then by messages) is the session, with every file as a source.
   */
  @Override
  public Stream<Session> parse(TraceInput input, ProblemSink problems) {
    if (input.related().isEmpty()) {
      Chat chat = read(input.main(), problems);
      return chat == null ? Stream.empty() : Stream.of(chat.build(input.main(), List.of()));
    }
    Chat latest = null;
    Path latestFile = input.main();
    for (Path f : input.files()) {
      Chat chat = read(f, problems);
      if (chat != null && (latest == null || chat.isLaterThan(latest))) {
        latest = chat;
        latestFile = f;
      }
    }
    if (latest == null) {
      return Stream.empty();
    }
    List<Path> others = new ArrayList<>(input.files());
    others.remove(latestFile);
    return Stream.of(latest.build(latestFile, others));
  }

  private static @Nullable Chat read(Path file, ProblemSink problems) {
    Chat chat = new Chat();
    JsonRecords.records(file, problems, (n, line) -> chat.record(n));
    if (chat.sessionId == null) {
      if (!chat.messages.isEmpty()) {
        problems.report(file.toString(), 0, "no sessionId: not a Gemini CLI session");
      }
      return null;
    }
    return chat;
  }

  /** The materialised chat: metadata and messages, last write wins. */
  private static final class Chat {
    private @Nullable String sessionId;
    private final Map<String, String> meta = new LinkedHashMap<>();
    private final LinkedHashMap<String, Node> messages = new LinkedHashMap<>();
    private int anonymous;

    void record(Node n) {
      Node rewind = n.get("$rewindTo");
      if (!rewind.isMissing()) {
        rewindTo(rewind.text(""));
        return;
      }
      Node set = n.get("$set");
      if (set.isObject()) {
        metadata(set);
        return;
      }
      if (!n.get("id").isMissing() && !n.get("type").isMissing()) {
        String id = n.get("id").text("#" + anonymous++);
        messages.put(id, n); // re-put keeps the first position, takes the newest content
        return;
      }
      metadata(n);
    }

    private void metadata(Node n) {
      for (Map.Entry<String, Node> e : n.fields().entrySet()) {
        String key = e.getKey();
        if ("messages".equals(key)) {
          messages.clear(); // a full document or a checkpoint replaces everything so far
          for (Node m : e.getValue().elements()) {
            messages.put(m.get("id").text("#" + anonymous++), m);
          }
        } else if ("sessionId".equals(key)) {
          String id = e.getValue().text();
          if (id != null && !id.isBlank()) {
            sessionId = id;
          }
        } else {
          String v = e.getValue().text();
          if (v != null) {
            meta.put(key, v);
          }
        }
      }
    }

    private void rewindTo(String id) {
      boolean drop = false;
      var it = messages.entrySet().iterator();
      while (it.hasNext()) {
        if (it.next().getKey().equals(id)) {
          drop = true;
        }
        if (drop) {
          it.remove();
        }
      }
    }

    /** Whether this save is later than {@code other}: newer {@code lastUpdated}, then longer. */
    boolean isLaterThan(Chat other) {
      Instant mine = parseTime(meta.get("lastUpdated"));
      Instant theirs = parseTime(other.meta.get("lastUpdated"));
      if (mine != null && theirs != null && !mine.equals(theirs)) {
        return mine.isAfter(theirs);
      }
      return messages.size() > other.messages.size();
    }

    Session build(Path file, List<Path> olderSaves) {
      Session.Builder b = Session.builder(new SessionId(requireId()), "gemini-cli");
      b.source(file.toString());
      olderSaves.forEach(f -> b.source(f.toString()));
      b.seen(parseTime(meta.get("startTime")));
      b.seen(parseTime(meta.get("lastUpdated")));
      for (String key : new String[] {"projectHash", "summary", "kind"}) {
        if (meta.containsKey(key)) {
          b.attribute(key, meta.get(key));
        }
      }
      Instant last = parseTime(meta.get("startTime"));
      if (last == null) {
        last = Instant.EPOCH;
      }
      String lastType = "";
      for (Map.Entry<String, Node> e : messages.entrySet()) {
        Node m = e.getValue();
        Instant at = Times.parse(m.get("timestamp"));
        if (at != null) {
          last = at;
        }
        String type = m.get("type").text("");
        lastType = type;
        switch (type) {
          case "user":
            b.step(Tools.user(last, b.lastRequest(), MAIN, content(m.get("content"))));
            break;
          case "gemini":
            gemini(b, e.getKey(), m, last);
            break;
          case "error":
            b.step(
                new Step.ApiError(
                    last, b.lastRequest(), MAIN, Texts.excerpt(content(m.get("content")))));
            break;
          case "info":
            if (content(m.get("content")).strip().startsWith("Request cancelled")) {
              b.step(new Step.Interrupt(last, b.lastRequest(), MAIN));
            }
            break;
          default:
            break; // warnings and future kinds
        }
      }
      b.attribute("last_message_type", lastType.isEmpty() ? "none" : lastType);
      return b.build();
    }

    private String requireId() {
      String id = sessionId;
      if (id == null) {
        throw new IllegalStateException("no session id");
      }
      return id;
    }

    private static void gemini(Session.Builder b, String id, Node m, Instant at) {
      Node t = m.get("tokens");
      long input = Math.max(0, t.get("input").asLong(0));
      long cached = Math.min(Math.max(0, t.get("cached").asLong(0)), input);
      long output = Math.max(0, t.get("output").asLong(0));
      long thoughts = Math.max(0, t.get("thoughts").asLong(0));
      long tool = Math.max(0, t.get("tool").asLong(0));
      Usage u = new Usage(input - cached + tool, 0, 0, cached, output + thoughts, thoughts);
      if (!u.isZero()) {
        String said = content(m.get("content")).strip();
        b.request(
            new Request(
                id,
                at,
                m.get("model").text("unknown"),
                MAIN,
                u,
                null,
                said.isEmpty() ? null : said));
      }
      for (Node call : m.get("toolCalls").elements()) {
        toolCall(b, call, at);
      }
    }

    private static void toolCall(Session.Builder b, Node call, Instant messageAt) {
      Instant at = Times.parse(call.get("timestamp"));
      if (at == null) {
        at = messageAt;
      }
      String name = call.get("name").text("tool");
      String callId = call.get("id").text(name + "@" + at);
      Node args = call.get("args");
      ToolKind kind = Tools.kindOf(name);
      int r = b.lastRequest();
      b.step(Tools.call(at, r, MAIN, callId, name, kind, Tools.target(kind, args), args.toJson()));
      if ("replace".equals(name) || "edit".equals(name)) {
        b.step(
            Tools.edit(
                at,
                r,
                MAIN,
                callId,
                Tools.path(args),
                args.get("old_string").text(""),
                args.get("new_string").text("")));
      } else if ("write_file".equals(name)) {
        b.step(Tools.edit(at, r, MAIN, callId, Tools.path(args), "", args.get("content").text("")));
      }
      String status = call.get("status").text("");
      if (status.isEmpty() && call.get("result").isMissing()) {
        return; // still pending when the file was written
      }
      StringBuilder out = new StringBuilder();
      boolean error = "error".equals(status) || "cancelled".equals(status);
      for (Node part : call.get("result").elements()) {
        Node response = part.path("functionResponse", "response");
        if (!response.get("error").isNullish()) {
          error = true;
          out.append(response.get("error").text(response.get("error").toJson()));
        }
        out.append(response.get("output").text(""));
      }
      if (out.length() == 0) {
        out.append(call.get("resultDisplay").text(""));
      }
      String text = out.toString();
      Integer exit = kind == ToolKind.SHELL ? Tools.exitCode(text) : null;
      if (exit != null && exit != 0) {
        error = true;
      }
      b.step(Tools.result(at, r, MAIN, callId, text, error, exit));
      if ("cancelled".equals(status)) {
        b.step(new Step.Interrupt(at, r, MAIN));
      }
    }

    private static String content(Node c) {
      if (c.isArray()) {
        List<String> parts = new ArrayList<>();
        for (Node p : c.elements()) {
          parts.add(p.isText() ? p.text("") : p.get("text").text(""));
        }
        return String.join("\n", parts);
      }
      return c.text("");
    }

    private static @Nullable Instant parseTime(@Nullable String s) {
      return s == null ? null : Times.parse(s);
    }
  }
}
