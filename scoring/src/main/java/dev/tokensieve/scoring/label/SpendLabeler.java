package dev.tokensieve.scoring.label;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.detect.CallIndex;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.report.LabelSpend;
import dev.tokensieve.core.report.Outcome;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import dev.tokensieve.core.report.SpendBreakdown;
import dev.tokensieve.scoring.outcome.OutcomeSignals;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Labels every token of every request exactly once: productive, inefficient or wasteful.
 *
 * <p>Stateless and thread-safe.
 */
public final class SpendLabeler {
  /*
   * Implementation notes.
   *
   * Per request i, with T tokens and C dollars, claims are granted in this order, each capped at
   * what is left of the request, so that nothing is counted twice and the three labels add up to
   * T and C:
   *
   *   1. WASTEFUL findings' charges (retry loops, redundant re-sends, API-error retries, ...), in
   *      the detectors' order; a charge's dollars shrink in proportion when its tokens are capped.
   *   2. The tail: in a session that failed or was abandoned (outcome not SUCCESS and it ended on
   *      an interrupt, an error exit or failing tests), every request after the last progress
   *      (an edit, a passing test run, a commit, a push, a PR) is wasteful, reason ABANDONED_TAIL.
   *   3. INEFFICIENT findings' charges (cache re-writes, growth tax, model overkill).
   *   4. The rest: productive, unless the session's outcome is FAILURE; then the rest bought
   *      nothing either and is wasteful with reason FAILED_OUTCOME (DESIGN.md: "productive: the
   *      rest, in a session whose outcome is not failure"). A failed session that bought verified
   *      progress first (a PARTIAL_SUCCESS signal at request k: a passing test run, a delivered
   *      change, the user's confirmation) keeps the rest of requests 0..k productive: only what
   *      came after its last verified progress bought nothing.
   *
   * The rest of a request's dollars is C minus what the claims took, so the per-request dollars
   * add up to C up to floating-point rounding (well under a micro-dollar per session).
   */

  private static final Set<SignalKind> PROGRESS =
      EnumSet.of(
          SignalKind.TESTS_PASSED,
          SignalKind.COMMIT,
          SignalKind.PUSH,
          SignalKind.PR_CREATED,
          SignalKind.CI_PASSED,
          SignalKind.USER_CONFIRMED);
  private static final Set<SignalKind> ABANDON =
      EnumSet.of(SignalKind.INTERRUPT, SignalKind.ERROR_EXIT, SignalKind.ENDED_ON_FAILING_TESTS);

  private SpendLabeler() {}

