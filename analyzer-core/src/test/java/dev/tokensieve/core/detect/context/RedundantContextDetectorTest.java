package dev.tokensieve.core.detect.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

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
  void detect_copyIsPricedAsTheVendorBilledIt_writeOnItsFirstCarrier_readAfter() {
    // Sonnet 4.5: input $3, cache write (5 min) $3.75, cache read $0.30 per million tokens
    PricedSession s =
        TraceBuilder.session("billed")
            .read("src/app.py", FILE, 9_000)
            .bash("ls src", "app.py")
            .read("src/app.py", FILE, 9_000)
            .bash("git status --short", "")
            .bash("git diff", "")
            .answer(100)
            .priced();
    // the builder bills new context as a cache write, carried context as a read
    assertThat(s.request(3).usage().cacheWrite5m()).isGreaterThanOrEqualTo(9_000);
    assertThat(s.request(4).usage().cacheRead()).isGreaterThanOrEqualTo(9_000);

    Finding f = detector.detect(s).get(0);

    assertThat(f.charges()).extracting(Charge::request).containsExactly(3, 4, 5);
    // request 3 wrote the copy to the cache: 9,000 x $3.75 / M
    assertThat(f.charges().get(0).costUsd()).isCloseTo(0.03375, offset(1e-9));
    // requests 4 and 5 read it: 9,000 x $0.30 / M each
    assertThat(f.charges().get(1).costUsd()).isCloseTo(0.0027, offset(1e-9));
    assertThat(f.charges().get(2).costUsd()).isCloseTo(0.0027, offset(1e-9));
    assertThat(f.costUsd()).isCloseTo(0.03915, offset(1e-9));
  }

  @Test
  void detect_withoutCaching_theCopyIsPricedAsInputOnEveryCarrier() {
    PricedSession s =
        TraceBuilder.session("uncached")
            .caching(false)
            .read("src/app.py", FILE, 9_000)
            .read("src/app.py", FILE, 9_000)
            .bash("ls", "")
            .answer(100)
            .priced();

    Finding f = detector.detect(s).get(0);

    // 9,000 x $3 / M on each of requests 2 and 3: no cache, so every copy is input
    assertThat(f.charges()).extracting(Charge::request).containsExactly(2, 3);
    assertThat(f.charges().get(0).costUsd()).isCloseTo(0.027, offset(1e-9));
    assertThat(f.charges().get(1).costUsd()).isCloseTo(0.027, offset(1e-9));
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
