package dev.tokensieve.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.testing.CleanSessions;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

final class DetectorsPropertyTest {
  @RepeatedTest(300)
  void detectors_onCleanSessions_claimNothingAndStayWithinEachRequest(RepetitionInfo rep) {
    long seed = 0x5EED_0000L + rep.getCurrentRepetition();
    PricedSession s =
        new PricedSession(
            CleanSessions.next(new SplittableRandom(seed), "clean-" + seed), PriceBook.bundled());

    for (Detector d : Detectors.all()) {
      List<Finding> findings = d.detect(s);
      assertThat(findings).as("seed=%d detector=%s", seed, d.id()).isEmpty();
    }
  }

  @RepeatedTest(100)
  void detectors_onNoisySessions_neverThrowNorOverclaim(RepetitionInfo rep) {
    long seed = 0xBAD_0000L + rep.getCurrentRepetition();
    PricedSession s =
        new PricedSession(
            NoisySessions.next(new SplittableRandom(seed), "noisy-" + seed), PriceBook.bundled());

    for (Detector d : Detectors.all()) {
      List<Finding> findings = d.detect(s);
      long[] claimed = new long[s.size()];
      int previousFirst = -1;
      for (Finding f : findings) {
        assertThat(f.firstRequest())
            .as("seed=%d %s sorted", seed, d.id())
            .isGreaterThanOrEqualTo(previousFirst);
        previousFirst = f.firstRequest();
        for (Charge c : f.charges()) {
          claimed[c.request()] += c.tokens();
          assertThat(c.request()).isBetween(f.firstRequest(), f.lastRequest());
        }
      }
      for (int i = 0; i < s.size(); i++) {
        assertThat(claimed[i])
            .as("seed=%d detector=%s request=%d", seed, d.id(), i)
            .isLessThanOrEqualTo(s.request(i).usage().total());
      }
    }
  }

  @Test
  void detectors_onNoisySessions_findEveryKind() {
    java.util.EnumSet<dev.tokensieve.core.model.FindingKind> kinds =
        java.util.EnumSet.noneOf(dev.tokensieve.core.model.FindingKind.class);
    for (long seed = 0; seed < 200; seed++) {
      PricedSession s =
          new PricedSession(
              NoisySessions.next(new SplittableRandom(seed), "noisy-" + seed), PriceBook.bundled());
      for (Finding f : Detectors.run(Detectors.all(), s)) {
        kinds.add(f.kind());
      }
    }
    // the overclaim property above is only meaningful if the noise triggers every detector
    // (FAILED_OUTCOME is the labeller's reason for a failed session's remainder, not a detector's)
    assertThat(kinds)
        .containsExactlyInAnyOrderElementsOf(
            java.util.EnumSet.complementOf(
                java.util.EnumSet.of(dev.tokensieve.core.model.FindingKind.FAILED_OUTCOME)));
  }

  @Test
  void all_hasEveryDetectorOnceWithDistinctIds() {
    assertThat(Detectors.all()).extracting(Detector::id).doesNotHaveDuplicates().hasSize(8);
  }
}
