package dev.tokensieve.scoring.outcome;

import dev.tokensieve.core.report.Outcome;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.PSuccessBasis;
import dev.tokensieve.core.report.SignalKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
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

  /**
   * The outcome given the trace's signals, a bare pSuccess and an external outcome, by the rules in
   * the class comment (fixed thresholds; for callers that have no model estimate).
   */
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
   * The outcome given the trace's signals, the model's estimate and an external outcome.
   *
   * <ol>
   *   <li>an external outcome decides, and pSuccess becomes 1 or 0 ({@code EXTERNAL});
   *   <li>on an agent the model was trained on ({@code MODEL}), the label follows pSuccess through
   *       the validated bands: SUCCESS at or above {@link Estimate#successAt}, FAILURE at or below
   *       {@link Estimate#failureAt} (each band holds runs whose validation precision was at least
   *       85%), UNKNOWN between them;
   *   <li>on any other agent ({@code OUT_OF_DOMAIN}: the model learnt from autonomous SWE-bench
   *       runs, not from interactive sessions) the label follows the trace's evidence: for an
   *       interactive agent (Claude Code, Codex, Gemini CLI) {@link EvidenceVerdict}, which reads
   *       the user's word, delivery after passing tests and CI; for others {@link #strongEvidence};
   *       else UNKNOWN. pSuccess is kept, and the reason says that the label does not rest on it.
   * </ol>
   *
   * A FAILURE that bought verified progress first gets a {@link SignalKind#PARTIAL_SUCCESS} signal,
   * unless an outcomes file decided it (its judge ran the real tests, so the trace's own passing
   * runs bought nothing it accepted).
   *
   * <p>Every outcome carries a reason, so that a report never shows a confident pSuccess beside a
   * label that ignores it without saying why.
   */
  public static Outcome decide(
      String agent,
      List<OutcomeSignal> signals,
      Estimate estimate,
      Optional<OutcomeSignal> external) {
    Outcome o = byEvidence(agent, signals, estimate, external);
    return external.isEmpty() ? withPartial(o, signals) : o;
  }

  /** {@link #decide(String, List, Estimate, Optional)} for a session of an unnamed agent. */
  public static Outcome decide(
      List<OutcomeSignal> signals, Estimate estimate, Optional<OutcomeSignal> external) {
    return decide("", signals, estimate, external);
  }

  /**
   * {@link #decide(String, List, Estimate, Optional)} with a bare pSuccess: out of domain (no band)
   * for an interactive agent, the thresholds of {@link #decide(List, double, Optional)} for any
   * other.
   */
  public static Outcome decide(
      String agent,
      List<OutcomeSignal> signals,
      double pSuccess,
      Optional<OutcomeSignal> external) {
    if (EvidenceVerdict.isInteractive(agent)) {
      Estimate e =
          new Estimate(
              pSuccess,
              PSuccessBasis.OUT_OF_DOMAIN,
              Double.POSITIVE_INFINITY,
              Double.NaN,
              Double.NEGATIVE_INFINITY,
              Double.NaN);
      return decide(agent, signals, e, external);
    }
    Outcome o = decide(signals, pSuccess, external);
    return external.isEmpty() ? withPartial(o, signals) : o;
  }

  private static Outcome withPartial(Outcome o, List<OutcomeSignal> signals) {
    if (o.label() != OutcomeLabel.FAILURE) {
      return o;
    }
    Optional<OutcomeSignal> partial = EvidenceVerdict.partial(signals);
    if (partial.isEmpty()) {
      return o;
    }
    List<OutcomeSignal> all = new ArrayList<>(o.signals());
    all.add(partial.get());
    all.sort(Comparator.comparingInt(x -> x.request() < 0 ? Integer.MAX_VALUE : x.request()));
    return new Outcome(o.label(), o.pSuccess(), all, o.basis(), o.reason());
  }

  private static Outcome byEvidence(
      String agent,
      List<OutcomeSignal> signals,
      Estimate estimate,
      Optional<OutcomeSignal> external) {
    List<OutcomeSignal> all = new ArrayList<>(signals);
    if (external.isPresent()) {
      all.add(external.get());
      boolean ok = external.get().kind() == SignalKind.EXTERNAL_SUCCESS;
      return new Outcome(
          ok ? OutcomeLabel.SUCCESS : OutcomeLabel.FAILURE,
          ok ? 1 : 0,
          all,
          PSuccessBasis.EXTERNAL,
          "from the outcomes file: " + external.get().evidence());
    }
    double p = estimate.pSuccess();
    if (estimate.basis() == PSuccessBasis.MODEL) {
      if (p >= estimate.successAt()) {
        return new Outcome(
            OutcomeLabel.SUCCESS,
            p,
            all,
            PSuccessBasis.MODEL,
            String.format(
                Locale.ROOT,
                "pSuccess %.2f is in the success band (>= %.2f, %.0f%% precise on validation runs)",
                p,
                estimate.successAt(),
                100 * estimate.successPrecision()));
      }
      if (p <= estimate.failureAt()) {
        return new Outcome(
            OutcomeLabel.FAILURE,
            p,
            all,
            PSuccessBasis.MODEL,
            String.format(
                Locale.ROOT,
                "pSuccess %.2f is in the failure band (<= %.2f, %.0f%% precise on validation runs)",
                p,
                estimate.failureAt(),
                100 * estimate.failurePrecision()));
      }
      return new Outcome(
          OutcomeLabel.UNKNOWN,
          p,
          all,
          PSuccessBasis.MODEL,
          String.format(
              Locale.ROOT,
              "pSuccess %.2f lies between the failure band (<= %.2f) and the success band (>= %.2f),"
                  + " where validation runs went either way",
              p,
              estimate.failureAt(),
              estimate.successAt()));
    }
    String why =
        String.format(
            Locale.ROOT,
            "pSuccess %.2f is out of domain: the outcome model learnt from autonomous SWE-bench runs,"
                + " not from sessions of this agent, so ",
            p);
    if (EvidenceVerdict.isInteractive(agent)) {
      OutcomeLabel label = EvidenceVerdict.label(signals);
      return new Outcome(
          label,
          p,
          all,
          PSuccessBasis.OUT_OF_DOMAIN,
          why
              + switch (label) {
                case SUCCESS ->
                    "the label follows the trace: the user confirmed the work, or it"
                        + " was delivered after passing tests or CI";
                case FAILURE ->
                    "the label follows the trace: the user reported it still broken,"
                        + " or it ended on failing tests or CI with nothing delivered after";
                default ->
                    "the label waits for decisive evidence (the user's word, delivery after"
                        + " passing tests, CI), and the trace has none";
              });
    }
    Evidence e = strongEvidence(signals);
    if (e == Evidence.STRONG_SUCCESS) {
      return new Outcome(
          OutcomeLabel.SUCCESS,
          p,
          all,
          PSuccessBasis.OUT_OF_DOMAIN,
          why + "the label follows the trace: tests passed and the work was delivered");
    }
    if (e == Evidence.STRONG_FAILURE) {
      return new Outcome(
          OutcomeLabel.FAILURE,
          p,
          all,
          PSuccessBasis.OUT_OF_DOMAIN,
          why + "the label follows the trace: an error exit, or failing tests left undelivered");
    }
    return new Outcome(
        OutcomeLabel.UNKNOWN,
        p,
        all,
        PSuccessBasis.OUT_OF_DOMAIN,
        why + "the label waits for decisive evidence, and the trace has none");
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
