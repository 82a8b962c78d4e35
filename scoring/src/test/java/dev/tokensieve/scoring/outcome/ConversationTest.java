package dev.tokensieve.scoring.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import dev.tokensieve.scoring.TestSessions;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ConversationTest {
  @Test
  void read_userConfirmsAfterTheAgentIsDone_isSuccess() {
    List<OutcomeSignal> s =
        OutcomeSignals.read(
            TestSessions.session("c1")
                .user("the login page 500s, fix it")
                .request(100, 0, 10)
                .edit("src/login.py")
                .says("Fixed: the session cookie was read before it was set.")
                .user("ok, works. great")
                .build());
    assertThat(s)
        .contains(
            new OutcomeSignal(
                SignalKind.AGENT_DONE, 1, "Fixed: the session cookie was read before it was set."),
            new OutcomeSignal(SignalKind.USER_CONFIRMED, 1, "ok, works. great"));
    assertThat(EvidenceVerdict.label(s)).isEqualTo(OutcomeLabel.SUCCESS);
  }

  @Test
  void read_userSaysStillBrokenAndSessionEnds_isFailure() {
    List<OutcomeSignal> s =
        OutcomeSignals.read(
            TestSessions.session("c2")
                .request(100, 0, 10)
                .edit("src/login.py")
                .says("I've updated the cookie handling.")
                .user("still broken, same 500 on /login")
                .build());
    assertThat(s)
        .extracting(OutcomeSignal::kind)
        .contains(SignalKind.AGENT_DONE, SignalKind.USER_REPORTED_BROKEN);
    assertThat(EvidenceVerdict.label(s)).isEqualTo(OutcomeLabel.FAILURE);
  }

  @Test
  void read_complaintAnsweredByAnotherFix_isUnknownNotFailure() {
    List<OutcomeSignal> s =
        OutcomeSignals.read(
            TestSessions.session("c3")
                .request(100, 0, 10)
                .edit("a.py")
                .says("Done.")
                .user("it doesn't work")
                .request(100, 0, 10)
                .edit("a.py")
                .says("Fixed the import as well.")
                .build());
    assertThat(s)
        .extracting(OutcomeSignal::kind)
        .containsSubsequence(
            SignalKind.AGENT_DONE, SignalKind.USER_REPORTED_BROKEN, SignalKind.AGENT_DONE);
    assertThat(EvidenceVerdict.label(s)).isEqualTo(OutcomeLabel.UNKNOWN);
  }

  @Test
  void read_stillBrokenOpeningANewTopicWithoutChanges_isNoComplaint() {
    // d6e0bada (spotter): "start phoenix", then "scrolling in xterm.js still does not work"
    List<OutcomeSignal> s =
        OutcomeSignals.read(
            TestSessions.session("c4")
                .request(100, 0, 10)
                .shell("mix phx.server", "[info] Running SpotterWeb.Endpoint", 0)
                .says("Phoenix server is starting in the background.")
                .user("scrolling back in xterm.js still does not work, websearch it")
                .request(100, 0, 10)
                .build());
    assertThat(s).extracting(OutcomeSignal::kind).doesNotContain(SignalKind.USER_REPORTED_BROKEN);
    assertThat(EvidenceVerdict.label(s)).isEqualTo(OutcomeLabel.UNKNOWN);
  }

  @Test
  void read_newTaskAfterDone_isImplicitAcceptanceOnly() {
    List<OutcomeSignal> s =
        OutcomeSignals.read(
            TestSessions.session("c5")
                .request(100, 0, 10)
                .edit("docs/geese.md")
                .says("Done - created `docs/geese.md` with an overview of geese.")
                .user("now add a section about swans")
                .request(100, 0, 10)
                .build());
    assertThat(s)
        .contains(
            new OutcomeSignal(
                SignalKind.AGENT_DONE,
                1,
                "Done - created `docs/geese.md` with an overview of geese."),
            new OutcomeSignal(SignalKind.USER_NEW_TASK, 1, "now add a section about swans"));
    assertThat(EvidenceVerdict.label(s)).isEqualTo(OutcomeLabel.UNKNOWN);
  }

  @Test
  void read_questionThatMentionsWorks_isNoConfirmation() {
    List<OutcomeSignal> s =
        OutcomeSignals.read(
            TestSessions.session("c6")
                .request(100, 0, 10)
                .edit("main.go")
                .says("I've added the --version flag.")
                .user("can you build it setting the version and check if it works?")
                .build());
    assertThat(s).extracting(OutcomeSignal::kind).doesNotContain(SignalKind.USER_CONFIRMED);
  }

  @Test
  void read_harnessTextIsNotTheUsers_butSlashCommandArgumentsAre() {
    assertThat(Conversation.userWords("<local-command-stdout>Bye!</local-command-stdout>"))
        .isNull();
    assertThat(Conversation.userWords("[Request interrupted by user]")).isNull();
    assertThat(Conversation.userWords("Base directory for this skill: /x")).isNull();
    assertThat(
            Conversation.userWords(
                "<command-message>plan</command-message>\n<command-name>/plan</command-name>\n"
                    + "<command-args>works, thanks. now the plan</command-args>"))
        .isEqualTo("works, thanks. now the plan");
  }

  @Test
  void read_passingTestsThenPush_isSuccess_andFailingTestsAtTheEnd_isFailure() {
    List<OutcomeSignal> ok =
        OutcomeSignals.read(
            TestSessions.session("c7")
                .request(100, 0, 10)
                .edit("a.go")
                .shell("mise run test", "[test] $ go test ./...\nok  \tacme/a\t0.2s\n", 0)
                .request(100, 0, 10)
                .shell("git push", "To github.com:acme/a.git\n   1a2b3c4..5d6e7f8  x -> x\n", 0)
                .build());
    assertThat(EvidenceVerdict.label(ok)).isEqualTo(OutcomeLabel.SUCCESS);
    List<OutcomeSignal> bad =
        OutcomeSignals.read(
            TestSessions.session("c8")
                .request(100, 0, 10)
                .edit("a.go")
                .shell("just test", "--- FAIL: TestA (0.00s)\nFAIL\tacme/a\t0.1s\n", 1)
                .request(100, 0, 10)
                .build());
    assertThat(EvidenceVerdict.label(bad)).isEqualTo(OutcomeLabel.FAILURE);
  }

  @Test
  void decide_failedAfterVerifiedProgress_addsPartialSuccess_butNotForAnOutcomesFile() {
    List<OutcomeSignal> s =
        List.of(
            new OutcomeSignal(SignalKind.TESTS_PASSED, 3, "12 passed in 1.20s"),
            new OutcomeSignal(SignalKind.TESTS_FAILED, 9, "1 failed, 11 passed in 2.03s"),
            new OutcomeSignal(
                SignalKind.ENDED_ON_FAILING_TESTS, 9, "1 failed, 11 passed in 2.03s"));
    var o = OutcomeVerdict.decide("claude-code", s, 0.5, java.util.Optional.empty());
    assertThat(o.label()).isEqualTo(OutcomeLabel.FAILURE);
    assertThat(o.signals())
        .contains(
            new OutcomeSignal(
                SignalKind.PARTIAL_SUCCESS,
                3,
                "requests 0-3 bought progress (tests passed: 12 passed in 1.20s); the session"
                    + " failed after it"));
    var external =
        OutcomeVerdict.decide(
            "claude-code",
            s,
            0.5,
            java.util.Optional.of(new OutcomeSignal(SignalKind.EXTERNAL_FAILURE, -1, "x")));
    assertThat(external.signals())
        .extracting(OutcomeSignal::kind)
        .doesNotContain(SignalKind.PARTIAL_SUCCESS);
  }

  @Test
  void read_testRunTheUserRefused_isNoTestRun() {
    // entireio c4_a4c0bba140: "i'll take it from here" after the agent's own tests passed
    List<OutcomeSignal> s =
        OutcomeSignals.read(
            TestSessions.session("c9")
                .request(100, 0, 10)
                .edit("settings.go")
                .shell("go test ./settings/...", "ok  \tacme/settings\t0.02s\n", 0)
                .request(100, 0, 10)
                .tool(
                    dev.tokensieve.core.model.ToolKind.SHELL,
                    "Bash",
                    "mise run fmt && mise run lint && mise run test:ci",
                    "The user doesn't want to proceed with this tool use. The tool use was rejected"
                        + " (eg. if it was a file edit, the new_string was NOT written to the file)."
                        + " To tell you how to proceed, the user said:\ni'll take it from here.",
                    true,
                    null)
                .build());
    assertThat(s).extracting(OutcomeSignal::kind).doesNotContain(SignalKind.TESTS_FAILED);
    assertThat(EvidenceVerdict.label(s)).isEqualTo(OutcomeLabel.UNKNOWN);
  }

  @Test
  void label_ciFailedThenFixedLocally_isNotFailure_andCommitBeforePassingTests_isSuccess() {
    assertThat(
            EvidenceVerdict.label(
                List.of(
                    new OutcomeSignal(SignalKind.CI_FAILED, 1, "1 failing: lint\tfail"),
                    new OutcomeSignal(SignalKind.TESTS_PASSED, 9, "ok  \tacme/a\t0.2s"))))
        .isEqualTo(OutcomeLabel.UNKNOWN);
    assertThat(
            EvidenceVerdict.label(
                List.of(
                    new OutcomeSignal(SignalKind.CI_FAILED, 1, "1 failing: lint\tfail"),
                    new OutcomeSignal(SignalKind.AGENT_DONE, 2, "Done."))))
        .isEqualTo(OutcomeLabel.FAILURE);
    assertThat(
            EvidenceVerdict.label(
                List.of(
                    new OutcomeSignal(SignalKind.COMMIT, 4, "[main 1a2b3c4] fix"),
                    new OutcomeSignal(SignalKind.TESTS_PASSED, 5, "ok  \tacme/a\t0.2s"))))
        .isEqualTo(OutcomeLabel.SUCCESS);
  }
}
