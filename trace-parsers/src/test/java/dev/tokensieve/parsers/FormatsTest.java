package dev.tokensieve.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.parsers.common.JsonRecords;
import dev.tokensieve.parsers.common.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sniffing and bad input across the Codex, Gemini, OpenHands, SWE-agent and OTel formats. */
final class FormatsTest {
  private static final List<TraceFormat> MINE =
      List.of(
          TraceFormat.CODEX,
          TraceFormat.GEMINI_CLI,
          TraceFormat.OPENHANDS,
          TraceFormat.SWE_AGENT,
          TraceFormat.MINI_SWE_AGENT,
          TraceFormat.OTEL);

  private static final Map<String, TraceFormat> SAMPLE_DIRS =
      Map.of(
          "codex",
          TraceFormat.CODEX,
          "gemini-cli",
          TraceFormat.GEMINI_CLI,
          "openhands",
          TraceFormat.OPENHANDS,
          "swe-agent",
          TraceFormat.SWE_AGENT,
          "mini-swe-agent",
          TraceFormat.MINI_SWE_AGENT);

  private static final String CLAUDE_LINES =
      """
      {"type":"file-history-snapshot","messageId":"7d48","snapshot":{"messageId":"7d48","trackedFileBackups":{},"timestamp":"2026-02-10T21:11:56.906Z"},"isSnapshotUpdate":false}
      {"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/p","sessionId":"5560","version":"2.1.38","type":"user","message":{"role":"user","content":"look at {\\"resourceSpans\\": [], \\"trajectory\\": [], \\"projectHash\\": 1, \\"payload\\": {}}"},"uuid":"a","timestamp":"2026-02-10T21:11:56.906Z"}
      """;

  @Test
  void sniff_everySample_isItsOwnFormatOnly() {
    SAMPLE_DIRS.forEach(
        (dir, format) -> {
          for (Path file : Samples.files("samples".equals(dir) ? dir : dir)) {
            String head = Samples.head(file);
            String name = file.getFileName().toString();
            for (TraceFormat f : MINE) {
              assertThat(f.newParser().sniff(name, head))
                  .as("%s sniffed by %s", name, f)
                  .isEqualTo(f == format);
            }
          }
        });
  }

  @ParameterizedTest
  @EnumSource(
      value = TraceFormat.class,
      names = {"CODEX", "GEMINI_CLI", "OPENHANDS", "SWE_AGENT", "MINI_SWE_AGENT", "OTEL"})
  void sniff_claudeCodeLines_areNotClaimed(TraceFormat format) {
    assertThat(format.newParser().sniff("s.jsonl", CLAUDE_LINES)).isFalse();
    assertThat(
            format
                .newParser()
                .sniff("s.jsonl", CLAUDE_LINES.lines().skip(1).findFirst().orElseThrow()))
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = TraceFormat.class,
      names = {"CODEX", "GEMINI_CLI", "OPENHANDS", "SWE_AGENT", "MINI_SWE_AGENT", "OTEL"})
  void parse_emptyFile_reportsItAndGivesNothing(TraceFormat format, @TempDir Path dir) {
    Path file = Samples.write(dir.resolve("empty.jsonl"), "\n  \n");

    Samples.Parsed p = Samples.parse(format.newParser(), file);

    assertThat(p.sessions()).isEmpty();
    assertThat(p.problems()).containsExactly(new ParseProblem(file.toString(), 0, "empty file"));
  }

  @ParameterizedTest
  @EnumSource(
      value = TraceFormat.class,
      names = {"CODEX", "GEMINI_CLI", "OPENHANDS", "SWE_AGENT", "MINI_SWE_AGENT", "OTEL"})
  void parse_binaryFile_reportsItAndGivesNothing(TraceFormat format, @TempDir Path dir)
      throws Exception {
    Path file =
        Files.write(dir.resolve("x.bin"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2});

    Samples.Parsed p = Samples.parse(format.newParser(), file);

    assertThat(p.sessions()).isEmpty();
    assertThat(p.problems())
        .containsExactly(new ParseProblem(file.toString(), 0, "binary content, not a JSON trace"));
  }

  @ParameterizedTest
  @EnumSource(
      value = TraceFormat.class,
      names = {"CODEX", "GEMINI_CLI", "OPENHANDS", "SWE_AGENT", "MINI_SWE_AGENT", "OTEL"})
  void parse_deeplyNestedJson_isAProblemNotACrash(TraceFormat format, @TempDir Path dir) {
    Path file = Samples.write(dir.resolve("deep.json"), Samples.deeplyNested(5_000) + "\n");

    Samples.Parsed p = Samples.parse(format.newParser(), file);

    assertThat(p.sessions()).isEmpty();
    assertThat(p.problems())
        .singleElement()
        .satisfies(
            pr -> {
              assertThat(pr.line()).isEqualTo(1);
              assertThat(pr.message())
                  .startsWith("malformed JSON: Document nesting depth (513) exceeds");
            });
  }

