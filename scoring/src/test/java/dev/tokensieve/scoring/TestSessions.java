package dev.tokensieve.scoring;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SessionId;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Texts;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Builds canonical sessions for tests: one request per agent turn, tool calls in between. */
public final class TestSessions {
  /** The model every test request uses (priced in the bundled table). */
  public static final String MODEL = "claude-sonnet-4-5-20250929";

  private final Session.Builder b;
  private Instant now = Instant.parse("2026-09-01T09:00:00Z");
  private int calls;

  private TestSessions(String id) {
    b = Session.builder(new SessionId(id), "claude-code").source(id + ".jsonl").project("/repo");
  }

  /** A new session builder. */
  public static TestSessions session(String id) {
    return new TestSessions(id);
  }

  /** Appends a request with the given usage. */
  public TestSessions request(Usage u) {
    now = now.plusSeconds(10);
    b.request(new Request("m" + b.lastRequest() + 1, now, MODEL, Request.MAIN_AGENT, u, null));
    return this;
  }

  /** Appends a request whose response told the user {@code text}. */
  public TestSessions says(String text) {
    now = now.plusSeconds(10);
    Usage u = new Usage(100, 0, 0, 0, 10, 0);
    b.request(
        new Request("m" + b.lastRequest() + 1, now, MODEL, Request.MAIN_AGENT, u, null, text));
    return this;
  }

  /** Appends a message the user typed. */
  public TestSessions user(String text) {
    now = now.plusSeconds(1);
    b.step(
        new Step.UserMessage(
            now, b.lastRequest(), Request.MAIN_AGENT, Texts.estimateTokens(text.length()), text));
    return this;
  }

  /** Appends a request with fresh input, cache reads and output. */
  public TestSessions request(long input, long cacheRead, long output) {
    return request(new Usage(input, 0, 0, cacheRead, output, 0));
  }

  /** Appends a shell call and its result. */
  public TestSessions shell(String command, String output, @Nullable Integer exit) {
    return tool(ToolKind.SHELL, "Bash", command, output, exit != null && exit != 0, exit);
  }

  /** Appends a tool call of any kind and its result. */
  public TestSessions tool(
      ToolKind kind,
      String name,
      String target,
      String output,
      boolean error,
      @Nullable Integer exit) {
    String id = "call" + calls++;
    now = now.plusSeconds(1);
    int r = b.lastRequest();
    b.step(new Step.ToolCall(now, r, "main", id, name, kind, target, Texts.digest(target)));
    b.step(
        new Step.ToolResult(
            now,
            r,
            "main",
            id,
            error,
            exit,
            Texts.estimateTokens(output.length()),
            Texts.digest(output),
            Texts.excerpt(output)));
    return this;
  }

  /** Appends an edit of {@code file} (an Edit tool call and its Edit step). */
  public TestSessions edit(String file) {
    String id = "call" + calls++;
    now = now.plusSeconds(1);
    int r = b.lastRequest();
    b.step(new Step.ToolCall(now, r, "main", id, "Edit", ToolKind.EDIT, file, Texts.digest(file)));
    b.step(new Step.Edit(now, r, "main", id, file, "a" + calls, "b" + calls));
    b.step(new Step.ToolResult(now, r, "main", id, false, null, 5, "d", "ok"));
    return this;
  }

  /** Appends a user interrupt. */
  public TestSessions interrupt() {
    now = now.plusSeconds(1);
    b.step(new Step.Interrupt(now, b.lastRequest(), "main"));
    return this;
  }

  /** Appends an API error. */
  public TestSessions apiError(String message) {
    now = now.plusSeconds(1);
    b.step(new Step.ApiError(now, b.lastRequest(), "main", message));
    return this;
  }

  /** Sets a session attribute. */
  public TestSessions attribute(String key, String value) {
    b.attribute(key, value);
    return this;
  }

  /** The session. */
  public Session build() {
    return b.build();
  }
}
