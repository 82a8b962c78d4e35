package dev.tokensieve.core.detect.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.report.Growth;
import dev.tokensieve.core.testing.TraceBuilder;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

final class GrowthDetectorTest {
  private final GrowthDetector detector = new GrowthDetector();

  private static PricedSession growing(int requests, long perRequest) {
    TraceBuilder b = TraceBuilder.session("grow");
    for (int i = 0; i < requests; i++) {
      b.read("src/f" + i + ".py", "content " + i, perRequest);
    }
    return b.answer(100).priced();
  }

  @Test
  void detect_linearGrowth_findsTheTaxAndTheBestPoint() {
    PricedSession s = growing(60, 3_000);

    List<Finding> findings = detector.detect(s);
    Growth g = detector.fit(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.label()).isEqualTo(SpendLabel.INEFFICIENT);
    assertThat(g.quadratic()).isTrue();
    assertThat(g.r2()).isGreaterThan(0.99);
    assertThat(g.slopeTokensPerRequest()).isCloseTo(3_150, Offset.offset(5.0));
    assertThat(g.bestCompactionRequest()).isBetween(20, 40);
    assertThat(f.firstRequest()).isEqualTo(g.bestCompactionRequest() + 1);
    assertThat(f.lastRequest()).isEqualTo(60);
    // the finding claims the gross tax; the saving nets out the compaction's own cost
    assertThat(g.compactionSavingUsd()).isLessThan(f.costUsd()).isGreaterThan(0);
    for (Charge c : f.charges()) {
      assertThat(c.tokens()).isLessThanOrEqualTo(s.request(c.request()).usage().context());
    }
    assertThat(f.summary())
        .startsWith(
            "context grew by 3,150 tokens a request over 61 requests (R² 1.00);"
                + " compacting after request "
                + g.bestCompactionRequest()
                + " would have saved $");
    assertThat(f.evidence().get(0)).startsWith("fit: context ≈ ");
  }

  @Test
  void detect_shortSession_findsNothing() {
    PricedSession s = growing(10, 3_000);

    assertThat(detector.detect(s)).isEmpty();
    assertThat(detector.fit(s).quadratic()).isFalse();
    assertThat(detector.fit(s).slopeTokensPerRequest()).isGreaterThan(0);
  }

  @Test
  void detect_slowGrowthOnALargePrompt_findsNothing() {
    TraceBuilder b = TraceBuilder.session("flat").systemPrompt(40_000);
    for (int i = 0; i < 40; i++) {
      b.bash("ls src/m" + i, "a.py");
    }
    assertThat(detector.detect(b.priced())).isEmpty();
  }

  /** 48 requests reading {@code perRequest} tokens each on a 1k prompt, cached or not. */
  private static PricedSession swebenchShaped(long perRequest, boolean caching) {
    TraceBuilder b = TraceBuilder.session("swe").systemPrompt(1_000).caching(caching);
    for (int i = 0; i < 48; i++) {
      b.read("src/f" + i + ".py", "content " + i, perRequest);
    }
    return b.answer(100).priced();
  }

  @Test
  void detect_growthWhoseCompactionSavesCents_findsNothing() {
    // the shape of the SWE-bench runs in the real-session truth set: a cached prompt growing by
    // about 600 tokens a request to near 40k, where compacting would save under 3% of the bill
    PricedSession cached = swebenchShaped(600, true);

    assertThat(detector.fit(cached).compactionSavingUsd())
        .isLessThan(GrowthDetector.MIN_SAVING_SHARE * cached.totalCost());
    assertThat(detector.detect(cached)).isEmpty();
    assertThat(detector.fit(cached).quadratic()).isFalse();
  }

  @Test
  void detect_growthThatStaysUnder50k_findsNothing_andAbove_isFound() {
    // uncached, so that compacting saves a material share either way
    PricedSession small = swebenchShaped(600, false);
    PricedSession large = swebenchShaped(1_200, false);

    assertThat(small.request(small.size() - 1).usage().context())
        .isLessThan(GrowthDetector.MIN_PEAK_CONTEXT);
    assertThat(detector.fit(small).compactionSavingUsd())
        .isGreaterThan(GrowthDetector.MIN_SAVING_SHARE * small.totalCost());
    assertThat(detector.detect(small)).isEmpty();
    assertThat(large.request(large.size() - 1).usage().context())
        .isGreaterThan(GrowthDetector.MIN_PEAK_CONTEXT);
    assertThat(detector.detect(large)).hasSize(1);
  }

  @Test
  void fit_tooFewRequests_isNone() {
    PricedSession s = TraceBuilder.session("one").answer(10).priced();

    assertThat(detector.fit(s)).isEqualTo(Growth.NONE);
  }

  @Test
  void new_taxFractionAboveOne_failsWithTheValue() {
    assertThatThrownBy(() -> new GrowthDetector(20, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minTaxFraction must be in [0, 1], was 1.5");
  }
}