  @Test
  void parse_gzippedSample_equalsPlain(@TempDir Path dir) {
    Path plain = Samples.path("swe-agent/gpt4__pydicom__pydicom-1458.traj");
    Path gz = Samples.gzip(plain, dir.resolve("gpt4__pydicom__pydicom-1458.traj.gz"));

    assertThat(Samples.parse(TraceFormat.SWE_AGENT.newParser(), gz).only().usage())
        .isEqualTo(Samples.parse(TraceFormat.SWE_AGENT.newParser(), plain).only().usage());
    assertThat(TraceFormat.sniff(gz.getFileName().toString(), Samples.head(gz)))
        .hasValue(TraceFormat.SWE_AGENT);
  }

  @Test
  void parse_corruptLine_isReportedAndOtherInstancesStillRead(@TempDir Path dir) throws Exception {
    List<String> lines =
        Files.readAllLines(
            Samples.path("openhands/multi_swe_bench_examples_output.jsonl"),
            StandardCharsets.UTF_8);
    Path file = dir.resolve("output.jsonl");
    Files.write(
        file, List.of(lines.get(0), "{\"instance_id\": \"broken\", \"history\": [", lines.get(2)));

    Samples.Parsed p = Samples.parse(TraceFormat.OPENHANDS.newParser(), file);

    assertThat(p.sessions())
        .extracting(s -> s.id().value())
        .containsExactly("ponylang__ponyc-4595", "ponylang__ponyc-4588");
    assertThat(p.problems())
        .singleElement()
        .satisfies(
            pr -> {
              assertThat(pr.file()).isEqualTo(file.toString());
              assertThat(pr.line()).isEqualTo(2);
              assertThat(pr.message())
                  .isEqualTo("malformed JSON: it ends in the middle of a value (cut short?)");
            });
  }

  @Test
  void parse_corruptCodexLine_isReportedAndTheRestCounted(@TempDir Path dir) throws Exception {
    Path sample =
        Samples.path(
            "codex/sessions/2026/02/23/rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl");
    List<String> lines = Files.readAllLines(sample, StandardCharsets.UTF_8);
    lines.set(4, lines.get(4).substring(0, 40));
    Path file = Files.write(dir.resolve("rollout.jsonl"), lines);

    Samples.Parsed p = Samples.parse(TraceFormat.CODEX.newParser(), file);

    assertThat(p.only().usage().total()).isEqualTo(299496);
    assertThat(p.problems()).extracting(ParseProblem::line).containsExactly(5L);
  }

  @Test
  void parse_fiftyMegabyteToolOutputOnOneLine_isSummarisedNotHeld(@TempDir Path dir)
      throws Exception {
    Path sample =
        Samples.path(
            "codex/sessions/2026/02/23/rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl");
    String huge = "0123456789abcdef\\n".repeat(50 * 1024 * 1024 / 18);
    String text =
        Files.readString(sample, StandardCharsets.UTF_8)
            .replaceFirst(
                "\\[REDACTED_OUTPUT len=4215 sha=9a9d94de]",
                java.util.regex.Matcher.quoteReplacement(huge));
    Path file = Files.writeString(dir.resolve("rollout.jsonl"), text, StandardCharsets.UTF_8);
    assertThat(Files.size(file)).isGreaterThan(50L * 1024 * 1024);

    Samples.Parsed p = Samples.parse(TraceFormat.CODEX.newParser(), file);

    assertThat(p.problems()).isEmpty();
    assertThat(p.only().usage().total()).isEqualTo(299496);
    dev.tokensieve.core.model.Step.ToolResult big =
        p.only().stepsOf(dev.tokensieve.core.model.Step.ToolResult.class).stream()
            .max(
                java.util.Comparator.comparingLong(
                    dev.tokensieve.core.model.Step.ToolResult::tokens))
            .orElseThrow();
    assertThat(big.tokens()).isGreaterThan(10_000_000L);
    assertThat(big.excerpt().length())
        .isLessThanOrEqualTo(dev.tokensieve.core.model.Step.EXCERPT_LIMIT);
  }

  @Test
  void parse_truncatedDocument_reportsTheLine(@TempDir Path dir) throws Exception {
    String text = Files.readString(Samples.path("gemini-cli/entireio_51_3fab7adf0b_0.jsonl"));
    Path file = Samples.write(dir.resolve("session.json"), text.substring(0, text.length() / 2));

    Samples.Parsed p = Samples.parse(TraceFormat.GEMINI_CLI.newParser(), file);

    assertThat(p.sessions()).isEmpty();
    assertThat(p.problems())
        .singleElement()
        .satisfies(
            pr -> {
              assertThat(pr.line()).isPositive();
              assertThat(pr.message())
                  .isEqualTo("malformed JSON: it ends in the middle of a value (cut short?)");
            });
  }

  @Test
  void parse_manyGarbageLines_stopsAfterTheLimit(@TempDir Path dir) {
    Path file = Samples.write(dir.resolve("x.jsonl"), "not json\n".repeat(100));

    Samples.Parsed p = Samples.parse(TraceFormat.CODEX.newParser(), file);

    assertThat(p.problems()).hasSize(JsonRecords.MAX_LINE_PROBLEMS + 1);
    assertThat(p.problems().get(JsonRecords.MAX_LINE_PROBLEMS).message())
        .isEqualTo("too many malformed lines (20); stopped reading the file");
  }
}
