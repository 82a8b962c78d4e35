package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.scoring.eval.TruthSet;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class EvalTruthTest {
  /** Real samples and a hand-made truth subset over them (see SOURCES.md beside them). */
  static final Path ROOT = resource("truth");

  static final Path TRUTH = ROOT.resolve("truth.json");

  private static Path resource(String name) {
    try {
      return Path.of(EvalTruthTest.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void evalTruth_realSamples_printsPrecisionAndRecallPerKind() {
    CommandRun run =
        CommandRun.of(
            "eval", "--truth", TRUTH.toString(), "--root", ROOT.toString(), "--threads", "1");

    assertThat(run.code()).as(run.err()).isZero();
    // RETRY_LOOP: 5 annotated; found in ponyc-4593 (the refused str_replace) and ponyc-4588
    // (make retried three ways); missed in ponyc-4595, ponyc-4588's refused edits, pydicom
    // REDUNDANT_CONTEXT: the fixture leaves ponyc-4595's re-read of parser.c out on purpose
    assertThat(run.out())
        .contains("(5 sessions under ")
        .contains(
            "A finding matches a truth entry of the same kind and session whose request range")
        .containsPattern("(?m)^  RETRY_LOOP +5 +2 +2 +100\\.0% +40\\.0%$")
        .containsPattern("(?m)^  REDUNDANT_CONTEXT +1 +2 +1 +50\\.0% +100\\.0%$")
        .containsPattern("(?m)^  MODEL_OVERKILL +1 +1 +1 +100\\.0% +100\\.0%$")
        .containsPattern("(?m)^  ABANDONED_TAIL +3 +3 +3 +100\\.0% +100\\.0%$")
        .containsPattern("(?m)^  CACHE_MISS +0 +0 +0 +100\\.0% +100\\.0%$")
        .contains("REDUNDANT_CONTEXT      ponylang__ponyc-4595 [7-22] read ")
        .contains("RETRY_LOOP             gpt4__pydicom__pydicom-1458 [6-7] not found")
        .contains(
            "Outcome: the reader's outcome (rows) against the verdict from the trace (columns)")
        .doesNotContain("not found under the root");
  }

  @Test
  void evalTruth_json_carriesTheCountsAndTheConfusionMatrix() {
    CommandRun run =
        CommandRun.of(
            "eval",
            "--truth",
            TRUTH.toString(),
            "--root",
            ROOT.toString(),
            "--json",
            "--threads",
            "1");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("{")
        .contains("\"schema\" : \"tokensieve.eval.truth/v1\"")
        .contains("\"sessions\" : 5")
        .containsPattern(
            "\"kind\" : \"RETRY_LOOP\",\\s*\"truth\" : 5,\\s*\"found\" : 2,\\s*\"truePositives\" : 2,"
                + "\\s*\"precision\" : 1.0,\\s*\"recall\" : 0.4")
        .contains("\"confusion\"")
        .contains("\"missing\" : [ ]");
  }

  @Test
  void shippedTruthSets_load_andTheHeldOutSetIsRoundTwoOfTheFull() throws IOException {
    Path full = Path.of("../eval/truth/real-sessions.json");
    Path heldOut = Path.of("../eval/truth/held-out.json");
    TruthSet all = TruthSet.load(full);
    TruthSet round2 = TruthSet.load(heldOut);

    assertThat(all.entries()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(all.entries())
        .extracting(e -> e.path().substring(0, e.path().indexOf('/')))
        .contains("claude-code", "codex", "gemini-cli", "openhands", "swe-agent", "mini-swe-agent");
    // the held-out file repeats the full file's round-2 entries, in order
    String text = Files.readString(full);
    List<String> roundTwo = new ArrayList<>();
    for (TruthSet.Entry e : all.entries()) {
      int at = text.indexOf("\"session\": \"" + e.session() + "\"");
      int end = text.indexOf("\n    }", at);
      if (text.substring(at, end).contains("\"round\": 2")) {
        roundTwo.add(e.session());
      }
    }
    assertThat(round2.entries())
        .extracting(TruthSet.Entry::session)
        .containsExactlyElementsOf(roundTwo);
    assertThat(round2.entries()).hasSize(10);
    for (TruthSet.Entry e : round2.entries()) {
      TruthSet.Entry same =
          all.entries().stream()
              .filter(x -> x.session().equals(e.session()))
              .findFirst()
              .orElseThrow();
      assertThat(e.findings()).isEqualTo(same.findings());
      assertThat(e.outcome()).isEqualTo(same.outcome());
    }
  }

  /** A truth file in {@code dir} with one session entry (its fields on line 2). */
  private static Path oneSession(Path dir, String fields) throws IOException {
    return Files.writeString(
        dir.resolve("truth.json"),
        "{\"schema\": \"tokensieve.truth/v1\", \"sessions\": [\n {" + fields + "}]}\n");
  }

  @Test
  void evalTruth_sessionMissingUnderTheRoot_isListedAndFails(@TempDir Path dir) throws IOException {
    Path truth =
        oneSession(
            dir,
            "\"path\": \"openhands/multi_swe_bench_examples_output.jsonl\","
                + " \"session\": \"no-such-session\", \"outcome\": \"UNKNOWN\"");

    CommandRun run = CommandRun.of("eval", "--truth", truth.toString(), "--root", ROOT.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("Truth sessions not found under the root:")
        .contains("  no-such-session (openhands/multi_swe_bench_examples_output.jsonl)");
  }

  @Test
  void evalTruth_badTruthFile_namesTheFileAndLine(@TempDir Path dir) throws IOException {
    Path truth =
        oneSession(dir, "\"path\": \"a.jsonl\", \"session\": \"s\", \"outcome\": \"MAYBE\"");

    CommandRun run = CommandRun.of("eval", "--truth", truth.toString(), "--root", ROOT.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("--truth: " + truth + ":2: outcome 'MAYBE' is not SUCCESS, FAILURE or UNKNOWN");
  }
}
