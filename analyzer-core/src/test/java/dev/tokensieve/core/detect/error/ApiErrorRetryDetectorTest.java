package dev.tokensieve.core.detect.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.detect.Amounts;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.testing.TraceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ApiErrorRetryDetectorTest {
  private final ApiErrorRetryDetector detector = new ApiErrorRetryDetector();

  @Test
  void detect_billedRequestLostToAnError_isClaimed() {
    PricedSession s =
        TraceBuilder.session("lost")
            .bash("ls", "a.py")
            .turn(900)
            .apiError("API Error: 529 overloaded_error")
            .apiError("API Error: 529 overloaded_error")
            .bash("cat a.py", "x = 1")
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.charges()).extracting(Charge::request).containsExactly(1);
    assertThat(f.summary())
        .isEqualTo(
            "2 API errors (`API Error: 529 overloaded_error`) lost 1 billed request: "
                + Amounts.usd(s.cost(1)));
    assertThat(f.evidence())
        .containsExactly("lost requests: 1", "retried successfully by request 2");
  }

  @Test
  void detect_unbilledErrorAfterAnAnsweredRequest_findsNothing() {
    PricedSession s =
        TraceBuilder.session("unbilled")
            .bash("ls", "a.py")
            .apiError("API Error: 500")
            .bash("cat a.py", "x = 1")
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }
}
