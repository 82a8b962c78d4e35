package dev.tokensieve.scoring.outcome;

import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The verdict of an interactive session (Claude Code, Codex, Gemini CLI) from its evidence alone.
 *
 * <p>An interactive session has a person in it: what the user says after the agent finished, and
 * what the agent delivered after its tests passed, say more than any model trained on autonomous
 * benchmark runs. The first rule that applies decides:
 *
 * <ol>
 *   <li>FAILURE: the user's last verdict says it is still broken and nothing after it passed, was
 *       delivered or was claimed done;
 *   <li>SUCCESS: the user's last verdict confirms the work ("works, thanks"); or the last CI status
 *       passed; or the work was delivered (commit, push, PR) and the last test run passed;
 *   <li>FAILURE: the last CI status failed with no passing run or delivery after it, or the last
 *       test run failed and nothing was delivered;
 *   <li>otherwise UNKNOWN: an agent saying it is done, or a user moving on to a new task, is not
 *       proof (see the signals for them).
 * </ol>
 */
public final class EvidenceVerdict {
  private static final Set<String> INTERACTIVE = Set.of("claude-code", "codex", "gemini-cli");

  /** Signals of progress that a failed session's spend bought (see {@link #partial}). */
  private static final Set<SignalKind> VERIFIED_PROGRESS =
      EnumSet.of(
          SignalKind.TESTS_PASSED,
          SignalKind.COMMIT,
          SignalKind.PUSH,
          SignalKind.PR_CREATED,
          SignalKind.CI_PASSED,
          SignalKind.USER_CONFIRMED);

  private EvidenceVerdict() {}

  /** Whether sessions of {@code agent} have a user in the loop, so that evidence decides. */
  public static boolean isInteractive(String agent) {
    return INTERACTIVE.contains(agent);
  }

  /** The label {@code signals} (in request order) give an interactive session. */
  public static OutcomeLabel label(List<OutcomeSignal> signals) {
    SignalKind lastTest = null; // TESTS_PASSED or TESTS_FAILED
    SignalKind lastCi = null; // CI_PASSED or CI_FAILED
    SignalKind lastUser = null; // USER_CONFIRMED or USER_REPORTED_BROKEN
    boolean delivered = false; // a commit, push or PR anywhere
    boolean ciAnswered = false; // a passing run or a delivery came after the last CI status
    boolean answered = false; // something passed, was delivered or claimed done after a complaint
    for (OutcomeSignal s : signals) {
      switch (s.kind()) {
        case TESTS_PASSED, TESTS_FAILED -> {
          lastTest = s.kind();
          answered |= s.kind() == SignalKind.TESTS_PASSED;
          ciAnswered |= s.kind() == SignalKind.TESTS_PASSED;
        }
        case CI_PASSED, CI_FAILED -> {
          lastCi = s.kind();
          ciAnswered = false;
          answered |= s.kind() == SignalKind.CI_PASSED;
        }
        case COMMIT, PUSH, PR_CREATED -> {
          delivered = true;
          ciAnswered = true;
          answered = true;
        }
        case USER_CONFIRMED, USER_REPORTED_BROKEN -> {
          lastUser = s.kind();
          answered = false;
        }
        case AGENT_DONE -> answered = true; // the complaint was answered; not proof either way
        default -> {}
      }
    }
    if (lastUser == SignalKind.USER_REPORTED_BROKEN && !answered) {
      return OutcomeLabel.FAILURE;
    }
    if (lastUser == SignalKind.USER_CONFIRMED) {
      return OutcomeLabel.SUCCESS;
    }
    if (lastCi == SignalKind.CI_PASSED) {
      return OutcomeLabel.SUCCESS;
    }
    if (lastCi == SignalKind.CI_FAILED && !ciAnswered) {
      return OutcomeLabel.FAILURE;
    }
    if (lastTest == SignalKind.TESTS_PASSED && delivered) {
      return OutcomeLabel.SUCCESS;
    }
    if (lastTest == SignalKind.TESTS_FAILED && !delivered) {
      return OutcomeLabel.FAILURE;
    }
    return OutcomeLabel.UNKNOWN;
  }

  /**
   * A {@link SignalKind#PARTIAL_SUCCESS} signal for a failed session whose spend bought verified
   * progress before it failed: at the last such progress, so that the spend up to it stays
   * productive; empty when nothing was verified.
   */
  public static Optional<OutcomeSignal> partial(List<OutcomeSignal> signals) {
    OutcomeSignal last = null;
    for (OutcomeSignal s : signals) {
      if (s.request() >= 0 && VERIFIED_PROGRESS.contains(s.kind())) {
        last = s;
      }
    }
    if (last == null) {
      return Optional.empty();
    }
    String kind = last.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return Optional.of(
        new OutcomeSignal(
            SignalKind.PARTIAL_SUCCESS,
            last.request(),
            "requests 0-"
                + last.request()
                + " bought progress ("
                + kind
                + ": "
                + last.evidence()
                + "); the session failed after it"));
  }
}
