package dev.tokensieve.scoring.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TestRunsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "pytest tests/test_api.py -x",
        "cd /testbed && python -m pytest -q tests",
        "python tests/runtests.py admin_utils",
        "./manage.py test",
        "mvn -q test",
        "./mvnw verify -pl core",
        "./gradlew test --tests Foo",
        "go test ./...",
        "npm test",
        "npx vitest run",
        "pnpm run test",
        "cargo test --all",
        "make test"
      })
  void isTestCommand_recognisesRunners(String command) {
    assertThat(TestRuns.isTestCommand(command)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ls tests/", "cat test_api.py", "git commit -m 'add test'", "grep -r pytest ."})
  void isTestCommand_ignoresOtherCommands(String command) {
    assertThat(TestRuns.isTestCommand(command)).isFalse();
  }

  @Test
  void fromOutput_pytestPassed_readsSummaryLine() {
    String out =
        "============================= test session starts ==============================\n"
            + "collected 12 items\n\n"
            + "tests/test_api.py ............                                         [100%]\n\n"
            + "============================== 12 passed in 1.20s ==============================\n";
    assertThat(TestRuns.fromOutput(out)).contains(new TestRuns.Verdict(true, "12 passed in 1.20s"));
  }

  @Test
  void fromOutput_pytestFailed_readsSummaryLine() {
    String out =
        "FAILED tests/test_api.py::test_get - AssertionError: assert 404 == 200\n"
            + "========================= 1 failed, 11 passed in 2.03s =========================\n";
    assertThat(TestRuns.fromOutput(out))
        .contains(new TestRuns.Verdict(false, "1 failed, 11 passed in 2.03s"));
  }

  @Test
  void fromOutput_unittest_readsRanAndVerdict() {
    String ok =
        "......\n----------------------------------------------------------------------\n"
            + "Ran 6 tests in 0.012s\n\nOK\n";
    String bad =
        "F.\n----------------------------------------------------------------------\n"
            + "Ran 2 tests in 0.003s\n\nFAILED (failures=1)\n";
    assertThat(TestRuns.fromOutput(ok))
        .contains(new TestRuns.Verdict(true, "Ran 6 tests in 0.012s, OK"));
    assertThat(TestRuns.fromOutput(bad))
        .contains(new TestRuns.Verdict(false, "Ran 2 tests in 0.003s, FAILED (failures=1)"));
  }

  @Test
  void fromOutput_maven_combinesSurefireAndBuildResult() {
    String out =
        "[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.05 s\n"
            + "[INFO] \n[INFO] Results:\n[INFO] \n[ERROR] Tests run: 40, Failures: 2, Errors: 1, Skipped: 0\n"
            + "[INFO] ------------------------------------------------------------------------\n"
            + "[INFO] BUILD FAILURE\n";
    assertThat(TestRuns.fromOutput(out))
        .contains(
            new TestRuns.Verdict(
                false, "Tests run: 40, Failures: 2, Errors: 1, Skipped: 0; BUILD FAILURE"));
  }

  @Test
  void fromOutput_gradleSuccess_readsBuildLine() {
    assertThat(TestRuns.fromOutput("> Task :test\n\nBUILD SUCCESSFUL in 4s\n3 actionable tasks"))
        .contains(new TestRuns.Verdict(true, "BUILD SUCCESSFUL"));
    assertThat(TestRuns.fromOutput("12 tests completed, 1 failed\n\nFAILURE: Build failed"))
        .contains(new TestRuns.Verdict(false, "12 tests completed, 1 failed"));
  }

  @Test
  void fromOutput_goTest_failBeatsOk() {
    String out =
        "ok  \tgithub.com/x/y/a\t0.012s\n--- FAIL: TestParse (0.00s)\n"
            + "    parse_test.go:12: want 3, got 4\nFAIL\nFAIL\tgithub.com/x/y/b\t0.020s\n";
    assertThat(TestRuns.fromOutput(out))
        .contains(new TestRuns.Verdict(false, "--- FAIL: TestParse (0.00s)"));
    assertThat(TestRuns.fromOutput("ok  \tgithub.com/x/y/a\t0.012s\n"))
        .contains(new TestRuns.Verdict(true, "ok  \tgithub.com/x/y/a\t0.012s"));
  }

  @Test
  void fromOutput_jestAndVitest_readTestsLine() {
    String jest =
        "Test Suites: 1 failed, 3 passed, 4 total\n"
            + "Tests:       1 failed, 11 passed, 12 total\nSnapshots:   0 total\nTime:        2.1 s\n";
    assertThat(TestRuns.fromOutput(jest))
        .contains(new TestRuns.Verdict(false, "Tests:       1 failed, 11 passed, 12 total"));
    String vitest = " Test Files  2 passed (2)\n      Tests  9 passed (9)\n   Start at  10:00:00\n";
    assertThat(TestRuns.fromOutput(vitest))
        .contains(new TestRuns.Verdict(true, "Tests  9 passed (9)"));
  }

  @Test
  void fromOutput_cargo_readsTestResult() {
    String out =
        "running 3 tests\ntest a ... ok\n\n"
            + "test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n";
    assertThat(TestRuns.fromOutput(out))
        .contains(
            new TestRuns.Verdict(
                false,
                "test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out;"
                    + " finished in 0.00s"));
  }

  @Test
  void verdict_withoutSummary_fallsBackToExitCode() {
    assertThat(TestRuns.verdict("npm test", "boom", 1, true))
        .contains(new TestRuns.Verdict(false, "`npm test` exited with 1"));
    assertThat(TestRuns.verdict("npm test", "", null, false)).isEqualTo(Optional.empty());
  }
}
