package dev.tokensieve.scoring.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.report.Outcome;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import dev.tokensieve.core.report.SpendBreakdown;
import dev.tokensieve.scoring.SyntheticSessions;
import dev.tokensieve.scoring.TestSessions;
import dev.tokensieve.scoring.outcome.OutcomeSignals;
import dev.tokensieve.scoring.outcome.OutcomeVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

final class SpendLabelerTest {
  private static final PriceBook PRICES = PriceBook.bundled();

  @RepeatedTest(200)
  void label_sumsExactly_onSyntheticSessionsWithRandomFindings(RepetitionInfo rep) {
    long seed = 0x5EED_0000L + rep.getCurrentRepetition();
    SplittableRandom r = new SplittableRandom(seed);
    Session s = SyntheticSessions.next(seed).session();
    PricedSession priced = new PricedSession(s, PRICES);
    List<Finding> findings = new ArrayList<>();
    for (int k = 0; k < r.nextInt(6); k++) { // overlapping, over-claiming findings on purpose
      int first = r.nextInt(priced.size());
      int last = first + r.nextInt(priced.size() - first);
      List<Charge> charges = new ArrayList<>();
      for (int i = first; i <= last; i++) {
        long t = (long) (priced.request(i).usage().total() * r.nextDouble() * 1.5);
        charges.add(new Charge(i, t, priced.cost(i) * r.nextDouble() * 1.5));
      }
      FindingKind kind = FindingKind.values()[r.nextInt(7)];
      SpendLabel label = r.nextBoolean() ? SpendLabel.WASTEFUL : SpendLabel.INEFFICIENT;
      findings.add(new Finding(kind, first, last, label, "x", List.of(), charges));
    }
    OutcomeLabel verdict = OutcomeLabel.values()[r.nextInt(3)];
    Outcome outcome = new Outcome(verdict, 0.5, OutcomeSignals.read(s));
    SpendLabels labels = SpendLabeler.label(priced, findings, outcome);

    SpendBreakdown b = labels.breakdown();
    assertThat(b.tokens()).as("seed=%d", seed).isEqualTo(s.usage().total());
    assertThat(b.costUsd()).as("seed=%d", seed).isCloseTo(priced.totalCost(), within(1e-6));
    for (int i = 0; i < priced.size(); i++) {
      SpendLabels.Split split = labels.requests().get(i);
      assertThat(split.totalTokens())
          .as("seed=%d request %d", seed, i)
          .isEqualTo(priced.request(i).usage().total());
      assertThat(split.totalUsd())
          .as("seed=%d request %d", seed, i)
          .isCloseTo(priced.cost(i), within(1e-9));
      assertThat(split.productiveUsd()).isGreaterThanOrEqualTo(-1e-12);
    }
    if (verdict == OutcomeLabel.FAILURE) {
      assertThat(b.productive().tokens()).as("seed=%d", seed).isZero();
    }
  }

  @Test
  void label_cleanSuccessfulSession_isAllProductive() {
    Session s =
        TestSessions.session("clean")
            .request(1000, 0, 100)
            .edit("a.py")
            .request(100, 1000, 100)
            .shell("pytest", "5 passed in 0.1s", 0)
            .request(100, 1200, 100)
            .shell("git commit -m x", "[main abc1234] x", 0)
            .build();
    PricedSession priced = new PricedSession(s, PRICES);
    Outcome ok = new Outcome(OutcomeLabel.SUCCESS, 0.9, OutcomeSignals.read(s));
    SpendBreakdown b = SpendLabeler.label(priced, List.of(), ok).breakdown();
    assertThat(b.productive().tokens()).isEqualTo(s.usage().total());
    assertThat(b.wasteful().tokens()).isZero();
    assertThat(b.inefficient().tokens()).isZero();
  }

  @Test
  void label_sessionEndingInRetryLoopAndInterrupt_isMostlyWasteful() {
    TestSessions t = TestSessions.session("loop").request(1000, 0, 100).edit("a.py");
    for (int i = 0; i < 8; i++) {
      t.request(100, 1000 + 200 * i, 100).shell("pytest", "1 failed in 0.1s", 1);
    }
    Session s = t.interrupt().build();
    PricedSession priced = new PricedSession(s, PRICES);
    Outcome unknown = new Outcome(OutcomeLabel.UNKNOWN, 0.5, OutcomeSignals.read(s));
    SpendLabels labels = SpendLabeler.label(priced, List.of(), unknown);
    assertThat(labels.lastProgressRequest()).isZero();
    assertThat(labels.tailFrom()).isEqualTo(1);
    SpendBreakdown b = labels.breakdown();
    assertThat((double) b.wasteful().tokens() / s.usage().total()).isGreaterThan(0.5);
    assertThat(b.wasteful().reasons()).containsExactly(FindingKind.ABANDONED_TAIL);
  }

