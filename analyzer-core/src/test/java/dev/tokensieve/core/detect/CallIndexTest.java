package dev.tokensieve.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SessionId;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

final class CallIndexTest {
  private static final Instant AT = Instant.parse("2026-09-01T09:00:00Z");

  private static Step.ToolCall call(String id, String command) {
    return new Step.ToolCall(
        AT, -1, Request.MAIN_AGENT, id, "Bash", ToolKind.SHELL, command, "d-" + command);
  }

  private static Step.ToolResult result(String id) {
    return new Step.ToolResult(AT, -1, Request.MAIN_AGENT, id, false, 0, 1, "digest", "out");
  }

  @Test
  void callOf_isTheLatestCallWithTheResultsIdBeforeIt() {
    Session s =
        Session.builder(new SessionId("s"), "claude-code")
            .step(call("a", "ls")) // 0
            .step(result("a")) // 1
            .step(call("a", "pwd")) // 2: the id again
            .step(result("a")) // 3
            .step(result("b")) // 4: no call
            .step(result("c")) // 5: its call comes later
            .step(call("c", "make")) // 6
            .build();

    CallIndex index = CallIndex.of(s);

    assertThat(index.size()).isEqualTo(7);
    assertThat(index.step(2)).isSameAs(s.steps().get(2));
    assertThat(
            new int[] {
              index.callAt(0), index.callAt(1), index.callAt(3), index.callAt(4), index.callAt(5)
            })
        .containsExactly(-1, 0, 2, -1, -1);
    assertThat(index.callOf(3)).isSameAs(s.steps().get(2));
    assertThat(index.callOf(4)).isNull();
  }

  @RepeatedTest(20)
  void callAt_agreesWithAMapOfCallsById(RepetitionInfo rep) {
    long seed = 0xCA11_0000L + rep.getCurrentRepetition();
    SplittableRandom random = new SplittableRandom(seed);
    Session.Builder b = Session.builder(new SessionId("s"), "claude-code");
    int steps = 50 + random.nextInt(400);
    int ids = 1 + random.nextInt(60); // few ids: repeated ids, results far from their calls
    for (int i = 0; i < steps; i++) {
      String id = "toolu_01" + random.nextInt(ids);
      b.step(random.nextInt(3) == 0 ? call(id, "ls") : result(id));
    }
    Session s = b.build();

    CallIndex index = CallIndex.of(s);

    int[] expected = CallIndex.callsByMap(s);
    for (int i = 0; i < expected.length; i++) {
      assertThat(index.callAt(i)).as("seed=%d step %d", seed, i).isEqualTo(expected[i]);
    }
  }
}
