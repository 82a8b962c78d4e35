package dev.tokensieve.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SessionId;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import java.time.Instant;
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
}
