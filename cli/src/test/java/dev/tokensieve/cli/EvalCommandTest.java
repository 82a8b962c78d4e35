package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class EvalCommandTest {
  @Test
  void eval_smallCorpus_parsesEverySessionExactly_andPrintsEverySection() {
    CommandRun run = CommandRun.of("eval", "--sessions", "30", "--seed", "42", "--threads", "2");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("TokenSieve evaluation: 30 generated sessions (both), seed 42, 5-fold CV;")
        .contains("  exact token totals        30/30 (100.0%)")
        .contains("  exact request counts      30/30")
        .contains("(b) Detectors vs ground truth")
        .containsPattern("(?m)^  OVERSIZED_TOOL_OUTPUT +\\d+ +\\d+ +\\d+ +\\d+\\.\\d% +\\d+\\.\\d%")
        .contains("(c) Outcome model")
        .contains("(d) Spend labels")
        .doesNotContain("Problems:");
  }

  @Test
  void eval_json_isOneDocumentWithTheMeasurements() {
    CommandRun run =
        CommandRun.of(
            "eval",
            "--sessions",
            "30",
            "--seed",
            "7",
            "--format",
            "codex",
            "--json",
            "--real",
            TrainCommandTest.REAL.toString(),
            "--threads",
            "2");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("{")
        .contains("\"schema\" : \"tokensieve.eval/v1\"")
        .contains("\"accuracy\" : 1.0")
        .contains("\"realSessions\" : 40")
        .contains("\"group\" : \"real\"")
        .contains("\"heldOutReal\"")
        .contains("\"real, out-of-fold\"")
        .contains("\"problems\" : [ ]");
  }

  @Test
  void eval_unknownFormat_isRejected() {
    CommandRun run = CommandRun.of("eval", "--sessions", "3", "--format", "gemini");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("tokensieve: unknown format 'gemini': expected claude-code, codex or both\n");
  }
}
