package dev.tokensieve.scoring.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import dev.tokensieve.scoring.TestSessions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Task runners' test targets, and test runs read from what a runner prints. */
final class TaskRunnerTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "mise run test",
        "mise run test:ci 2>&1 | tail -40",
        "just test",
        "task test:unit",
        "make test-unit",
        "make -j4 check",
        "npm test",
        "pnpm test",
        "yarn test",
        "bun run test:e2e",
        "./gradlew test",
        "tox -e py311",
        "nox -s tests",
        "bazel test //...",
        "bazelisk test //pkg:all",
        "cargo nextest run",
        "uv run pytest -q",
        "poetry run pytest tests/"
      })
  void isTestCommand_recognisesTaskRunnersTestTargets(String command) {
    assertThat(TestRuns.isTestCommand(command)).isTrue();
    assertThat(TestRuns.isTestCommandByRegex(command)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"mise run fmt", "just build", "make install", "npm run lint", "task up"})
  void isTestCommand_ignoresOtherTargets_butTheyAreTaskRunners(String command) {
    assertThat(TestRuns.isTestCommand(command)).isFalse();
    assertThat(TestRuns.isTaskRunner(command)).isTrue();
  }

  @Test
  void fromOutput_miseRunningGoTest_readsGoLines() {
    String out =
        "[test:ci] $ go test -tags=integration -race ./...\n"
            + "?   \tentire.io/cli/cmd/entire\t[no test files]\n"
            + "ok  \tentire.io/cli/cmd/entire/cli\t6.251s\n"
            + "ok  \tentire.io/cli/cmd/entire/cli/agent\t4.916s\n";
    assertThat(TestRuns.verdict("mise run test:ci", out, null, false))
        .contains(new TestRuns.Verdict(true, "ok  \tentire.io/cli/cmd/entire/cli/agent\t4.916s"));
    String failed =
        "[test] $ go test ./...\n--- FAIL: TestParse (0.00s)\n    parse_test.go:12: got 1\n"
            + "FAIL\n"
            + "FAIL\tacme/parse\t0.012s\n"
            + "[test] ERROR task failed\n";
    assertThat(TestRuns.verdict("mise run test", failed, 1, true).get().passed()).isFalse();
  }

  @Test
  void fromOutput_cargoNextest_readsSummary() {
    String ok =
        "    Starting 12 tests across 3 binaries\n"
            + "        PASS [   0.004s] acme tests::parse\n"
            + "------------\n"
            + "     Summary [   0.012s] 12 tests run: 12 passed, 0 skipped\n";
    assertThat(TestRuns.fromOutput(ok))
        .contains(
            new TestRuns.Verdict(true, "Summary [   0.012s] 12 tests run: 12 passed, 0 skipped"));
    String bad =
        "     Summary [   0.020s] 12 tests run: 11 passed, 1 failed, 0 skipped\n"
            + "error: test run failed\n";
    assertThat(TestRuns.fromOutput(bad).get().passed()).isFalse();
  }

  @Test
  void fromOutput_bazel_readsExecutedLine() {
    String ok =
        "//pkg:parse_test                                                 PASSED in 0.3s\n\n"
            + "Executed 2 out of 2 tests: 2 tests pass.\n";
    assertThat(TestRuns.fromOutput(ok))
        .contains(new TestRuns.Verdict(true, "Executed 2 out of 2 tests: 2 tests pass."));
    String bad =
        "//pkg:parse_test                                                 FAILED in 0.3s\n\n"
            + "Executed 2 out of 2 tests: 1 test passes and 1 fails locally.\n";
    assertThat(TestRuns.fromOutput(bad).get().passed()).isFalse();
  }

  @Test
  void fromOutput_toxAndNox_readTheirLastWord() {
    // tox 4 prints pytest's summary inside, then its own: pytest's line decides first
    assertThat(
            TestRuns.fromOutput(
                "py311: commands[0]> pytest\n  py311: OK (2.31=setup[1.01]+cmd[1.30] seconds)\n"
                    + "  congratulations :) (2.40 seconds)\n"))
        .contains(new TestRuns.Verdict(true, "congratulations :) (2.40 seconds)"));
    assertThat(
            TestRuns.fromOutput(
                    "  py311: FAIL code 1 (1.23 seconds)\n  evaluation failed :( (1.30 seconds)\n")
                .get()
                .passed())
        .isFalse();
    assertThat(TestRuns.fromOutput("ERROR:   py39: commands failed\n").get().passed()).isFalse();
    assertThat(TestRuns.fromOutput("  py39: commands succeeded\n  congratulations :)\n"))
        .contains(new TestRuns.Verdict(true, "congratulations :)"));
    assertThat(
            TestRuns.fromOutput(
                "nox > Running session tests-3.11\nnox > Session tests-3.11 was successful in 2"
                    + " seconds.\n"))
        .contains(
            new TestRuns.Verdict(true, "nox > Session tests-3.11 was successful in 2 seconds."));
    assertThat(TestRuns.fromOutput("nox > Session tests-3.11 failed.\n").get().passed()).isFalse();
  }

  @Test
  void fromOutput_vitestUnderPnpm_readsTestsLine() {
    String out =
        "> web@0.1.0 test\n> vitest run\n\n ✓ src/a.test.ts (3 tests) 4ms\n\n"
            + " Test Files  1 passed (1)\n      Tests  3 passed (3)\n   Start at  10:00:00\n";
    assertThat(TestRuns.verdict("pnpm test", out, null, false).get().passed()).isTrue();
  }

  @Test
  void fromOutput_makeErrorWithoutSummary_isAFailure() {
    String out = "cc -o t t.c\n./t\nassertion failed\nmake: *** [Makefile:12: test] Error 1\n";
    assertThat(TestRuns.fromOutput(out))
        .contains(new TestRuns.Verdict(false, "make: *** [Makefile:12: test] Error 1"));
  }

  @Test
  void read_taskRunnerOfAnotherTarget_isATestRunOnlyIfItPrintsASummary() {
    List<OutcomeSignal> s =
        OutcomeSignals.read(
            TestSessions.session("runner")
                .request(100, 0, 10)
                .shell("make ci", "go vet ./...\ngo test ./...\nok  \tacme/a\t0.2s\n", 0)
                .request(100, 0, 10)
                .shell("make build", "go build -o bin/a ./cmd/a\n", 0)
                .build());
    assertThat(s)
        .filteredOn(x -> x.kind() == SignalKind.TESTS_PASSED)
        .containsExactly(new OutcomeSignal(SignalKind.TESTS_PASSED, 0, "ok  \tacme/a\t0.2s"));
  }
}
