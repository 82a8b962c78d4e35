package dev.tokensieve.core.detect.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tokensieve.core.detect.Amounts;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.testing.TraceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OversizedToolOutputDetectorTest {
  private final OversizedToolOutputDetector detector = new OversizedToolOutputDetector();

  @Test
  void detect_hugeOutput_chargesTheExcessUntilCompaction() {
    PricedSession s =
        TraceBuilder.session("huge")
            .turn(100)
            .call(dev.tokensieve.core.model.ToolKind.SHELL, "Bash", "cat build.log")
            .ok("BUILD FAILED", 40_000)
            .bash("ls", "build.log")
            .bash("pwd", "/repo")
            .compact()
            .bash("ls", "build.log")
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.label()).isEqualTo(SpendLabel.INEFFICIENT);
    assertThat(f.firstRequest()).isEqualTo(1);
    assertThat(f.lastRequest()).isEqualTo(2);
    assertThat(f.charges()).extracting(Charge::tokens).containsExactly(38_000L, 38_000L);
    // Sonnet 4.5 by hand: request 1 wrote the output to the cache (38,000 x $3.75 / M), request 2
    // read it (38,000 x $0.30 / M)
    assertThat(f.charges().get(0).costUsd()).isCloseTo(0.1425, within(1e-9));
    assertThat(f.charges().get(1).costUsd()).isCloseTo(0.0114, within(1e-9));
    assertThat(f.summary())
        .isEqualTo(
            "Bash `cat build.log` returned 40,000 tokens, carried by 2 requests: "
                + Amounts.usd(f.costUsd())
                + " for the part above 2,000 tokens");
    assertThat(f.evidence())
        .containsExactly(
            "first sent by request 1",
            "carried until request 2 (then the context was compacted): 76,000 tokens above the"
                + " kept 2,000");
  }

  @Test
  void detect_outputBelowThreshold_findsNothing() {
    PricedSession s = TraceBuilder.session("fine").read("a.py", "x", 9_000).answer(10).priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void new_keptAboveMin_failsWithTheValue() {
    assertThatThrownBy(() -> new OversizedToolOutputDetector(1_000, 2_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keptTokens must be in [0, 1000], was 2000");
  }
}
