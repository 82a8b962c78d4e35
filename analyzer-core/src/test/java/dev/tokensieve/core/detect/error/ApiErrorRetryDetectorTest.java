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
  void detect_unbilledErrorsAfterAnAnsweredRequest_reportTheRetryAndClaimNothing() {
    PricedSession s =
        TraceBuilder.session("unbilled")
            .bash("ls", "a.py")
            .apiError("API Error: 500")
            .apiError("API Error: 500")
            .apiError("API Error: 500")
            .bash("cat a.py", "x = 1")
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.firstRequest()).isEqualTo(1);
    assertThat(f.lastRequest()).isEqualTo(1);
    assertThat(f.charges()).isEmpty();
    assertThat(f.summary())
        .isEqualTo(
            "3 API errors (`API Error: 500`) before request 1 got through;"
                + " the failed calls were not billed");
    assertThat(f.evidence())
        .containsExactly("last request before the errors: 0", "retried successfully by request 1");
  }

  @Test
  void detect_errorsSeparatedByASuccessfulRequest_areTwoEpisodes() {
    PricedSession s =
        TraceBuilder.session("two")
            .bash("ls", "a.py")
            .apiError("API Error: 529")
            .bash("cat a.py", "x = 1")
            .apiError("API Error: 529")
            .bash("cat b.py", "y = 1")
            .priced();

    assertThat(detector.detect(s)).extracting(Finding::firstRequest).containsExactly(1, 2);
  }

  @Test
  void detect_errorThatEndsTheSession_coversTheLastRequest() {
    PricedSession s =
        TraceBuilder.session("ended").bash("ls", "a.py").apiError("API Error: 529").priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).firstRequest()).isZero();
    assertThat(findings.get(0).summary())
        .isEqualTo(
            "1 API error (`API Error: 529`) and the session ended; the failed calls were not billed");
  }

  @Test
  void detect_sessionWithoutErrors_findsNothing() {
    PricedSession s =
        TraceBuilder.session("clean").bash("ls", "a.py").bash("cat a.py", "x = 1").priced();

    assertThat(detector.detect(s)).isEmpty();
  }
}
