package dev.tokensieve.scoring.outcome;

import dev.tokensieve.core.report.Outcome;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns signals and the model's probability into a session's outcome label.
 *
 * <p>In order, the first rule that applies decides:
 *
 * <ol>
 *   <li>an external outcome (an outcomes file) decides, and pSuccess becomes 1 or 0;
 *   <li>a session with no informative signal (tests, commit, push, PR, completion or error exit;
 *       interrupts, API errors and "no edits" alone do not count) is UNKNOWN whatever the model
 *       says, so that spend is never called wasteful on no evidence about the task;
 *   <li>otherwise the label follows pSuccess: {@code >= 0.65} is SUCCESS, {@code <= 0.35} FAILURE,
 *       else UNKNOWN.
 * </ol>
 *
 * <p>The strong trace evidence ({@link #strongEvidence}: tests passed then delivered, or a PR; an
 * error exit, or ending on failing tests undelivered) used to override the model here, which let a
 * report say FAILURE beside a pSuccess of 0.999 (mini-swe-agent runs that submitted after a failing
 * run of their own reproduction script). It is now two of the model's features, so the model weighs
 * it by how often it was right on labelled sessions, and the label and pSuccess can no longer
 * disagree.
 */
public final class OutcomeVerdict {
  /** pSuccess at or above which the label is SUCCESS. */
  public static final double SUCCESS_THRESHOLD = 0.65;

  /** pSuccess at or below which the label is FAILURE. */
  public static final double FAILURE_THRESHOLD = 0.35;

  /** What the strongest trace evidence says about the task, before any model. */
  public enum Evidence {
    /** The last test run passed and the work was delivered, or a PR was opened. */
    STRONG_SUCCESS,
    /** An error exit without completion, or the session ended on failing tests undelivered. */
    STRONG_FAILURE,
    /** Neither. */
    NONE
  }

  /** Signals that say something about the task itself; the rest only describe the journey. */
  private static final Set<SignalKind> INFORMATIVE =
      EnumSet.of(
          SignalKind.TESTS_PASSED,
          SignalKind.TESTS_FAILED,
          SignalKind.COMMIT,
          SignalKind.PUSH,
          SignalKind.PR_CREATED,
          SignalKind.TASK_COMPLETED,
          SignalKind.ERROR_EXIT);

  private OutcomeVerdict() {}

  /** The outcome given the trace's signals, the model's pSuccess and an external outcome. */
  public static Outcome decide(
      List<OutcomeSignal> signals, double pSuccess, Optional<OutcomeSignal> external) {
    if (!(pSuccess >= 0 && pSuccess <= 1)) {
      throw new IllegalArgumentException("pSuccess must be in [0, 1], was " + pSuccess);
    }
    List<OutcomeSignal> all = new ArrayList<>(signals);
    if (external.isPresent()) {
      all.add(external.get());
      boolean ok = external.get().kind() == SignalKind.EXTERNAL_SUCCESS;
      return new Outcome(ok ? OutcomeLabel.SUCCESS : OutcomeLabel.FAILURE, ok ? 1 : 0, all);
    }
    OutcomeLabel label;
    if (!anyInformative(signals)) {
      label = OutcomeLabel.UNKNOWN;
    } else if (pSuccess >= SUCCESS_THRESHOLD) {
      label = OutcomeLabel.SUCCESS;
    } else if (pSuccess <= FAILURE_THRESHOLD) {
      label = OutcomeLabel.FAILURE;
    } else {
      label = OutcomeLabel.UNKNOWN;
    }
    return new Outcome(label, pSuccess, all);
  }

  /**
   * The outcome of a session of {@code agent}: for an interactive agent (Claude Code, Codex, Gemini
   * CLI) the evidence decides ({@link EvidenceVerdict}, pSuccess is kept beside it), otherwise
   * {@link #decide(List, double, Optional)}. A FAILURE that bought verified progress first gets a
   * {@link SignalKind#PARTIAL_SUCCESS} signal, unless an outcomes file decided it (its judge ran
   * the real tests, so the trace's own passing runs bought nothing it accepted).
   */
  public static Outcome decide(
      String agent,
      List<OutcomeSignal> signals,
      double pSuccess,
      Optional<OutcomeSignal> external) {
    // the model's rules above stay as they are: only the interactive label and the partial signal
    // are added here, so that this and the model's own changes to decide() merge cleanly
    Outcome o = decide(signals, pSuccess, external);
    if (external.isEmpty() && EvidenceVerdict.isInteractive(agent)) {
      o = new Outcome(EvidenceVerdict.label(signals), o.pSuccess(), o.signals());
    }
    if (external.isEmpty() && o.label() == OutcomeLabel.FAILURE) {
      Optional<OutcomeSignal> partial = EvidenceVerdict.partial(signals);
      if (partial.isPresent()) {
        List<OutcomeSignal> all = new ArrayList<>(o.signals());
        all.add(partial.get());
        all.sort(Comparator.comparingInt(s -> s.request() < 0 ? Integer.MAX_VALUE : s.request()));
        o = new Outcome(o.label(), o.pSuccess(), all);
      }
    }
    return o;
  }

  /** Whether a signal says something about the task (a loop: this runs for every session). */
  private static boolean anyInformative(List<OutcomeSignal> signals) {
    for (OutcomeSignal s : signals) {
      if (INFORMATIVE.contains(s.kind())) {
        return true;
      }
    }
    return false;
  }

  /** The strong evidence in {@code signals} (in request order), if any. */
  public static Evidence strongEvidence(List<OutcomeSignal> signals) {
    boolean lastPassed = false;
    boolean delivered = false;
    boolean pr = false;
    boolean endedFailing = false;
    boolean errorExit = false;
    boolean completed = false;
    for (OutcomeSignal s : signals) {
      switch (s.kind()) {
        case TESTS_PASSED:
          lastPassed = true;
          break;
        case TESTS_FAILED:
          lastPassed = false;
          break;
        case COMMIT:
        case PUSH:
          delivered = true;
          break;
        case PR_CREATED:
          delivered = true;
          pr = true;
          break;
        case ENDED_ON_FAILING_TESTS:
          endedFailing = true;
          break;
        case ERROR_EXIT:
          errorExit = true;
          break;
        case TASK_COMPLETED:
          completed = true;
          break;
        default:
          break;
      }
    }
    if ((lastPassed && delivered) || (pr && !endedFailing)) {
      return Evidence.STRONG_SUCCESS;
    }
    if ((errorExit && !completed) || (endedFailing && !delivered)) {
      return Evidence.STRONG_FAILURE;
    }
    return Evidence.NONE;
  }
}
