package dev.tokensieve.core.detect.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.detect.Amounts;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.testing.TraceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RedundantContextDetectorTest {
  private static final String FILE = "def add(a, b):\n    return a - b\n".repeat(200);

  private final RedundantContextDetector detector = new RedundantContextDetector();

  @Test
  void detect_fileReadAgainUnchanged_chargesTheCopyOnEveryLaterRequest() {
    PricedSession s =
        TraceBuilder.session("reread")
            .read("src/app.py", FILE, 3_000)
            .bash("ls src", "app.py")
            .read("src/app.py", FILE, 3_000)
            .bash("git status --short", "")
            .answer(100)
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.label()).isEqualTo(SpendLabel.WASTEFUL);
    // the copy is first sent by request 3 and carried by 4
    assertThat(f.charges()).extracting(Charge::request).containsExactly(3, 4);
    assertThat(f.charges()).extracting(Charge::tokens).containsExactly(3_000L, 3_000L);
    // request 4 read the copy from cache: priced at its cache-read rate
    assertThat(f.charges().get(1).costUsd())
        .isCloseTo(
            s.costOf(4, new Usage(0, 0, 0, 3_000, 0, 0)),
            org.assertj.core.data.Offset.offset(1e-12));
    assertThat(f.summary())
        .isEqualTo(
            "read `src/app.py` 2 times with no change: 1 extra copy of 3,000 tokens re-sent on 2"
                + " requests, "
                + Amounts.usd(f.costUsd()));
    assertThat(f.evidence())
        .containsExactly(
            "first sent by request 1",
            "sent again by requests 3",
            "copies carried until request 4 (end of session): 6,000 tokens");
  }

  @Test
  void detect_fileEditedBetweenReads_findsNothing() {
    PricedSession s =
        TraceBuilder.session("edited")
            .read("src/app.py", FILE, 3_000)
            .edit("src/app.py", "return a - b", "return a + b")
            .read("src/app.py", FILE.replace("a - b", "a + b"), 3_000)
            .answer(100)
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_reReadAfterCompaction_findsNothing() {
    PricedSession s =
        TraceBuilder.session("compacted")
            .read("src/app.py", FILE, 3_000)
            .bash("ls", "src")
            .compact()
            .read("src/app.py", FILE, 3_000)
            .answer(100)
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_smallOutputs_areIgnored() {
    PricedSession s =
        TraceBuilder.session("small")
            .read("README.md", "# demo", 100)
            .read("README.md", "# demo", 100)
            .answer(100)
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_sameTestFailureAfterAnEdit_isNotRedundant() {
    PricedSession s =
        TraceBuilder.session("test")
            .bashFails("pytest", FILE)
            .edit("src/app.py", "return a - b", "return a * b")
            .bashFails("pytest", FILE)
            .answer(100)
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_neverClaimsMoreThanAContext() {
    TraceBuilder b = TraceBuilder.session("many").caching(false);
    for (int i = 0; i < 6; i++) {
      b.read("big.txt", FILE, 3_000);
    }
    PricedSession s = b.answer(10).priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    for (Charge c : findings.get(0).charges()) {
      assertThat(c.tokens()).isLessThanOrEqualTo(s.request(c.request()).usage().context());
    }
    // request 6 carries 5 extra copies
    assertThat(findings.get(0).charges().get(findings.get(0).charges().size() - 1).tokens())
        .isEqualTo(15_000L);
  }
}