  @Test
  void label_failedSession_remainderIsWastefulWithFailedOutcome() {
    Session s = TestSessions.session("f").request(1000, 0, 100).edit("a.py").build();
    PricedSession priced = new PricedSession(s, PRICES);
    Outcome failed = new Outcome(OutcomeLabel.FAILURE, 0.1, List.of());
    SpendBreakdown b = SpendLabeler.label(priced, List.of(), failed).breakdown();
    assertThat(b.wasteful().tokens()).isEqualTo(1100);
    assertThat(b.wasteful().reasons()).containsExactly(FindingKind.FAILED_OUTCOME);
  }

  @Test
  void label_failedAfterAPassingFix_keepsTheFixProductive_andOnlyTheRestIsWasteful() {
    // the user's bug fixed and tested at request 1, then a failing run at the end
    Session s =
        TestSessions.session("partial")
            .request(1000, 0, 100)
            .edit("a.py")
            .request(100, 1000, 100)
            .shell("pytest", "5 passed in 0.1s", 0)
            .request(100, 1200, 100)
            .edit("b.py")
            .request(100, 1400, 100)
            .shell("pytest", "1 failed, 5 passed in 0.1s", 1)
            .build();
    PricedSession priced = new PricedSession(s, PRICES);
    Outcome failed =
        OutcomeVerdict.decide("claude-code", OutcomeSignals.read(s), 0.5, Optional.empty());
    assertThat(failed.label()).isEqualTo(OutcomeLabel.FAILURE);
    assertThat(failed.signals())
        .extracting(OutcomeSignal::kind)
        .contains(SignalKind.PARTIAL_SUCCESS);
    SpendLabels labels = SpendLabeler.label(priced, List.of(), failed);
    SpendBreakdown b = labels.breakdown();
    long upToFix = priced.request(0).usage().total() + priced.request(1).usage().total();
    assertThat(b.productive().tokens()).isEqualTo(upToFix);
    assertThat(b.wasteful().tokens()).isEqualTo(s.usage().total() - upToFix);
    assertThat(b.productive().tokens() + b.inefficient().tokens() + b.wasteful().tokens())
        .isEqualTo(s.usage().total());
    assertThat(b.productive().costUsd() + b.inefficient().costUsd() + b.wasteful().costUsd())
        .isCloseTo(priced.totalCost(), within(1e-6));
  }

  @Test
  void label_cacheRewriteAndGrowthTax_landInInefficient_cappedAtTheRequest() {
    Session s =
        TestSessions.session("cache")
            .request(new Usage(100, 5000, 0, 0, 100, 0))
            .edit("a.py")
            .request(new Usage(100, 0, 0, 5000, 100, 0))
            .build();
    PricedSession priced = new PricedSession(s, PRICES);
    Finding miss =
        new Finding(
            FindingKind.CACHE_MISS,
            0,
            0,
            SpendLabel.INEFFICIENT,
            "cache expired",
            List.of(),
            List.of(new Charge(0, 5000, 0.01)));
    Finding growth =
        new Finding(
            FindingKind.CONTEXT_GROWTH,
            1,
            1,
            SpendLabel.INEFFICIENT,
            "growth",
            List.of(),
            List.of(new Charge(1, 9000, 0.5))); // claims more than the request has
    Finding loop =
        new Finding(
            FindingKind.RETRY_LOOP,
            1,
            1,
            SpendLabel.WASTEFUL,
            "loop",
            List.of(),
            List.of(new Charge(1, 1000, 0.0001)));
    Outcome ok = new Outcome(OutcomeLabel.SUCCESS, 0.9, List.of());
    SpendLabels labels = SpendLabeler.label(priced, List.of(miss, loop, growth), ok);
    assertThat(labels.requests().get(0).inefficientTokens()).isEqualTo(5000);
    assertThat(labels.requests().get(0).inefficientUsd()).isCloseTo(0.01, within(1e-12));
    assertThat(labels.requests().get(1).wastefulTokens()).isEqualTo(1000);
    assertThat(labels.requests().get(1).inefficientTokens()).isEqualTo(4200);
    assertThat(labels.requests().get(1).productiveTokens()).isZero();
    assertThat(labels.requests().get(1).inefficientUsd())
        .isCloseTo(priced.cost(1) - 0.0001, within(1e-12));
    assertThat(labels.breakdown().inefficient().reasons())
        .containsExactly(FindingKind.CONTEXT_GROWTH, FindingKind.CACHE_MISS);
  }
}
