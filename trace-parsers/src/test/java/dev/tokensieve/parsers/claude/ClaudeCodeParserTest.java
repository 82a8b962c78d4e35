package dev.tokensieve.parsers.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Texts;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.parsers.TraceFormat;
import dev.tokensieve.parsers.TraceInput;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class ClaudeCodeParserTest {
  static final String SID = "11111111-2222-3333-4444-555555555555";

  static String assistant(String msg, String req, String ts, String content, String usage) {
    return "{\"type\":\"assistant\",\"sessionId\":\""
        + SID
        + "\",\"uuid\":\"u-"
        + msg
        + ts
        + "\",\"cwd\":\"/w/app\",\"gitBranch\":\"main\",\"timestamp\":\""
        + ts
        + "\",\"requestId\":\""
        + req
        + "\",\"message\":{\"id\":\""
        + msg
        + "\",\"model\":\"claude-opus-4-6\",\"role\":\"assistant\",\"content\":["
        + content
        + "],\"usage\":"
        + usage
        + "}}";
  }

  static String usage(int in, int cw, int cr, int out) {
    return "{\"input_tokens\":"
        + in
        + ",\"cache_creation_input_tokens\":"
        + cw
        + ",\"cache_read_input_tokens\":"
        + cr
        + ",\"output_tokens\":"
        + out
        + "}";
  }

  static String user(String ts, String content) {
    return "{\"type\":\"user\",\"sessionId\":\""
        + SID
        + "\",\"uuid\":\"u"
        + ts
        + "\",\"timestamp\":\""
        + ts
        + "\",\"message\":{\"role\":\"user\",\"content\":"
        + content
        + "}}";
  }

  record Parsed(List<Session> sessions, List<ParseProblem> problems) {
    Session only() {
      assertThat(sessions).hasSize(1);
      return sessions.get(0);
    }
  }

  static Parsed parse(Path main, Path... related) {
    List<ParseProblem> problems = new ArrayList<>();
    try (var s =
        new ClaudeCodeParser().parse(new TraceInput(main, List.of(related)), problems::add)) {
      return new Parsed(s.toList(), problems);
    }
  }

  static Path write(Path dir, String name, String... lines) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    return Files.writeString(f, String.join("\n", lines) + "\n");
  }

  @Test
  void contentBlocksSharingMessageAndRequestId_countOnce_keepingTheLargestUsage(@TempDir Path dir)
      throws IOException {
    Path f =
        write(
            dir,
            SID + ".jsonl",
            assistant(
                "msg_1",
                "req_1",
                "2026-01-01T00:00:00Z",
                "{\"type\":\"thinking\"}",
                usage(3, 100, 1000, 1)),
            assistant(
                "msg_1",
                "req_1",
                "2026-01-01T00:00:01Z",
                "{\"type\":\"text\",\"text\":\"hi\"}",
                usage(3, 100, 1000, 1)),
            assistant(
                "msg_1",
                "req_1",
                "2026-01-01T00:00:02Z",
                "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\",\"input\":{\"command\":\"ls\"}}",
                usage(3, 100, 1000, 42)));
    Session s = parse(f).only();
    assertThat(s.requests()).hasSize(1);
    Request r = s.requests().get(0);
    assertThat(r.callId()).isEqualTo("msg_1:req_1");
    assertThat(r.usage()).isEqualTo(new Usage(3, 100, 0, 1000, 42, 0));
    assertThat(r.at()).hasToString("2026-01-01T00:00:00Z");
    assertThat(s.stepsOf(Step.ToolCall.class))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ToolKind.SHELL);
              assertThat(c.target()).isEqualTo("ls");
              assertThat(c.request()).isZero();
              assertThat(c.argsDigest()).isEqualTo(Texts.digest("{\"command\":\"ls\"}"));
            });
  }

  @Test
  void cacheWrites_splitIntoFiveMinuteAndOneHour(@TempDir Path dir) throws IOException {
    String u =
        "{\"input_tokens\":1,\"cache_creation_input_tokens\":30,\"cache_read_input_tokens\":5,"
            + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":10,\"ephemeral_1h_input_tokens\":20},"
            + "\"output_tokens\":7}";
    Path f = write(dir, SID + ".jsonl", assistant("m", "r", "2026-01-01T00:00:00Z", "", u));
    assertThat(parse(f).only().requests().get(0).usage()).isEqualTo(new Usage(1, 10, 20, 5, 7, 0));
  }

  @Test
  void progressLines_embeddingSubAgentUsage_areNeverCounted(@TempDir Path dir) throws IOException {
    String embedded =
        assistant("msg_sub", "req_sub", "2026-01-01T00:00:01Z", "", usage(5, 500, 5000, 50));
    Path f =
        write(
            dir,
            SID + ".jsonl",
            assistant("msg_1", "req_1", "2026-01-01T00:00:00Z", "", usage(1, 2, 3, 4)),
            "{\"type\":\"progress\",\"sessionId\":\""
                + SID
                + "\",\"uuid\":\"p\",\"timestamp\":"
                + "\"2026-01-01T00:00:01Z\",\"data\":{\"type\":\"agent_progress\",\"agentId\":\"a1\","
                + "\"message\":"
                + embedded
                + "}}");
    Session s = parse(f).only();
    assertThat(s.requests()).extracting(Request::callId).containsExactly("msg_1:req_1");
  }

  @Test
  void subAgentAndCompactionFiles_joinTheParentSession(@TempDir Path dir) throws IOException {
    Path main =
        write(
            dir,
            SID + ".jsonl",
            assistant("msg_1", "req_1", "2026-01-01T00:00:00Z", "", usage(1, 0, 0, 1)));
    String sub =
        assistant("msg_2", "req_2", "2026-01-01T00:00:05Z", "", usage(2, 0, 0, 2))
            .replace(
                "\"type\":\"assistant\"",
                "\"type\":\"assistant\",\"isSidechain\":true," + "\"agentId\":\"a77\"");
    Path agent = write(dir, SID + "/subagents/agent-a77.jsonl", sub);
    Path compact =
        write(
            dir,
            SID + "/subagents/agent-acompact-99.jsonl",
            assistant("msg_3", "req_3", "2026-01-01T00:00:03Z", "", usage(3, 0, 0, 3)));
    Session s = parse(main, agent, compact).only();
    assertThat(s.id().value()).isEqualTo(SID);
    assertThat(s.sources()).hasSize(3);
    assertThat(s.requests())
        .extracting(Request::callId, Request::agentId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("msg_1:req_1", "main"),
            org.assertj.core.groups.Tuple.tuple("msg_3:req_3", "acompact-99"),
            org.assertj.core.groups.Tuple.tuple("msg_2:req_2", "a77"));
  }

  @Test
  void fileResumedUnderASecondSessionId_givesEachSessionItsOwnRequestsAndSteps(@TempDir Path dir)
      throws IOException {
    // a session resumed into the same file: a few lines of the first id, then many of the second
    String other = "99999999-8888-7777-6666-555555555555";
    Path f =
        write(
            dir,
            SID + ".jsonl",
            user("2026-01-01T00:00:00Z", "\"fix the build\""),
            assistant("msg_1", "req_1", "2026-01-01T00:00:01Z", "", usage(1, 10, 0, 1)),
            user("2026-01-02T09:00:00Z", "\"now add a test\"").replace(SID, other),
            assistant("msg_2", "req_2", "2026-01-02T09:00:01Z", "", usage(2, 20, 0, 2))
                .replace(SID, other),
            assistant("msg_3", "req_3", "2026-01-02T09:00:05Z", "", usage(3, 0, 20, 3))
                .replace(SID, other),
            assistant("msg_4", "req_4", "2026-01-02T09:00:09Z", "", usage(4, 0, 40, 4))
                .replace(SID, other));

    List<Session> sessions = parse(f).sessions();

    assertThat(sessions).extracting(x -> x.id().value()).containsExactly(SID, other);
    Session first = sessions.get(0);
    Session second = sessions.get(1);
    assertThat(first.requests()).extracting(Request::callId).containsExactly("msg_1:req_1");
    assertThat(second.requests())
        .extracting(Request::callId)
        .containsExactly("msg_2:req_2", "msg_3:req_3", "msg_4:req_4");
    assertThat(first.stepsOf(Step.UserMessage.class))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.request()).isEqualTo(-1);
            });
    assertThat(second.stepsOf(Step.UserMessage.class))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.request()).isEqualTo(-1);
            });
    assertThat(first.startedAt()).hasToString("2026-01-01T00:00:00Z");
    assertThat(second.startedAt()).hasToString("2026-01-02T09:00:00Z");
    assertThat(second.endedAt()).hasToString("2026-01-02T09:00:09Z");
  }

  @Test
  void sidechainReplayOfAKnownMessage_underANewRequestId_countsOnce(@TempDir Path dir)
      throws IOException {
    Path main =
        write(
            dir,
            SID + ".jsonl",
            assistant("msg_1", "req_1", "2026-01-01T00:00:00Z", "", usage(1, 10, 100, 5)));
    Path side =
        write(
            dir,
            SID + "/subagents/agent-aside.jsonl",
            assistant("msg_1", "req_9", "2026-01-01T00:00:00Z", "", usage(1, 10, 100, 5))
                .replace("\"type\":\"assistant\"", "\"type\":\"assistant\",\"isSidechain\":true"));
    Session s = parse(main, side).only();
    assertThat(s.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.agentId()).isEqualTo("main");
              assertThat(r.callId()).isEqualTo("msg_1:req_1");
            });
  }

  @Test
  void syntheticAndApiErrorLines_becomeApiErrorSteps_notRequests(@TempDir Path dir)
      throws IOException {
    String synthetic =
        assistant(
                "msg_x",
                "req_x",
                "2026-01-01T00:00:01Z",
                "{\"type\":\"text\",\"text\":\"API Error: 500 overloaded\"}",
                usage(0, 0, 0, 0))
            .replace("claude-opus-4-6", "<synthetic>");
    Path f =
        write(
            dir,
            SID + ".jsonl",
            assistant("msg_1", "req_1", "2026-01-01T00:00:00Z", "", usage(1, 0, 0, 1)),
            synthetic,
            "{\"type\":\"system\",\"subtype\":\"api_error\",\"sessionId\":\""
                + SID
                + "\",\"uuid\":\"e\","
                + "\"timestamp\":\"2026-01-01T00:00:02Z\",\"error\":{},\"retryAttempt\":1,\"maxRetries\":10}");
    Session s = parse(f).only();
    assertThat(s.requests()).hasSize(1);
    assertThat(s.stepsOf(Step.ApiError.class))
        .extracting(Step.ApiError::message)
        .containsExactly("API Error: 500 overloaded", "API error, retry 1 of 10");
  }

  @Test
  void userLines_giveMessagesInterruptsResultsAndCompactions(@TempDir Path dir) throws IOException {
    Path f =
        write(
            dir,
            SID + ".jsonl",
            user("2026-01-01T00:00:00Z", "\"fix the tests\""),
            assistant(
                "msg_1",
                "req_1",
                "2026-01-01T00:00:01Z",
                "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Edit\",\"input\":{\"file_path\":\"a.go\","
                    + "\"old_string\":\"x\",\"new_string\":\"y\"}}",
                usage(1, 0, 0, 1)),
            user(
                "2026-01-01T00:00:02Z",
                "[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                    + "\"is_error\":true,\"content\":\"Exit code 2\\nboom\"}]"),
            user(
                "2026-01-01T00:00:03Z",
                "[{\"type\":\"text\",\"text\":\"[Request interrupted by user]\"}]"),
            "{\"type\":\"system\",\"subtype\":\"compact_boundary\",\"sessionId\":\""
                + SID
                + "\",\"uuid\":\"c\","
                + "\"timestamp\":\"2026-01-01T00:00:04Z\",\"compactMetadata\":{\"trigger\":\"auto\",\"preTokens\":167117}}",
            "{\"type\":\"pr-link\",\"sessionId\":\""
                + SID
                + "\",\"prNumber\":7,\"prUrl\":\"https://x/pull/7\","
                + "\"timestamp\":\"2026-01-01T00:00:05Z\"}");
    Session s = parse(f).only();
    assertThat(s.steps())
        .extracting(st -> st.getClass().getSimpleName())
        .containsExactly(
            "UserMessage", "ToolCall", "Edit", "ToolResult", "Interrupt", "Compaction");
    assertThat(s.stepsOf(Step.UserMessage.class).get(0).request()).isEqualTo(-1);
    assertThat(s.stepsOf(Step.Edit.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.file()).isEqualTo("a.go");
              assertThat(e.before()).isEqualTo(Texts.digest("x"));
              assertThat(e.after()).isEqualTo(Texts.digest("y"));
            });
    assertThat(s.stepsOf(Step.ToolResult.class))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.isError()).isTrue();
              assertThat(r.exitCode()).isEqualTo(2);
              assertThat(r.callId()).isEqualTo("t1");
              assertThat(r.excerpt()).isEqualTo("Exit code 2\nboom");
              assertThat(r.digest()).isEqualTo(Texts.digest("Exit code 2\nboom"));
            });
    assertThat(s.stepsOf(Step.Compaction.class).get(0).preTokens()).isEqualTo(167117);
    assertThat(s.attribute("pr.url")).hasValue("https://x/pull/7");
    assertThat(s.attribute("pr.number")).hasValue("7");
    assertThat(s.project()).isEqualTo("/w/app");
    assertThat(s.branch()).isEqualTo("main");
    assertThat(s.endedAt()).hasToString("2026-01-01T00:00:05Z");
  }

  @Test
  void malformedLine_isReportedWithFileAndLine_andTheRestIsRead(@TempDir Path dir)
      throws IOException {
    Path f =
        write(
            dir,
            SID + ".jsonl",
            assistant("msg_1", "req_1", "2026-01-01T00:00:00Z", "", usage(1, 0, 0, 1)),
            "{\"type\":\"assistant\",\"message\":{\"id\":",
            "[1,2]",
            assistant("msg_2", "req_2", "2026-01-01T00:00:01Z", "", usage(1, 0, 0, 1)));
    Parsed p = parse(f);
    assertThat(p.only().requests()).hasSize(2);
    assertThat(p.problems())
        .extracting(ParseProblem::toString)
        .containsExactly(
            f + ":2: malformed JSON: it ends in the middle of a value (cut short?)",
            f + ":3: malformed JSON: expected a JSON object, found an array");
  }

  @Test
  void truncatedLastLine_isReported_andEarlierLinesKept(@TempDir Path dir) throws IOException {
    Path f = dir.resolve(SID + ".jsonl");
    Files.writeString(
        f,
        assistant("msg_1", "req_1", "2026-01-01T00:00:00Z", "", usage(1, 0, 0, 1))
            + "\n"
            + "{\"type\":\"assistant\",\"timestamp\":\"2026-01");
    Parsed p = parse(f);
    assertThat(p.only().requests()).hasSize(1);
    assertThat(p.problems())
        .singleElement()
        .satisfies(
            pr -> {
              assertThat(pr.line()).isEqualTo(2);
              assertThat(pr.message())
                  .isEqualTo("malformed JSON: it ends in the middle of a value (cut short?)");
            });
  }

  @Test
  void emptyFile_givesNoSession_andAProblem(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve(SID + ".jsonl"), "");
    Parsed p = parse(f);
    assertThat(p.sessions()).isEmpty();
    assertThat(p.problems())
        .extracting(ParseProblem::toString)
        .containsExactly(f + ": empty file: no transcript lines");
  }

  @Test
  void binaryFile_forcedThrough_reportsABoundedNumberOfProblems(@TempDir Path dir)
      throws IOException {
    byte[] junk = new byte[200_000];
    new java.util.Random(42).nextBytes(junk);
    Path f = Files.write(dir.resolve("x.jsonl"), junk);
    Parsed p = parse(f);
    assertThat(p.sessions()).isEmpty();
    assertThat(p.problems()).hasSize(ClaudeCodeParser.MAX_PROBLEMS_PER_FILE + 1);
    assertThat(p.problems().get(p.problems().size() - 1).message())
        .contains("more problems not reported");
  }

  @Test
  void gzippedFile_readsLikeThePlainOne(@TempDir Path dir) throws IOException {
    String text = assistant("msg_1", "req_1", "2026-01-01T00:00:00Z", "", usage(1, 2, 3, 4)) + "\n";
    Path plain = Files.writeString(dir.resolve(SID + ".jsonl"), text);
    Path gz = dir.resolve("gz/" + SID + ".jsonl.gz");
    Files.createDirectories(gz.getParent());
    try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(parse(gz).only().requests()).isEqualTo(parse(plain).only().requests());
  }

  @Test
  void fiftyMegabyteToolOutputOnOneLine_isDigestedNotKept(@TempDir Path dir) throws IOException {
    int size = 50 * 1024 * 1024;
    Path f = dir.resolve(SID + ".jsonl");
    try (var out = Files.newBufferedWriter(f)) {
      String open =
          user(
              "2026-01-01T00:00:00Z",
              "[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"");
      out.write(open, 0, open.length() - 2); // without the closing braces user() adds
      out.write("START");
      char[] chunk = new char[1 << 16];
      java.util.Arrays.fill(chunk, 'a');
      for (int written = 0; written < size; written += chunk.length) {
        out.write(chunk);
      }
      out.write("END\"}]}}\n");
      out.write(assistant("msg_1", "req_1", "2026-01-01T00:00:01Z", "", usage(1, 0, 0, 1)));
      out.write("\n");
    }
    Parsed p = parse(f);
    assertThat(p.problems()).isEmpty();
    Step.ToolResult r = p.only().stepsOf(Step.ToolResult.class).get(0);
    assertThat(r.tokens()).isEqualTo(Texts.estimateTokens(size + 8L));
    assertThat(r.excerpt())
        .startsWith("STARTaaa")
        .endsWith("aaaEND")
        .hasSizeLessThanOrEqualTo(Step.EXCERPT_LIMIT);
    assertThat(p.only().requests()).hasSize(1);
  }

  @Test
  void deeplyNestedJson_beyondTheLimit_isAProblemNotACrash(@TempDir Path dir) throws IOException {
    String deep = "{\"type\":\"user\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    Path f =
        write(
            dir,
            SID + ".jsonl",
            deep,
            assistant("msg_1", "req_1", "2026-01-01T00:00:00Z", "", usage(1, 0, 0, 1)));
    Parsed p = parse(f);
    assertThat(p.only().requests()).hasSize(1);
    assertThat(p.problems())
        .singleElement()
        .satisfies(
            pr -> {
              assertThat(pr.line()).isEqualTo(1);
              assertThat(pr.message())
                  .contains("Document nesting depth (513) exceeds the maximum allowed (512");
            });
  }

  enum Delivery {
    WHOLE,
    ONE_BYTE_AT_A_TIME
  }

  @ParameterizedTest
  @EnumSource(Delivery.class)
  void samples_parseTheSame_howeverTheBytesArrive(Delivery delivery) throws IOException {
    Path sample =
        dev.tokensieve.parsers.Samples.resource(
            "samples/claude-code/projects/-Users-alex-workspace-tmp-cli/253fd5ef-38bf-4f4a-804a-98df5088a868.jsonl");
    byte[] bytes = Files.readAllBytes(sample);
    ClaudeSessionAssembler a = new ClaudeSessionAssembler();
    List<ParseProblem> problems = new ArrayList<>();
    InputStream in = new ByteArrayInputStream(bytes);
    if (delivery == Delivery.ONE_BYTE_AT_A_TIME) {
      in =
          new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              return super.read(b, off, Math.min(len, 1));
            }
          };
    }
    ClaudeCodeParser.read(in, "s", true, "main", a, problems::add);
    Session viaStream = a.build("x", "claude-code").get(0);
    Session viaFile = parse(sample).only();
    assertThat(problems).isEmpty();
    assertThat(viaStream.requests()).isEqualTo(viaFile.requests());
    assertThat(viaStream.steps()).isEqualTo(viaFile.steps());
  }

  @Test
  void samples_parseTheSame_withCrLfPaddingBlankLinesAndNoFinalBreak(@TempDir Path dir)
      throws IOException {
    // the scanner finds each line's end itself: whitespace around a line's value, a \r before
    // its break, blank lines and a last line without one must not change what it reads
    Path sample =
        dev.tokensieve.parsers.Samples.resource(
            "samples/claude-code/projects/-Users-alex-workspace-tmp-cli/253fd5ef-38bf-4f4a-804a-98df5088a868.jsonl");
    String text = Files.readString(sample);
    StringBuilder odd = new StringBuilder();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      odd.append(i % 2 == 0 ? " \t" : "").append(lines[i]).append(i % 3 == 0 ? "  \r" : "");
      if (i < lines.length - 1) {
        odd.append(i % 4 == 0 ? "\r\n \n\n" : "\n");
      }
    }
    Path f = dir.resolve("253fd5ef-38bf-4f4a-804a-98df5088a868.jsonl");
    Files.writeString(f, odd);
    Parsed oddly = parse(f);
    Session plain = parse(sample).only();
    assertThat(oddly.problems()).isEmpty();
    assertThat(oddly.only().requests()).isEqualTo(plain.requests());
    assertThat(oddly.only().steps()).isEqualTo(plain.steps());
  }

  @Test
  void sniff_recognisesClaudeCode_andRejectsOtherJsonl() {
    ClaudeCodeParser p = new ClaudeCodeParser();
    assertThat(
            p.sniff("x.jsonl", assistant("m", "r", "2026-01-01T00:00:00Z", "", usage(1, 0, 0, 1))))
        .isTrue();
    assertThat(p.sniff("x.jsonl", "{\"type\":\"summary\",\"summary\":\"s\",\"leafUuid\":\"l\"}\n"))
        .isTrue();
    assertThat(
            p.sniff(
                "rollout.jsonl",
                "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"type\":"
                    + "\"session_meta\",\"payload\":{\"id\":\"x\"}}\n"))
        .isFalse();
    assertThat(p.sniff("x.json", "{\"loglines\":[]}")).isFalse();
    assertThat(TraceFormat.sniff("x.jsonl", user("2026-01-01T00:00:00Z", "\"hi\"")))
        .hasValue(TraceFormat.CLAUDE_CODE);
  }
}