  /** Labels {@code priced}'s spend given its findings and outcome. */
  public static SpendLabels label(PricedSession priced, List<Finding> findings, Outcome outcome) {
    requireNonNull(priced, "priced");
    requireNonNull(outcome, "outcome");
    int n = priced.size();
    int lastProgress = lastProgress(priced, outcome.signals());
    int tailFrom = isAbandoned(outcome, lastProgress) ? lastProgress + 1 : n;

    List<List<Claim>> wasteful = claims(findings, SpendLabel.WASTEFUL, n);
    List<List<Claim>> inefficient = claims(findings, SpendLabel.INEFFICIENT, n);
    boolean failed = outcome.label() == OutcomeLabel.FAILURE;
    int partialUpTo = failed ? partialUpTo(outcome) : -1;

    Set<FindingKind> wastefulWhy = EnumSet.noneOf(FindingKind.class);
    Set<FindingKind> inefficientWhy = EnumSet.noneOf(FindingKind.class);
    long[] tokens = new long[3];
    double[] usd = new double[3];
    List<SpendLabels.Split> splits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Slice s = new Slice(priced.request(i).usage().total(), priced.cost(i));
      s.grant(wasteful.get(i), wastefulWhy);
      long wT = s.granted;
      double wC = s.grantedUsd;
      if (i >= tailFrom && (s.leftTokens > 0 || s.leftUsd > 0)) {
        wastefulWhy.add(FindingKind.ABANDONED_TAIL);
        wT += s.leftTokens;
        wC += s.leftUsd;
        s.takeAll();
      }
      s.granted = 0;
      s.grantedUsd = 0;
      s.grant(inefficient.get(i), inefficientWhy);
      long iT = s.granted;
      double iC = s.grantedUsd;
      long pT = 0;
      double pC = 0;
      if (failed && i > partialUpTo) {
        if (s.leftTokens > 0 || s.leftUsd > 0) {
          wastefulWhy.add(FindingKind.FAILED_OUTCOME);
        }
        wT += s.leftTokens;
        wC += s.leftUsd;
      } else {
        pT = s.leftTokens;
        pC = s.leftUsd;
      }
      splits.add(new SpendLabels.Split(pT, iT, wT, pC, iC, wC));
      tokens[0] += pT;
      tokens[1] += iT;
      tokens[2] += wT;
      usd[0] += pC;
      usd[1] += iC;
      usd[2] += wC;
    }
    SpendBreakdown breakdown =
        new SpendBreakdown(
            new LabelSpend(tokens[0], usd[0], List.of()),
            new LabelSpend(tokens[1], usd[1], List.copyOf(inefficientWhy)),
            new LabelSpend(tokens[2], usd[2], List.copyOf(wastefulWhy)));
    return new SpendLabels(breakdown, splits, lastProgress, Math.min(tailFrom, n));
  }

  /** The request up to which a failed session's spend bought verified progress; -1 if none. */
  static int partialUpTo(Outcome outcome) {
    int upTo = -1;
    for (OutcomeSignal sig : outcome.signals()) {
      if (sig.kind() == SignalKind.PARTIAL_SUCCESS) {
        upTo = Math.max(upTo, sig.request());
      }
    }
    return upTo;
  }

  /**
   * The last request that made progress: one that issued an edit, or at which a test run passed, a
   * commit, a push or a PR was recorded; -1 if none did.
   */
  static int lastProgress(PricedSession session, List<OutcomeSignal> signals) {
    int last = -1;
    CallIndex index = CallIndex.of(session);
    OutcomeSignals.Edits edits = OutcomeSignals.edits(session);
    for (int i = 0; i < index.size(); i++) {
      Step s = index.step(i);
      boolean edit = s.request() > last && (s instanceof Step.Edit || edits.at(i));
      if (edit) {
        last = s.request();
      }
    }
    for (OutcomeSignal sig : signals) {
      if (PROGRESS.contains(sig.kind())) {
        last = Math.max(last, sig.request());
      }
    }
    return last;
  }

  /**
   * Whether the session was abandoned or failed after its last progress: its outcome is not
   * SUCCESS, and it failed outright or ended on an interrupt, an error exit or failing tests
   * recorded after that progress.
   */
  static boolean isAbandoned(Outcome outcome, int lastProgress) {
    if (outcome.label() == OutcomeLabel.SUCCESS) {
      return false;
    }
    if (outcome.label() == OutcomeLabel.FAILURE) {
      return true;
    }
    for (OutcomeSignal sig : outcome.signals()) {
      if (ABANDON.contains(sig.kind()) && sig.request() >= lastProgress) {
        return true;
      }
    }
    return false;
  }

  private static List<List<Claim>> claims(List<Finding> findings, SpendLabel label, int n) {
    List<List<Claim>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>(0));
    }
    for (Finding f : findings) {
      if (f.label() != label) {
        continue;
      }
      for (Charge c : f.charges()) {
        if (c.request() < n) { // a charge past the last request is a detector bug: ignore it
          out.get(c.request()).add(new Claim(f.kind(), c.tokens(), c.costUsd()));
        }
      }
    }
    return out;
  }

  private record Claim(FindingKind kind, long tokens, double costUsd) {}

  /** What is left of one request while claims are granted. */
  private static final class Slice {
    long leftTokens;
    double leftUsd;
    long granted;
    double grantedUsd;

    Slice(long tokens, double usd) {
      this.leftTokens = tokens;
      this.leftUsd = usd;
    }

    void grant(List<Claim> claims, Set<FindingKind> why) {
      for (Claim c : claims) {
        long t = Math.min(c.tokens(), leftTokens);
        double share = c.tokens() == 0 ? 1 : (double) t / c.tokens();
        double usd = Math.min(c.costUsd() * share, leftUsd);
        if (t == 0 && usd <= 0) {
          continue;
        }
        why.add(c.kind());
        leftTokens -= t;
        leftUsd -= usd;
        granted += t;
        grantedUsd += usd;
      }
    }

    void takeAll() {
      leftTokens = 0;
      leftUsd = 0;
    }
  }
}
