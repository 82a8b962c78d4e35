package dev.tokensieve.scoring.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;
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

  @Test
  void isTestCommand_anyCommand_agreesWithTheRegexReference() {
    List<String> commands =
        List.of(
            "pytest -x",
            "FOO=1 py.test",
            "timeout 60s tox -e py",
            "nox",
            "python3 -m unittest",
            "./manage.py test app",
            "mvn -q package",
            "gradlew build",
            "go test ./...",
            "cargo nextest run",
            "bun test",
            "npx jest",
            "make check",
            "ctest",
            "vendor/bin/phpunit",
            "rspec",
            "dotnet test",
            "mix test",
            "ls tests/",
            "make build",
            "cat latest",
            "echo protest",
            "");
    for (String command : commands) {
      assertThat(TestRuns.isTestCommand(command))
          .as(command)
          .isEqualTo(TestRuns.isTestCommandByRegex(command));
    }
  }

  @Test
  void fromOutput_summaryAfterLongOutput_isTheLastOne() {
    String out =
        "12 passed in 1.20s\n"
            + "x\n".repeat(2000)
            + "test result: ok. 3 passed; 0 failed; 0 ignored; finished in 0.10s\n"
            + "=== 1 failed, 2 passed in 0.50s ===\n";
    assertThat(TestRuns.fromOutput(out))
        .contains(new TestRuns.Verdict(false, "1 failed, 2 passed in 0.50s"));
  }

  /*
   * fromOutput starts each regex where a literal says its first match can start; the reference
   * searches every text from 0. Texts are built from runners' summary lines, their near misses
   * and noise, joined by every line terminator a regex knows, so that matches begin at, before
   * and after the literals, across lines and several times in one text.
   */
  @Test
  void fromOutput_anyText_agreesWithTheRegexReference() {
    String[] pieces = {
      "12 passed in 1.20s",
      "==== 1 failed, 11 passed, 2 warnings in 2.03s (0:00:02) ====",
      "1 passed,  in 0.1s",
      "3 errors in 0.5s (",
      "deselected in 1s",
      "finished in 0.3s",
      "2 xfailed in 0.01s",
      " in 9s",
      "Ran 6 tests in 0.012s",
      "",
      "OK",
      "FAILED (failures=1)",
      "test result: ok. 2 passed; 0 failed; 0 ignored; finished in 0.00s",
      "test result: FAILED. 1 passed; 1 failed;",
      "[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0",
      "Tests run: 4, Failures: 1, Errors: 0",
      "[INFO] BUILD SUCCESS",
      "BUILD FAILED in 3s",
      "BUILD ",
      "12 tests completed, 1 failed, 2 skipped",
      "Tests:       1 failed, 11 passed, 12 total",
      "      Tests  9 passed (9)",
      "Tests",
      "--- FAIL: TestParse (0.00s)",
      "FAIL\tgithub.com/x/y\t0.02s",
      "FAIL",
      "ok  \tgithub.com/x/y\t0.012s",
      "ok  github.com/x/y (cached)",
      "ok",
      "test a ... ok",
      "   Compiling app v0.1.0 (/src/app)",
      "random words in between",
      "look ok",
      "xFAIL",
      "--- FAIL: ",
      "   --- FAIL: TestX (0.1s)",
      "Rant test result: ok. 1 passed; 0 failed;",
      "1 passed in 0.2s",
      "-"
    };
    String[] breaks = {"\n", "\n", "\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085", " ", ""};
    Random random = new Random(11);
    for (int n = 0; n < 30_000; n++) {
      StringBuilder sb = new StringBuilder();
      int lines = 1 + random.nextInt(8);
      for (int i = 0; i < lines; i++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
        sb.append(breaks[random.nextInt(breaks.length)]);
      }
      String text = sb.toString();
      assertThat(TestRuns.fromOutput(text))
          .as("output %s", text)
          .isEqualTo(TestRuns.fromOutputByRegex(text));
    }
  }

  @Test
  void atLineStart_anyText_agreesWithTheScanReference() {
    String[] pieces = {
      "ok", "FAIL", "look", "x", " ", "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029"
    };
    Random random = new Random(13);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(10);
      for (int i = 0; i < length; i++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = sb.toString();
      for (String literal : new String[] {"ok", "FAIL"}) {
        int expected = TestRuns.atLineStartByScan(text, literal);
        TestRuns.Output output = new TestRuns.Output(text);
        assertThat(output.atLineStart(literal, false))
            .as("%s in %s", literal, text)
            .isEqualTo(expected);
        // by the line starts, then a rare literal by them too once they are known
        assertThat(output.atLineStart(literal, true))
            .as("%s in %s", literal, text)
            .isEqualTo(expected);
        assertThat(output.atLineStart(literal, false))
            .as("%s in %s", literal, text)
            .isEqualTo(expected);
      }
    }
  }
}
