package dev.tokensieve.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TraceScannerTest {
  private static String line(String sid, String msg, String ts, String content, int out) {
    return "{\"type\":\"assistant\",\"sessionId\":\""
        + sid
        + "\",\"uuid\":\"u"
        + msg
        + "\",\"timestamp\":\""
        + ts
        + "\",\"requestId\":\"r"
        + msg
        + "\",\"message\":{\"id\":\""
        + msg
        + "\",\"model\":\"claude-opus-4-6\",\"content\":["
        + content
        + "],\"usage\":"
        + "{\"input_tokens\":1,\"output_tokens\":"
        + out
        + "}}}";
  }

  private static String toolUse(String id) {
    return "{\"type\":\"tool_use\",\"id\":\""
        + id
        + "\",\"name\":\"Read\",\"input\":{\"file_path\":\"f\"}}";
  }

  private static String result(String sid, String id, String ts) {
    return "{\"type\":\"user\",\"sessionId\":\""
        + sid
        + "\",\"uuid\":\"r"
        + id
        + "\",\"timestamp\":\""
        + ts
        + "\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\""
        + id
        + "\",\"content\":\"ok\"}]}}";
  }

  @Test
  void resumedSessionSortingFirstByPath_stillLeavesTheReplayToTheSessionThatEndedFirst(
      @TempDir Path dir) throws IOException {
    Path project = Files.createDirectories(dir.resolve("projects/p"));
    Files.writeString(
        project.resolve("zzz.jsonl"),
        String.join(
                "\n",
                line("zzz", "m1", "2026-01-01T00:00:00Z", toolUse("t1"), 5),
                result("zzz", "t1", "2026-01-01T00:00:01Z"),
                line("zzz", "m2", "2026-01-01T00:00:02Z", "", 6))
            + "\n");
    Files.writeString(
        project.resolve("aaa.jsonl"),
        String.join(
                "\n",
                line("aaa", "m1", "2026-01-01T00:00:00Z", toolUse("t1"), 5),
                result("aaa", "t1", "2026-01-01T00:00:01Z"),
                line("aaa", "m2", "2026-01-01T00:00:02Z", "", 6),
                line("aaa", "m3", "2026-01-02T00:00:00Z", toolUse("t3"), 7))
            + "\n");
    List<Session> sessions = new ArrayList<>();
    TraceScanner.create().withThreads(2).scan(List.of(dir), sessions::add);
    assertThat(sessions).extracting(s -> s.id().value()).containsExactly("zzz", "aaa");
    assertThat(sessions.get(0).requests())
        .extracting(Request::callId)
        .containsExactly("m1:rm1", "m2:rm2");
    assertThat(sessions.get(1).requests()).extracting(Request::callId).containsExactly("m3:rm3");
  }

  @Test
  void resumedSessionReplayingHistory_countsEachRequestOnce_inTheEarlierSession(@TempDir Path dir)
      throws IOException {
    Path project = Files.createDirectories(dir.resolve("projects/p"));
    Files.writeString(
        project.resolve("aaa.jsonl"),
        String.join(
                "\n",
                line("aaa", "m1", "2026-01-01T00:00:00Z", toolUse("t1"), 5),
                result("aaa", "t1", "2026-01-01T00:00:01Z"),
                line("aaa", "m2", "2026-01-01T00:00:02Z", "", 6))
            + "\n");
    Files.writeString(
        project.resolve("bbb.jsonl"),
        String.join(
                "\n",
                line("bbb", "m1", "2026-01-01T00:00:00Z", toolUse("t1"), 5),
                result("bbb", "t1", "2026-01-01T00:00:01Z"),
                line("bbb", "m2", "2026-01-01T00:00:02Z", "", 6),
                line("bbb", "m3", "2026-01-02T00:00:00Z", toolUse("t3"), 7))
            + "\n");
    List<Session> sessions = new ArrayList<>();
    ScanSummary summary = TraceScanner.create().withThreads(2).scan(List.of(dir), sessions::add);
    assertThat(sessions).extracting(s -> s.id().value()).containsExactly("aaa", "bbb");
    assertThat(sessions.get(0).requests())
        .extracting(Request::callId)
        .containsExactly("m1:rm1", "m2:rm2");
    Session resumed = sessions.get(1);
    assertThat(resumed.requests()).extracting(Request::callId).containsExactly("m3:rm3");
    assertThat(resumed.stepsOf(Step.ToolCall.class))
        .extracting(Step.ToolCall::callId)
        .containsExactly("t3");
    assertThat(resumed.stepsOf(Step.ToolResult.class)).isEmpty();
    assertThat(resumed.steps()).allMatch(s -> s.request() == 0);
    assertThat(resumed.replayed()).map(Request::callId).contains("m2:rm2");
    assertThat(resumed.replayed()).map(Request::at).contains(Instant.parse("2026-01-01T00:00:02Z"));
    assertThat(sessions.get(0).replayed()).isEmpty();
    assertThat(summary.duplicateRequests()).isEqualTo(2);
    assertThat(summary.sessions()).isEqualTo(2);
  }

  @Test
  void savesOfOneGeminiSession_areOneSession_theLatestSaveWins(@TempDir Path dir)
      throws IOException {
    // Gemini CLI rewrites the whole session file on every save; archives keep several saves
    String msg =
        "{\"id\":\"m%d\",\"timestamp\":\"2026-01-15T20:5%d:00Z\",\"type\":\"gemini\","
            + "\"content\":\"ok\",\"model\":\"gemini-2.5-flash\",\"tokens\":{\"input\":100,"
            + "\"output\":10,\"cached\":0,\"thoughts\":0,\"tool\":0,\"total\":110}}";
    for (int save = 1; save <= 3; save++) {
      StringBuilder messages = new StringBuilder();
      for (int m = 1; m <= save; m++) {
        messages.append(m > 1 ? "," : "").append(String.format(java.util.Locale.ROOT, msg, m, m));
      }
      Files.createDirectories(dir.resolve("save" + save));
      Files.writeString(
          dir.resolve("save" + save + "/session.json"),
          "{\"sessionId\":\"g-1\",\"projectHash\":\"abc\",\"startTime\":"
              + "\"2026-01-15T20:50:00Z\",\"lastUpdated\":\"2026-01-15T20:5"
              + save
              + ":30Z\","
              + "\"messages\":["
              + messages
              + "]}");
    }

    List<Session> sessions = new ArrayList<>();
    TraceScanner.create().withThreads(2).scan(List.of(dir), sessions::add);

    assertThat(sessions).hasSize(1);
    assertThat(sessions.get(0).requests())
        .extracting(Request::callId)
        .containsExactly("m1", "m2", "m3");
    assertThat(sessions.get(0).sources()).hasSize(3);
    assertThat(sessions.get(0).sources().get(0))
        .endsWith("save3" + java.io.File.separator + "session.json");
  }

  @Test
  void oneThreadAndFourThreads_deliverIdenticalSessions() {
    Path samples = Samples.resource("samples/claude-code");
    List<Session> one = new ArrayList<>();
    List<Session> four = new ArrayList<>();
    TraceScanner.create().withThreads(1).scan(List.of(samples), one::add);
    TraceScanner.create().withThreads(4).withWindow(3).scan(List.of(samples), four::add);
    assertThat(one).hasSize(11);
    assertThat(four).isEqualTo(one);
  }

  @Test
  void lastTimestamp_equalsTheForwardRegexReference_onSamplesAndEdgeCases() throws IOException {
    List<byte[]> inputs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Samples.resource("samples"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        inputs.add(Files.readAllBytes(f));
      }
    }
    for (String s :
        List.of(
            "",
            "no key here",
            "{\"timestamp\":\"2025-01-01T00:00:00Z\"}",
            "{\"timestamp\" : \"2025-01-01T00:00:00Z\"}\n{\"timestamp\":\"not a time at all\"}",
            "{\"timestamp\":\"2025-01-01T00:00:00Z\"}\n{\"timestamp\":\"2025-01-02T00:00:00Z\"}",
            "{\"timestamp\":\"short\"} {\"timestamp\":12} \"timestamp\"",
            "é{\"timestamp\":\t\"2025-01-03T00:00:00.123Z\"}😀")) {
      inputs.add(s.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(inputs).hasSizeGreaterThan(20);
    for (byte[] b : inputs) {
      int n = Math.min(b.length, 64 * 1024);
      byte[] tail = java.util.Arrays.copyOfRange(b, b.length - n, b.length);
      assertThat(TraceScanner.lastTimestamp(tail, n)).isEqualTo(lastTimestampReference(tail));
    }
  }

  @Test
  void lastTimestampOfAFile_equalsTheReferenceOnItsTail(@TempDir Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(Samples.resource("samples"))) {
      files.addAll(walk.filter(Files::isRegularFile).toList());
    }
    String far = "{\"timestamp\":\"2025-01-01T00:00:00Z\",\"x\":\"" + "y".repeat(20_000) + "\"}\n";
    files.add(Files.writeString(dir.resolve("far.jsonl"), far));
    files.add(Files.writeString(dir.resolve("farther.jsonl"), far + "z".repeat(70_000)));
    files.add(
        Files.writeString(dir.resolve("near.jsonl"), "x".repeat(70_000) + far.substring(0, 40)));
    for (Path f : files) {
      byte[] b = Files.readAllBytes(f);
      byte[] tail = java.util.Arrays.copyOfRange(b, Math.max(0, b.length - 64 * 1024), b.length);
      assertThat(TraceScanner.lastTimestamp(f)).as("%s", f).isEqualTo(lastTimestampReference(tail));
    }
    assertThat(TraceScanner.lastTimestamp(dir.resolve("far.jsonl")))
        .isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
  }

  /** The obvious version TraceScanner.lastTimestamp replaced: decode, find all, keep the last. */
  private static Instant lastTimestampReference(byte[] tail) {
    Matcher m =
        Pattern.compile("\"timestamp\"\\s*:\\s*\"([^\"]{10,40})\"")
            .matcher(new String(tail, StandardCharsets.UTF_8));
    Instant last = null;
    while (m.find()) {
      try {
        last = Instant.parse(m.group(1));
      } catch (DateTimeException e) {
        // keep the previous one
      }
    }
    return last;
  }

  @Test
  void quickSniff_equalsTheFullHeadSniff_onSamplesAndEdgeCases(@TempDir Path dir)
      throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(Samples.resource("samples"))) {
      files.addAll(walk.filter(Files::isRegularFile).toList());
    }
    String ts = "2026-01-01T00:00:00.5Z";
    String snapshot =
        "{\"type\":\"file-history-snapshot\",\"messageId\":\"m0\",\"snapshot\":{\"messageId\":"
            + "\"m0\",\"timestamp\":\"2026-01-01T00:00:00Z\"},\"isSnapshotUpdate\":false}\n";
    String user =
        "{\"type\":\"user\",\"sessionId\":\"sid\",\"uuid\":\"u0\",\"timestamp\":\"" + ts + "\"}\n";
    StringBuilder rest = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      rest.append(line("sid", "m" + i, ts, toolUse("t" + i), 1)).append('\n');
      rest.append(result("sid", "t" + i, ts).replace("\"ok\"", "\"" + "é".repeat(400) + "\""));
      rest.append('\n');
    }
    Path sub = Files.createDirectories(dir.resolve("sid/subagents"));
    Map<Path, String> cases = new LinkedHashMap<>();
    cases.put(dir.resolve("sid.jsonl"), snapshot + user + rest);
    cases.put(dir.resolve("odd name.json"), snapshot + user + rest);
    cases.put(dir.resolve("spaced.jsonl"), snapshot + user.replace("\":\"sid", "\": \"sid") + rest);
    cases.put(
        dir.resolve("late-time.jsonl"), user.replace(",\"timestamp\":\"" + ts + "\"", "") + rest);
    cases.put(dir.resolve("empty-id.jsonl"), user.replace("\"sid\"", "\"\"") + user + rest);
    cases.put(
        dir.resolve("no-id.jsonl"), snapshot + rest.toString().replace("sessionId", "session"));
    cases.put(sub.resolve("agent-a1.jsonl"), user + rest);
    cases.put(sub.resolve("agent-a2.jsonl"), snapshot + rest.toString().replace("sessionId", "s"));
    cases.put(sub.resolve("helper.jsonl"), snapshot + user + rest);
    cases.put(dir.resolve("long-first.jsonl"), user.replace("u0", "x".repeat(9_000)) + rest);
    cases.put(dir.resolve("zero-first.jsonl"), snapshot.replace("m0", "m\0") + user + rest);
    cases.put(
        dir.resolve("straddle.jsonl"),
        user.replace(",\"timestamp\":\"" + ts + "\"}", ",\"k\":\"timestamp\"")
            + ":\"2026-02-02T00:00:00Z\"}\n"
            + rest);
    cases.put(
        dir.resolve("other-first.jsonl"),
        "{\"type\":\"session_meta\",\"payload\":{\"sessionId\":\"codex\",\"timestamp\":\""
            + ts
            + "\"}}\n"
            + user
            + rest);
    for (Map.Entry<Path, String> c : cases.entrySet()) {
      files.add(Files.writeString(c.getKey(), c.getValue()));
      assertThat(c.getValue().length()).isGreaterThan(TraceScanner.QUICK_SNIFF_BYTES);
    }
    Path gz = dir.resolve("zipped.jsonl.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write((snapshot + user + rest).getBytes(StandardCharsets.UTF_8));
    }
    files.add(gz);

    int quick = 0;
    for (TraceScanner scanner :
        List.of(
            TraceScanner.create(),
            TraceScanner.create().withFormat(TraceFormat.CLAUDE_CODE),
            TraceScanner.create().withFormat(TraceFormat.CODEX))) {
      for (Path file : files) {
        List<ParseProblem> viaQuick = new ArrayList<>();
        List<ParseProblem> viaFull = new ArrayList<>();
        byte[] head;
        try (var in = TraceInput.open(file)) {
          head = in.readNBytes(TraceFormat.SNIFF_BYTES);
        }
        TraceScanner.Sniffed full =
            scanner.sniffHead(file, head, head.length, Files.size(file), viaFull);
        TraceScanner.Sniffed sniffed;
        try (HeadReader reader = new HeadReader()) {
          sniffed = scanner.sniff(file, reader, viaQuick);
        }
        assertThat(sniffed).as("%s", file).isEqualTo(full);
        assertThat(viaQuick).as("%s", file).isEqualTo(viaFull);
        if (full != null && full.format() == TraceFormat.CLAUDE_CODE) {
          quick++;
        }
      }
    }
    assertThat(quick).isGreaterThan(30);
  }

  @Test
  void claudeFileWithAZeroByteAfterItsFirstLines_isRead_andTheBadLineReported(@TempDir Path dir)
      throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 40; i++) {
      String content = i == 30 ? "\"bad\0line\"" : toolUse("t" + i);
      text.append(line("sid", "m" + i, "2026-01-01T00:00:00Z", content, 1)).append('\n');
    }
    Path file = Files.writeString(dir.resolve("sid.jsonl"), text);
    List<Session> sessions = new ArrayList<>();
    ScanSummary summary = TraceScanner.create().scan(List.of(file), sessions::add);
    assertThat(sessions).singleElement().satisfies(s -> assertThat(s.requests()).hasSize(39));
    assertThat(summary.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.line()).isEqualTo(30));
  }

  @Test
  void sessionsStream_equalsForEach_andReportsProgressToTheTotal() {
    Path samples = Samples.resource("samples/claude-code");
    AtomicLong done = new AtomicLong();
    AtomicLong total = new AtomicLong();
    Corpus corpus =
        TraceScanner.create()
            .withThreads(3)
            .withProgress(
                (d, t) -> {
                  done.set(d);
                  total.set(t);
                })
            .discover(List.of(samples));
    List<Session> viaStream;
    try (Stream<Session> s = corpus.sessions()) {
      viaStream = s.toList();
    }
    List<Session> viaForEach = new ArrayList<>();
    corpus.forEach(viaForEach::add);
    assertThat(viaStream).isEqualTo(viaForEach);
    assertThat(total.get()).isEqualTo(corpus.totalBytes()).isEqualTo(done.get()).isPositive();
    assertThat(corpus.inputs()).hasSize(11);
    assertThat(corpus.summary().files()).isEqualTo(12);
  }

  @Test
  void nonTraceFilesInAFolder_areSkipped_butNamedOnesAndMissingOnesAreProblems(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("notes.json"), "{\"hello\":1}");
    Files.write(dir.resolve("blob.jsonl"), new byte[] {0, 1, 2, 3, (byte) 0xff});
    Files.writeString(dir.resolve("empty.jsonl"), "");
    Files.writeString(dir.resolve("readme.txt"), "not a candidate");
    Files.writeString(dir.resolve("agent-x.meta.json"), "{}");
    Files.createDirectories(dir.resolve(".git/objects"));
    Files.writeString(dir.resolve(".git/objects/x.json"), "{}");
    Path named = Files.writeString(dir.resolve("sub.json"), "{\"hello\":2}");
    Path missing = dir.resolve("missing");
    Corpus corpus = TraceScanner.create().discover(List.of(dir, missing, named));
    assertThat(corpus.inputs()).isEmpty();
    assertThat(corpus.problems())
        .extracting(ParseProblem::toString)
        .containsExactly(
            missing + ": no such file or folder", named + ": not a recognised trace format");
    assertThat(corpus.skipped())
        .extracting(ParseProblem::toString)
        .containsExactly(
            dir.resolve(".git") + ": hidden folder",
            dir.resolve("agent-x.meta.json") + ": not a trace file, by its name",
            dir.resolve("blob.jsonl") + ": not a recognised trace format",
            dir.resolve("empty.jsonl") + ": empty file",
            dir.resolve("notes.json") + ": not a recognised trace format",
            dir.resolve("readme.txt") + ": not a trace file, by its name");
  }

  @Test
  void aDamagedTraceInAFolder_isAProblem_notASkippedFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("cut.traj.json"), "{\"info\":{\"exit_status\":\"Submit");
    Files.writeString(
        dir.resolve("bad.jsonl"), "{\"type\":\"assistant\",\"sessionId\":\"x\"\nnot json\n");
    Files.writeString(dir.resolve("metadata.json"), "{\"model\":\"x\"}\n");

    Corpus corpus = TraceScanner.create().discover(List.of(dir));

    assertThat(corpus.problems())
        .extracting(ParseProblem::toString)
        .containsExactly(
            dir.resolve("bad.jsonl")
                + ":2: not read: not valid JSON (Unexpected character ('n' (code 110)): was"
                + " expecting comma to separate Object entries)",
            dir.resolve("cut.traj.json")
                + ": not read: it ends in the middle of a JSON value (cut short?)");
    assertThat(corpus.skipped())
        .extracting(ParseProblem::toString)
        .containsExactly(dir.resolve("metadata.json") + ": not a recognised trace format");
  }

  @Test
  void aSymbolicLinkLoop_isNamedAndTheWalkGoesOnPastIt(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("aaa"));
    Files.createDirectories(dir.resolve("mmm"));
    Files.createDirectories(dir.resolve("zzz"));
    Files.writeString(dir.resolve("aaa/a.jsonl"), line("a", "m1", "2026-01-01T00:00:00Z", "", 1));
    Files.createSymbolicLink(dir.resolve("mmm/loop"), dir);
    Files.createSymbolicLink(dir.resolve("mmm/gone"), dir.resolve("nowhere"));
    Files.writeString(dir.resolve("zzz/z.jsonl"), line("z", "m2", "2026-01-02T00:00:00Z", "", 1));

    for (int threads : new int[] {1, 3}) {
      Corpus corpus = TraceScanner.create().withThreads(threads).discover(List.of(dir));

      assertThat(corpus.inputs())
          .extracting(TraceInput::main)
          .containsExactly(dir.resolve("aaa/a.jsonl"), dir.resolve("zzz/z.jsonl"));
      assertThat(corpus.problems())
          .extracting(ParseProblem::toString)
          .containsExactly(
              dir.resolve("mmm/gone") + ": a symbolic link to nothing: its target is gone",
              dir.resolve("mmm/loop")
                  + ": cannot read folder: a symbolic link back to a folder above it (a loop):"
                  + " not followed");
    }
  }

  @Test
  void anUnreadableFolder_isNamedAndTheWalkGoesOnPastIt(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("aaa"));
    Path locked = Files.createDirectories(dir.resolve("mmm"));
    Files.createDirectories(dir.resolve("zzz"));
    Files.writeString(dir.resolve("aaa/a.jsonl"), line("a", "m1", "2026-01-01T00:00:00Z", "", 1));
    Files.writeString(locked.resolve("m.jsonl"), line("m", "m3", "2026-01-01T00:00:00Z", "", 1));
    Files.writeString(dir.resolve("zzz/z.jsonl"), line("z", "m2", "2026-01-02T00:00:00Z", "", 1));
    Files.setPosixFilePermissions(locked, java.util.Set.of());
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(
          Files.isReadable(locked), "the user can read any folder (root): nothing to test");
      Corpus corpus = TraceScanner.create().discover(List.of(dir));

      assertThat(corpus.inputs())
          .extracting(TraceInput::main)
          .containsExactly(dir.resolve("aaa/a.jsonl"), dir.resolve("zzz/z.jsonl"));
      assertThat(corpus.problems())
          .extracting(ParseProblem::toString)
          .containsExactly(locked + ": cannot read folder: permission denied");
    } finally {
      Files.setPosixFilePermissions(
          locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void gzippedFiles_areSniffedAndParsed(@TempDir Path dir) throws IOException {
    Path gz = dir.resolve("ccc.jsonl.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(
          (line("ccc", "m1", "2026-01-01T00:00:00Z", "", 3) + "\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    List<Session> sessions = new ArrayList<>();
    ScanSummary summary = TraceScanner.create().scan(List.of(gz), sessions::add);
    assertThat(summary.problems()).isEmpty();
    assertThat(sessions)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.id().value()).isEqualTo("ccc");
              assertThat(s.usage().output()).isEqualTo(3);
            });
  }

  @Test
  void forcedFormat_skipsSniffing(@TempDir Path dir) throws IOException {
    Path odd =
        Files.writeString(
            dir.resolve("odd.jsonl"),
            "{\"type\":\"assistant\",\"requestId\":\"r\",\"message\":{\"id\":\"m\",\"model\":\"x\","
                + "\"usage\":{\"input_tokens\":2}}}\n");
    assertThat(TraceScanner.create().discover(List.of(odd)).inputs()).isEmpty();
    List<Session> sessions = new ArrayList<>();
    TraceScanner.create().withFormat(TraceFormat.CLAUDE_CODE).scan(List.of(odd), sessions::add);
    assertThat(sessions)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.id().value()).isEqualTo("odd");
              assertThat(s.usage().input()).isEqualTo(2);
            });
  }

  @Test
  void withThreads_outOfRange_failsNamingTheValue() {
    assertThatThrownBy(() -> TraceScanner.create().withThreads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be in [1, 256], was 0");
  }

  @Test
  void documentOpeningWithAHugeValue_isStillRecognisedByItsLaterKeys(@TempDir Path dir)
      throws IOException {
    // mini-swe-agent writes the whole submitted diff first; the telling keys come after 64 KB
    String diff = "x".repeat(200_000);
    Files.writeString(
        dir.resolve("inst-1.traj.json"),
        "{\"info\":{\"exit_status\":\"Submitted\","
            + "\"submission\":\""
            + diff
            + "\",\"mini_version\":\"1.15.0\",\"model_stats\":"
            + "{\"instance_cost\":0.01,\"api_calls\":1}},\"messages\":[{\"role\":\"assistant\","
            + "\"content\":\"ok\",\"extra\":{\"response\":{\"model\":\"gpt-5\",\"usage\":"
            + "{\"prompt_tokens\":100,\"completion_tokens\":10}}}}],"
            + "\"trajectory_format\":\"mini-swe-agent-1\",\"instance_id\":\"inst-1\"}");

    Corpus corpus = TraceScanner.create().withThreads(1).discover(List.of(dir));

    assertThat(corpus.problems()).isEmpty();
    assertThat(corpus.formats()).containsExactly(TraceFormat.MINI_SWE_AGENT);
  }
}
