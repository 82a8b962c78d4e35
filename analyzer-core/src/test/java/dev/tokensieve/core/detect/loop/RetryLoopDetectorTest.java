package dev.tokensieve.core.detect.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.testing.TraceBuilder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class RetryLoopDetectorTest {
  private static final String FAILURE =
      "============ test session starts ============\n"
          + "FAILED tests/test_api.py::test_sum - assert 3 == 4\n"
          + "1 failed in 0.21s";

  private final RetryLoopDetector detector = new RetryLoopDetector();

  @Test
  void detect_sameFailingCommandThreeTimes_claimsTheRepeats() {
    PricedSession s =
        TraceBuilder.session("loop")
            .user("make the test pass")
            .bashFails("pytest tests/test_api.py", FAILURE)
            .bashFails("pytest tests/test_api.py", FAILURE.replace("0.21s", "0.19s"))
            .bashFails("pytest tests/test_api.py", FAILURE)
            .answer(80)
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.kind()).isEqualTo(FindingKind.RETRY_LOOP);
    assertThat(f.label()).isEqualTo(SpendLabel.WASTEFUL);
    assertThat(f.firstRequest()).isEqualTo(0);
    assertThat(f.lastRequest()).isEqualTo(2);
    assertThat(f.summary())
        .isEqualTo("ran `pytest tests/test_api.py` 3 times with the same failure");
    assertThat(f.charges()).extracting(Charge::request).containsExactly(1, 2);
    assertThat(f.tokens()).isEqualTo(s.request(1).usage().total() + s.request(2).usage().total());
    assertThat(f.costUsd()).isCloseTo(s.cost(1) + s.cost(2), within());
    assertThat(f.evidence())
        .containsExactly(
            "the same output up to numbers and spacing each time, ending `1 failed in 0.21s`",
            "nothing changed between attempts: no edit, no user message, no other command",
            "repeats issued by requests 1, 2: "
                + String.format(java.util.Locale.ROOT, "%,d", f.tokens())
                + " tokens, "
                + dev.tokensieve.core.detect.Amounts.usd(f.costUsd()));
  }

  @Test
  void detect_readsNoExcerptOfCallsMadeOnce_onlyOfRepeatsWhoseOutputChanged() {
    AtomicInteger reads = new AtomicInteger();
    TraceBuilder b = TraceBuilder.session("lazy").user("look around");
    for (int k = 0; k < 6; k++) { // different calls: their outputs are never compared
      b.turn(50)
          .call(k % 2 == 0 ? ToolKind.READ : ToolKind.SHELL, "Tool" + k, "/src/f" + k)
          .resultReadLazily(k % 3 == 0, "output " + k, reads);
    }
    assertThat(detector.detect(b.answer(10).priced())).isEmpty();
    assertThat(reads).hasValue(0);

    // the same failing call, its output changing (a new timing): excerpts are compared
    TraceBuilder c = TraceBuilder.session("lazy2").user("make it pass");
    for (int k = 0; k < 3; k++) {
      c.turn(50)
          .call(ToolKind.SHELL, "Bash", "pytest")
          .resultReadLazily(true, FAILURE.replace("0.21s", "0.2" + k + "s"), reads);
    }
    assertThat(detector.detect(c.answer(10).priced())).hasSize(1);
    assertThat(reads.get()).isPositive();
  }

  @Test
  void detect_productiveIteration_findsNothing() {
    PricedSession s =
        TraceBuilder.session("productive")
            .user("make the test pass")
            .bashFails("pytest tests/test_api.py", FAILURE)
            .edit("app.py", "return a - b", "return a * b")
            .bashFails("pytest tests/test_api.py", FAILURE)
            .edit("app.py", "return a * b", "return a + b")
            .bash("pytest tests/test_api.py", "1 passed in 0.20s")
            .answer(80)
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_singleReRun_isNotALoop() {
    PricedSession s =
        TraceBuilder.session("flaky-check")
            .bashFails("pytest tests/test_api.py", FAILURE)
            .bashFails("pytest tests/test_api.py", FAILURE)
            .edit("app.py", "return a - b", "return a + b")
            .bash("pytest tests/test_api.py", "1 passed in 0.20s")
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_installBetweenFailures_isAChange() {
    PricedSession s =
        TraceBuilder.session("install")
            .bashFails("pytest", "ModuleNotFoundError: No module named 'requests'")
            .bash("pip install requests", "Successfully installed requests-2.32.3")
            .bashFails("pytest", "ModuleNotFoundError: No module named 'requests'")
            .bash("pip install --user requests", "Requirement already satisfied")
            .bashFails("pytest", "ModuleNotFoundError: No module named 'requests'")
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_readOnlyCommandsBetweenFailures_doNotBreakTheLoop() {
    PricedSession s =
        TraceBuilder.session("look")
            .bashFails("npm test", "Error: Cannot find module './db'")
            .bash("ls src", "index.js")
            .bashFails("npm test", "Error: Cannot find module './db'")
            .bash("cat src/index.js", "require('./db')")
            .bashFails("npm test", "Error: Cannot find module './db'")
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings)
        .extracting(Finding::summary)
        .containsExactly("ran `npm test` 3 times with the same failure");
    assertThat(findings.get(0).charges()).extracting(Charge::request).containsExactly(2, 4);
  }

  @Test
  void detect_editUndoneAndRedone_claimsUndoAndRedo() {
    PricedSession s =
        TraceBuilder.session("oscillate")
            .edit("src/app.py", "x = 1", "x = 2")
            .bash("python -m mypy src", "Success: no issues found")
            .edit("src/app.py", "x = 2", "x = 1")
            .bash("python -m mypy src", "Success: no issues found in 3 files")
            .edit("src/app.py", "x = 1", "x = 2")
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.summary()).isEqualTo("undid and redid the same edit of `src/app.py` 1 time");
    assertThat(f.evidence().get(0))
        .isEqualTo("first made by request 0, then reverted and applied again");
    assertThat(f.charges()).extracting(Charge::request).containsExactly(2, 4);
  }

  @Test
  void detect_editUndoneAndRedoneAtTheUsersRequest_isNotALoop() {
    // the shape of two of the three RETRY_LOOP findings in 266 real Claude Code sessions: the
    // user asks for the revert, then for the change again (separate commits, choosing options)
    PricedSession redoAsked =
        TraceBuilder.session("asked")
            .edit("src/app.py", "x = 1", "x = 2")
            .edit("src/app.py", "x = 2", "x = 1")
            .user("ok, put it back")
            .edit("src/app.py", "x = 1", "x = 2")
            .priced();
    PricedSession undoAsked =
        TraceBuilder.session("asked-undo")
            .edit("src/app.py", "x = 1", "x = 2")
            .user("undo that, I want to commit the rename alone")
            .edit("src/app.py", "x = 2", "x = 1")
            .bash("git commit -am rename", "[main 1a2b3c4] rename")
            .edit("src/app.py", "x = 1", "x = 2")
            .priced();

    assertThat(detector.detect(redoAsked)).isEmpty();
    assertThat(detector.detect(undoAsked)).isEmpty();
  }

  @Test
  void detect_failedEditsBetweenFailures_changeNothing() {
    // a real OpenHands run (ponyc-4593) retried str_replace with an old_str that was not there
    TraceBuilder b = TraceBuilder.session("refused").user("fix the parser");
    for (int i = 0; i < 3; i++) {
      b.bashFails("make test", "parser.c:12: error: expected ';'");
      b.turn(120)
          .call(ToolKind.EDIT, "str_replace_editor", "src/parser.c", "args-" + i)
          .editStep("src/parser.c", "old " + i, "new")
          .fail("ERROR: No replacement was performed, old_str `old " + i + "` did not appear");
    }
    List<Finding> findings = detector.detect(b.priced());

    assertThat(findings)
        .extracting(Finding::summary)
        .containsExactly("ran `make test` 3 times with the same failure");
  }

  @Test
  void detect_sameFailureWithDifferentArguments_isALoop() {
    TraceBuilder b = TraceBuilder.session("same-error").user("fix it");
    for (int i = 0; i < 3; i++) {
      b.turn(120)
          .call(ToolKind.EDIT, "str_replace_editor", "src/parser.c", "args-" + i)
          .editStep("src/parser.c", "", "new " + i)
          .fail("ERROR: Parameter `old_str` is required for command: str_replace.");
    }
    PricedSession variants =
        TraceBuilder.session("make")
            .bashFails("make", "make: *** [Makefile:192: build] Error 2")
            .bashFails("make clean && make", "make: *** [Makefile:192: build] Error 2")
            .bashFails("rm -rf build && make", "make: *** [Makefile:192: build] Error 2")
            .priced();

    List<Finding> edits = detector.detect(b.priced());
    List<Finding> builds = detector.detect(variants);

    assertThat(edits).hasSize(1);
    assertThat(edits.get(0).summary())
        .isEqualTo("called str_replace_editor `src/parser.c` 3 times with the same failure");
    assertThat(edits.get(0).charges()).extracting(Charge::request).containsExactly(1, 2);
    assertThat(builds)
        .extracting(Finding::summary)
        .containsExactly(
            "ran `make` after 3 different preparations, 3 times with the same failure");
  }

  @Test
  void detect_bareExitCodesAndCancelledSiblings_areNotTheSameFailure() {
    // a real Claude Code session: different lookups that failed with nothing but an exit code,
    // and calls Claude Code cancelled because a parallel one failed
    PricedSession s =
        TraceBuilder.session("bare")
            .bashFails(
                "git config gc.auto; echo ---; git config gc.autoPackLimit", "Exit code 1 --- ---")
            .bashFails(
                "ls -lt .git/objects/pack/*.pack",
                "<tool_use_error>Sibling tool call errored</tool_use_error>")
            .bashFails(
                "git config fetch.prune; echo ---; git config maintenance.auto",
                "Exit code 1 --- ---")
            .bashFails(
                "pgrep -lf git", "<tool_use_error>Sibling tool call errored</tool_use_error>")
            .bashFails("git config --global gc.auto", "Exit code 1 --- ---")
            .bashFails(
                "git reflog show HEAD",
                "<tool_use_error>Sibling tool call errored</tool_use_error>")
            .priced();
    // the same session, later: Grep retried while the tool itself was broken
    TraceBuilder broken = TraceBuilder.session("broken");
    for (int i = 0; i < 3; i++) {
      broken
          .turn(20)
          .call(ToolKind.SEARCH, "Grep", "transitionSessionTurnEnd", "grep-" + i)
          .fail("ENOENT: no such file or directory, posix_spawn '/opt/homebrew/claude'");
    }

    assertThat(detector.detect(s)).isEmpty();
    assertThat(detector.detect(broken.priced()))
        .extracting(Finding::summary)
        .containsExactly("called Grep `transitionSessionTurnEnd` 3 times with the same failure");
  }

  @Test
  void detect_differentProbesWithTheSameResult_areNotARetry() {
    // a real mini-swe-agent run (pylint-8898) tried four option values in a row; pylint printed
    // the same messages (exit 16) for each: exploring, not retrying one command
    TraceBuilder b = TraceBuilder.session("probes");
    for (String v : List.of("\"foo,bar\"", "\"foo, bar\"", "\"foo,,bar\"", "'\"foo bar\"'")) {
      b.bashFails(
          "pylint --bad-names-rgxs=" + v + " foo.py", "foo.py:1:0: C0104: Disallowed name \"foo\"");
    }

    assertThat(detector.detect(b.priced())).isEmpty();
    assertThat(RetryLoopDetector.lastStep("cd /repo && make clean && make 2>&1 | tail -20"))
        .isEqualTo("make");
    assertThat(RetryLoopDetector.lastStep("git config a; echo ---; git config b | head -5"))
        .isEqualTo("git config b");
  }

  @Test
  void detect_sameFailureOfDifferentCommandsAfterAChange_isNotALoop() {
    PricedSession s =
        TraceBuilder.session("fixed-between")
            .bashFails("make", "make: *** [Makefile:192: build] Error 2")
            .edit("Makefile", "buildDir := x", "buildDir := y")
            .bashFails("make clean && make", "make: *** [Makefile:192: build] Error 2")
            .bash("mkdir -p build", "")
            .bashFails("make all", "make: *** [Makefile:192: build] Error 2")
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_cycleOfTwoActionsThreeTimes_isALoop() {
    TraceBuilder b = TraceBuilder.session("cycle");
    for (int i = 0; i < 3; i++) {
      b.read("src/app.py", "def add(a, b):\n    return a - b\n")
          .bash("git status --short", " M src/app.py");
    }
    List<Finding> findings = detector.detect(b.priced());

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.summary())
        .isEqualTo(
            "repeated a cycle of 2 actions 3 times: Read `src/app.py` -> Bash `git status --short`");
    assertThat(f.charges()).extracting(Charge::request).containsExactly(2, 3, 4, 5);
    assertThat(f.evidence().get(0)).isEqualTo("Read result, the same each round: `def add(a, b):`");
  }

  @Test
  void detect_codexChunkIdsAboveTheSameFailure_areTheSameOutput() {
    TraceBuilder b = TraceBuilder.session("codex").user("make the test pass");
    String printed = "FAIL src/schema/Rounding.test.ts\n";
    for (String chunk : new String[] {"0edb1f", "383f80", "625922"}) {
      b.turn(80)
          .call(dev.tokensieve.core.model.ToolKind.SHELL, "exec_command", "npx jest")
          .failPrinted(
              "Chunk ID: "
                  + chunk
                  + "\nWall time: 5.6350 seconds\nProcess exited with code 1\n"
                  + "Original token count: 140\nOutput:\n"
                  + printed,
              printed);
    }
    List<Finding> findings = detector.detect(b.priced());

    assertThat(findings)
        .extracting(Finding::summary)
        .containsExactly("ran `npx jest` 3 times with the same failure");
  }

  @Test
  void detect_differentFailuresUnderHexIds_areNotALoop() {
    TraceBuilder b = TraceBuilder.session("codex").user("make the test pass");
    for (String test : new String[] {"Rounding", "Amount", "Ledger"}) {
      b.bashFails("npx jest", "Chunk ID: 0edb1f\nOutput:\nFAIL src/schema/" + test + ".test.ts\n");
    }
    assertThat(detector.detect(b.priced())).isEmpty();
  }

  @Test
  void detect_outputsThatDifferOnlyInAHash_areNotTheSame() {
    TraceBuilder b = TraceBuilder.session("redacted");
    for (String sha : new String[] {"28a0e1d5", "0527d5b1", "9c1f645f"}) {
      b.bash("write_stdin", "[REDACTED_OUTPUT len=78 sha=" + sha + "]");
    }
    assertThat(detector.detect(b.priced())).isEmpty();
  }

  @Test
  void detect_sameFileReadThreeTimes_isLeftToRedundantContext() {
    TraceBuilder b = TraceBuilder.session("reads");
    for (int i = 0; i < 3; i++) {
      b.read("src/app.py", "def add(a, b):\n    return a - b\n");
    }
    for (int i = 0; i < 3; i++) {
      b.bash("git status --short", " M src/app.py");
    }
    assertThat(detector.detect(b.priced())).isEmpty();
  }

  @Test
  void detect_sameCommandThatChangesThingsThreeTimes_isALoop() {
    TraceBuilder b = TraceBuilder.session("writes");
    for (int i = 0; i < 3; i++) {
      b.bash("npm install", "up to date, audited 812 packages in 2s");
    }
    assertThat(detector.detect(b.priced()))
        .extracting(Finding::summary)
        .containsExactly("repeated Bash `npm install` 3 times with the same result");
  }

  @Test
  void detect_repeatedCommandWhoseOutputDiffersOnlyInNumbers_isALoop() {
    TraceBuilder b = TraceBuilder.session("timings");
    for (String took : new String[] {"2s", "3s", "12s"}) {
      b.bash("npm install", "up to date, audited 812 packages in  " + took);
    }
    assertThat(detector.detect(b.priced()))
        .extracting(Finding::summary, f -> f.evidence().get(0))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "repeated Bash `npm install` 3 times with the same result",
                "Bash result, the same each round: `up to date, audited 812 packages in 2s`"));
  }

  @Test
  void detect_repeatedCommandWithDifferentOutputs_isNotALoop() {
    TraceBuilder b = TraceBuilder.session("progress");
    for (String audited : new String[] {"812 packages", "one package", "no packages"}) {
      b.bash("npm install", "added 1 package, audited " + audited);
    }
    assertThat(detector.detect(b.priced())).isEmpty();
  }

  @Test
  void detect_subAgentsRunningTheSameCommand_areNotOneLoop() {
    TraceBuilder b = TraceBuilder.session("agents");
    for (String agent : new String[] {"a1", "a2", "a3"}) {
      b.agent(agent).bashFails("pytest", FAILURE);
    }
    assertThat(detector.detect(b.priced())).isEmpty();
  }

  @Test
  void distinctSorted_repeatsInAnyOrder_comeOnceAscending() {
    assertThat(RetryLoopDetector.distinctSorted(new int[] {5, 1, 5, 3, 1, 9}))
        .containsExactly(1, 3, 5, 9);
    assertThat(RetryLoopDetector.distinctSorted(new int[0])).isEmpty();
  }

  @Test
  void new_attemptsBelowTwo_failsWithTheValue() {
    assertThatThrownBy(() -> new RetryLoopDetector(1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minAttempts must be in [2, 1000], was 1");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }
}
