package dev.tokensieve.scoring.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import dev.tokensieve.scoring.TestSessions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OutcomeSignalsTest {
  @Test
  void read_successfulSession_findsTestsCommitPushAndPr() {
    List<OutcomeSignal> s =
        OutcomeSignals.read(
            TestSessions.session("s1")
                .request(100, 0, 10)
                .edit("src/app.py")
                .request(100, 0, 10)
                .shell("pytest -q", "1 failed, 11 passed in 2.03s\n", 1)
                .request(100, 0, 10)
                .edit("src/app.py")
                .shell("pytest -q", "12 passed in 1.20s\n", 0)
                .request(100, 0, 10)
                .shell(
                    "git commit -am 'Fix lookup'", "[main 1a2b3c4] Fix lookup\n 1 file changed", 0)
                .shell(
                    "git push origin main",
                    "To github.com:acme/app.git\n   1a2b3c4..5d6e7f8  main -> main\n",
                    0)
                .shell(
                    "gh pr create --fill",
                    "Creating pull request for fix into main\n\nhttps://github.com/acme/app/pull/42\n",
                    0)
                .build());
    assertThat(s)
        .containsExactly(
            new OutcomeSignal(SignalKind.TESTS_FAILED, 1, "1 failed, 11 passed in 2.03s"),
            new OutcomeSignal(SignalKind.TESTS_PASSED, 2, "12 passed in 1.20s"),
            new OutcomeSignal(SignalKind.ENDED_AFTER_PASSING_TESTS, 2, "12 passed in 1.20s"),
            new OutcomeSignal(SignalKind.COMMIT, 3, "[main 1a2b3c4] Fix lookup"),
            new OutcomeSignal(SignalKind.PUSH, 3, "1a2b3c4..5d6e7f8  main -> main"),
            new OutcomeSignal(SignalKind.PR_CREATED, 3, "https://github.com/acme/app/pull/42"));
  }

  @Test
  void read_endsOnFailingTestsWithoutEdits_saysSo() {
    List<OutcomeSignal> s =
        OutcomeSignals.read(
            TestSessions.session("s2")
                .request(100, 0, 10)
                .shell("go test ./...", "--- FAIL: TestX (0.00s)\nFAIL\n", 1)
                .interrupt()
                .apiError("overloaded_error: Overloaded")
                .build());
    assertThat(s)
        .extracting(OutcomeSignal::kind)
        .containsExactly(
            SignalKind.TESTS_FAILED,
            SignalKind.INTERRUPT,
            SignalKind.API_ERROR,
            SignalKind.ENDED_ON_FAILING_TESTS,
            SignalKind.NO_EDITS);
    assertThat(s.get(2).evidence()).isEqualTo("overloaded_error: Overloaded");
  }

  @Test
  void read_rejectedPush_isNoPush() {
    List<OutcomeSignal> s =
        OutcomeSignals.read(
            TestSessions.session("s3")
                .request(100, 0, 10)
                .edit("a.txt")
                .shell(
                    "git push",
                    " ! [rejected]        main -> main (fetch first)\nerror: failed to push",
                    1)
                .build());
    assertThat(s).isEmpty();
  }

  @Test
  void read_attributes_giveCompletionErrorExitAndPr() {
    List<OutcomeSignal> submitted =
        OutcomeSignals.read(
            TestSessions.session("s4")
                .request(100, 0, 10)
                .attribute("exit_status", "Submitted")
                .attribute("submission", "diff --git a/x b/x")
                .build());
    assertThat(submitted)
        .containsExactly(new OutcomeSignal(SignalKind.TASK_COMPLETED, 0, "exit_status: Submitted"));
    List<OutcomeSignal> limited =
        OutcomeSignals.read(
            TestSessions.session("s5")
                .request(100, 0, 10)
                .edit("x.py")
                .attribute("exit_status", "submitted (exit_cost)")
                .attribute("pr.url", "https://github.com/acme/app/pull/7")
                .build());
    assertThat(limited)
        .containsExactly(
            new OutcomeSignal(SignalKind.PR_CREATED, 0, "https://github.com/acme/app/pull/7"),
            new OutcomeSignal(SignalKind.ERROR_EXIT, 0, "exit_status: submitted (exit_cost)"));
    List<OutcomeSignal> openhands =
        OutcomeSignals.read(
            TestSessions.session("s6")
                .request(100, 0, 10)
                .edit("x.py")
                .attribute("agent_state", "error")
                .build());
    assertThat(openhands)
        .containsExactly(new OutcomeSignal(SignalKind.ERROR_EXIT, 0, "agent_state: error"));
  }

  @Test
  void isEdit_shellWritesCountAsEdits() {
    assertThat(
            OutcomeSignals.read(
                TestSessions.session("s7")
                    .request(100, 0, 10)
                    .shell("sed -i 's/a/b/' django/utils.py", "", 0)
                    .build()))
        .isEmpty();
  }

  @Test
  void isEdit_shellCommands_agreesWithTheRegexReference() {
    List<String> commands =
        List.of(
            "sed -i 's/a/b/' src/app.py",
            "sed -n 1,20p src/app.py",
            "perl -pi -e 's/a/b/' x.c",
            "git apply fix.patch",
            "patch -p1 < fix.diff",
            "apply_patch <<'EOF'",
            "echo hi | tee out.txt",
            "echo hi | tee -a /dev/null",
            "cat > src/new_file.py <<EOF",
            "echo x >> notes.md",
            "cargo test 2>&1 | tail",
            "ls > /dev/null",
            "pytest > out.log",
            "git status --short",
            "cargo test",
            "");
    for (String command : commands) {
      Step.ToolCall call =
          new Step.ToolCall(Instant.EPOCH, 0, "main", "c1", "Bash", ToolKind.SHELL, command, "d");
      assertThat(OutcomeSignals.isEdit(call))
          .as(command)
          .isEqualTo(
              OutcomeSignals.writesFilesByRegex(command)
                  && !TestRuns.isTestCommandByRegex(command));
    }
  }
}
