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
 * benchmark runs. In request order, with the last word deciding:
 *
 * <ul>
 *   <li>SUCCESS: the user confirmed the work ("works, thanks") and did not report it broken later;
 *       or the work was delivered (commit, push, PR) after a passing test run, or CI passed, and no
 *       failing run or CI came after;
 *   <li>FAILURE: the user reported it still broken and nothing after that passed, was delivered or
 *       was claimed done; or the session ended on failing tests (or failing CI) with nothing
 *       delivered after them;
 *   <li>otherwise UNKNOWN: an agent saying it is done, or a user moving on to a new task, is not
 *       proof (see the signals for them).
 * </ul>
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
    boolean lastTestPassed = false;
    boolean verified = false; // delivered after passing tests, CI passed, or user confirmed
    boolean broken = false; // user said broken, and nothing after it passed or was claimed done
    boolean failing = false; // the last test run or CI failed, and nothing was delivered after
    for (OutcomeSignal s : signals) {
      switch (s.kind()) {
        case TESTS_PASSED -> {
          lastTestPassed = true;
          failing = false;
          broken = false;
        }
        case TESTS_FAILED -> {
          lastTestPassed = false;
          failing = true;
          verified = false;
        }
        case CI_PASSED -> {
          verified = true;
          failing = false;
          broken = false;
        }
        case CI_FAILED -> {
          failing = true;
          verified = false;
        }
        case COMMIT, PUSH, PR_CREATED -> {
          failing = false;
          verified |= lastTestPassed;
          broken = false;
        }
        case USER_CONFIRMED -> {
          verified = true;
          broken = false;
          failing = false;
        }
        case USER_REPORTED_BROKEN -> {
          broken = true;
          verified = false;
        }
        case AGENT_DONE -> broken = false; // the complaint was answered; not proof either way
        default -> {}
      }
    }
    if (broken || failing) {
      return OutcomeLabel.FAILURE;
    }
    return verified ? OutcomeLabel.SUCCESS : OutcomeLabel.UNKNOWN;
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
