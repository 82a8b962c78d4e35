package dev.tokensieve.core.price;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.detect.Timeline;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.testing.CleanSessions;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class PricedSessionTest {
  private final PricedSession session =
      new PricedSession(CleanSessions.next(new SplittableRandom(1), "s"), PriceBook.bundled());

  @Test
  void derived_isComputedOncePerTypeAndKept() {
    AtomicInteger calls = new AtomicInteger();

    String first = session.derived(String.class, s -> "v" + calls.incrementAndGet());
    String second = session.derived(String.class, s -> "v" + calls.incrementAndGet());

    assertThat(first).isEqualTo("v1").isSameAs(second);
    assertThat(session.derived(Integer.class, s -> s.size())).isEqualTo(session.size());
  }

  @Test
  void timeline_ofOneSession_isBuiltOnceForEveryDetector() {
    assertThat(Timeline.of(session)).isSameAs(Timeline.of(session));
    assertThat(Timeline.of(session).session()).isSameAs(session);
  }

  @Test
  void cost_ofEveryRequest_isItsReportedCostOrItsModelsPrice() {
    for (int i = 0; i < session.size(); i++) {
      Request r = session.request(i);
      Double reported = r.reportedCostUsd();
      double expected =
          reported != null
              ? reported
              : session.prices().find(r.model()).map(p -> p.cost(r.usage())).orElse(0.0);

      assertThat(session.cost(i)).as("request %d", i).isEqualTo(expected);
    }
  }
}
