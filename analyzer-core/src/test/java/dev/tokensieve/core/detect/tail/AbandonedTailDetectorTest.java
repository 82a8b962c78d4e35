package dev.tokensieve.core.detect.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.testing.TraceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AbandonedTailDetectorTest {
  private final AbandonedTailDetector detector = new AbandonedTailDetector();

  @Test
  void detect_failuresAfterTheLastEditThenInterrupt_claimsTheTail() {
    PricedSession s =
        TraceBuilder.session("abandoned")
            .edit("app.py", "a - b", "a + b")
            .bashFails("pytest", "1 failed")
            .read("app.py", "a + b")
            .bashFails("pytest -x", "1 failed")
            .interrupt()
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.charges()).extracting(Charge::request).containsExactly(1, 2, 3);
    assertThat(f.summary())
        .startsWith("after the last progress, 3 more requests ended with the user's interrupt: $");
    assertThat(f.evidence().get(0))
        .isEqualTo("last progress: edit of `app.py`, issued by request 0");
    assertThat(f.evidence().get(1)).startsWith("tail: requests 1-3, 2 failing results, ");
  }

  @Test
  void detect_passingTestThenSummary_findsNothing() {
    PricedSession s =
        TraceBuilder.session("done")
            .edit("app.py", "a - b", "a + b")
            .bash("pytest", "1 passed")
            .answer(200)
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_explorationAfterProgressWithoutFailure_findsNothing() {
    PricedSession s =
        TraceBuilder.session("explore")
            .edit("app.py", "a - b", "a + b")
            .bash("git commit -am fix", "[main 1a2b3c] fix")
            .read("README.md", "# app")
            .read("docs.md", "# docs")
            .glob("*.md", "README.md")
            .answer(100)
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_oneFailingRunAfterTheLastEdit_isATailOfOne() {
    PricedSession s =
        TraceBuilder.session("gave-up")
            .edit("app.py", "a - b", "a + b")
            .bashFails("pytest", "1 failed")
            .edit("app.py", "a + b", "a * b")
            .bashFails("pytest", "2 failed")
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).charges()).extracting(Charge::request).containsExactly(3);
    assertThat(findings.get(0).summary())
        .startsWith(
            "after the last progress, 1 more requests ended with a failing Bash `pytest`: $");
    assertThat(AbandonedTailDetector.DEFAULT_MIN_TAIL_REQUESTS).isEqualTo(1);
  }
}
