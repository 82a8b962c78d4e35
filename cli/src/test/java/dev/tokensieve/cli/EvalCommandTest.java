package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class EvalCommandTest {
  @Test
  void eval_smallCorpus_parsesEverySessionExactly_andPrintsEverySection() {
    CommandRun run = CommandRun.of("eval", "--sessions", "30", "--seed", "42", "--threads", "2");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith(
            "TokenSieve evaluation: 30 generated sessions (both), seed 42; real runs: bundled"
                + " training-set.csv")
        .contains("  exact token totals        30/30 (100.0%)")
        .contains("  exact request counts      30/30")
        .contains("(b) Detectors vs ground truth")
        .containsPattern("(?m)^  OVERSIZED_TOOL_OUTPUT +\\d+ +\\d+ +\\d+ +\\d+\\.\\d% +\\d+\\.\\d%")
        .contains("(c) Outcome model on real labelled runs: 862 runs, 394 resolved")
        .contains("held out of training (leave one agent/model out):")
        .containsPattern(
            "(?m)^    swe-agent/gpt-4o-2024-05-13 +89 +6  \\d\\.\\d{3} \\[\\d\\.\\d\\d,"
                + " \\d\\.\\d\\d\\] +0\\.602 \\[")
        .contains("normalised by all training runs (agent mini-swe-agent unseen: out of domain")
        .contains("PR_CREATED coefficient: 0.00")
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
        .contains("\"taskCrossValidation\"")
        .contains("\"heldOut\"")
        .contains("\"minusCost\"")
        .contains("\"ece\"")
        .contains("\"prCreatedCoefficient\" : 0.0")
        .contains("\"--real sessions, bundled model\"")
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
