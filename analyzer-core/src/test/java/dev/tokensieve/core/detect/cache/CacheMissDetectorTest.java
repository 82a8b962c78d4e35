package dev.tokensieve.core.detect.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.detect.Amounts;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.testing.TraceBuilder;
import java.time.Duration;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

final class CacheMissDetectorTest {
  private final CacheMissDetector detector = new CacheMissDetector();

  @Test
  void detect_pauseLongerThanTheCache_chargesTheRewriteAgainstARead() {
    PricedSession s =
        TraceBuilder.session("pause")
            .read("a.py", "x", 5_000)
            .bash("ls", "a.py")
            .pauseMinutes(17)
            .user("continue")
            .bash("pwd", "/repo")
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    long rewritten = s.request(1).usage().context();
    assertThat(f.label()).isEqualTo(SpendLabel.INEFFICIENT);
    assertThat(f.firstRequest()).isEqualTo(2);
    assertThat(f.tokens()).isEqualTo(rewritten);
    double write = s.costOf(2, new Usage(0, rewritten, 0, 0, 0, 0));
    double read = s.costOf(2, new Usage(0, 0, 0, rewritten, 0, 0));
    assertThat(f.costUsd()).isCloseTo(write - read, Offset.offset(1e-12));
    assertThat(f.summary())
        .isEqualTo(
            "re-wrote "
                + Amounts.tokens(rewritten)
                + " cached tokens after a 17 min pause (the 5-minute cache expired): "
                + Amounts.usd(write)
                + " instead of "
                + Amounts.usd(read)
                + " as a read");
  }

  @Test
  void detect_modelSwitch_namesBothModels() {
    PricedSession s =
        TraceBuilder.session("switch")
            .bash("ls", "a.py")
            .model(TraceBuilder.OPUS)
            .bash("pwd", "/repo")
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).summary())
        .contains("after a model switch from " + TraceBuilder.SONNET + " to " + TraceBuilder.OPUS);
  }

  @Test
  void detect_warmCacheAndCompaction_findNothing() {
    PricedSession s =
        TraceBuilder.session("warm")
            .read("a.py", "x", 5_000)
            .pauseMinutes(4)
            .bash("ls", "a.py")
            .compact()
            .bash("pwd", "/repo")
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_harnessRewriteAfterTheSystemPrompt_isTheAgentsNotTheUsers() {
    // as in a real Claude Code session: the first request reads the 16,496-token system prompt and
    // tools cached by earlier sessions; a later one, with no pause, reads only that again and
    // re-writes the whole conversation after it
    PricedSession s =
        TraceBuilder.session("harness")
            .request(new Usage(10, 19_290, 0, 16_496, 6, 0))
            .request(new Usage(8, 2_285, 0, 35_786, 1, 0))
            .request(new Usage(3, 30_281, 0, 16_496, 5, 0))
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.firstRequest()).isEqualTo(2);
    assertThat(f.summary())
        .contains(
            "with no pause and the same model (the agent's harness re-sent everything after the"
                + " 16,496 tokens of system prompt and tools it read)");
    assertThat(f.evidence())
        .last()
        .asString()
        .startsWith("caused by the agent's harness, not the user");
  }

  @Test
  void detect_rewriteAfterAnEditedClaudeMd_isTheUsersToAvoid() {
    PricedSession s =
        TraceBuilder.session("instructions")
            .request(new Usage(10, 19_290, 0, 16_496, 6, 0))
            .edit("/repo/CLAUDE.md", "Use tabs", "Use spaces")
            .request(new Usage(3, 30_281, 0, 5_000, 5, 0))
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).isNotEmpty();
    Finding f = findings.get(findings.size() - 1);
    assertThat(f.summary()).contains("after an instructions file was edited");
    assertThat(f.evidence()).last().asString().startsWith("avoidable by the user");
  }

  @Test
  void detect_changedPrefixWithoutPause_isNamed() {
    PricedSession s =
        TraceBuilder.session("prefix")
            .request(new Usage(3, 20_000, 0, 0, 100, 0))
            .request(new Usage(3, 20_500, 0, 0, 100, 0))
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).summary())
        .contains("with no pause and the same model (the cached prefix changed)");
    assertThat(findings.get(0).tokens()).isEqualTo(20_003L - 0);
  }

  @Test
  void detect_implicitCacheDroppedAfterAPause_chargesTheUncachedResend() {
    PricedSession s =
        TraceBuilder.session("codex-pause")
            .request(new Usage(20_000, 0, 0, 0, 100, 0))
            .request(new Usage(600, 0, 0, 19_968, 100, 0))
            .pauseMinutes(12)
            .request(new Usage(21_000, 0, 0, 0, 100, 0))
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.firstRequest()).isEqualTo(2);
    assertThat(f.tokens()).isEqualTo(19_968L);
    double sent = s.costOf(2, new Usage(19_968, 0, 0, 0, 0, 0));
    double read = s.costOf(2, new Usage(0, 0, 0, 19_968, 0, 0));
    assertThat(f.costUsd()).isCloseTo(sent - read, Offset.offset(1e-12));
    assertThat(f.summary())
        .startsWith("re-sent uncached 19,968 cached tokens after a ")
        .contains(" pause (the 5-minute cache expired): ");
  }

  @Test
  void detect_implicitCacheLaggingOrDroppingWithoutCause_findsNothing() {
    PricedSession s =
        TraceBuilder.session("codex-lag")
            .request(new Usage(20_000, 0, 0, 0, 100, 0))
            // reads less than the previous request sent: the newest part is not cached yet
            .request(new Usage(8_000, 0, 0, 12_032, 100, 0))
            // reads less than the previous request read, with no pause: the vendor's routing
            .request(new Usage(16_000, 0, 0, 4_096, 100, 0))
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_resumedSessionAfterTheCacheExpired_comparesWithTheReplayedRequest() {
    TraceBuilder b = TraceBuilder.session("resumed").request(new Usage(3, 31_000, 0, 0, 100, 0));
    Session plain = b.build();
    Request first = plain.requests().get(0);
    Request replayed =
        new Request(
            "earlier:1",
            first.at().minus(Duration.ofHours(3)),
            first.model(),
            Request.MAIN_AGENT,
            new Usage(3, 500, 0, 29_000, 200, 0),
            null);
    PricedSession s =
        new PricedSession(plain.toBuilder().replayed(replayed).build(), PriceBook.bundled());

    List<Finding> findings = detector.detect(s);

    assertThat(detector.detect(new PricedSession(plain, PriceBook.bundled()))).isEmpty();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).firstRequest()).isZero();
    assertThat(findings.get(0).summary())
        .contains("after a 180 min pause (the 5-minute cache expired)");
    assertThat(findings.get(0).evidence().get(0))
        .startsWith("the last request replayed from the resumed session earlier:1 at ");
  }
}
