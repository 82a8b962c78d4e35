package dev.tokensieve.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

final class StepTest {
  private static final Instant AT = Instant.parse("2026-09-01T09:00:00Z");

  private static Step.ToolResult result(String excerpt) {
    return new Step.ToolResult(AT, 3, "main", "call-1", false, 0, 12, "d1", excerpt);
  }

  private static Step.ToolResult result(Supplier<String> later) {
    return new Step.ToolResult(AT, 3, "main", "call-1", false, 0, 12, "d1", later);
  }

  @Test
  void aLazyExcerpt_isMadeOnFirstRead_once() {
    AtomicInteger made = new AtomicInteger();
    Step.ToolResult r =
        result(
            () -> {
              made.incrementAndGet();
              return "out";
            });
    assertThat(r.digest()).isEqualTo("d1");
    assertThat(made).hasValue(0);
    assertThat(r.excerpt()).isEqualTo("out");
    assertThat(r.excerpt()).isEqualTo("out");
    assertThat(made).hasValue(1);
  }

  @Test
  void aLazyResult_equalsAndPrintsAsTheEagerOne_likeARecord() {
    Step.ToolResult eager = result("out");
    Step.ToolResult lazy = result(() -> "out");
    assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager);
    assertThat(lazy.toString())
        .isEqualTo(eager.toString())
        .isEqualTo(
            "ToolResult[at=2026-09-01T09:00:00Z, request=3, agentId=main, callId=call-1,"
                + " isError=false, exitCode=0, tokens=12, digest=d1, excerpt=out]");
    assertThat(result("other")).isNotEqualTo(eager);
    assertThat(new Step.ToolResult(AT, 3, "main", "call-1", true, 0, 12, "d1", "out"))
        .isNotEqualTo(eager);
  }

  @Test
  void fieldsAreRequired_andAMadeExcerptMustBeText() {
    assertThatThrownBy(() -> result((String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("excerpt");
    assertThatThrownBy(() -> result(() -> null).excerpt())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("excerpt");
    assertThatThrownBy(() -> new Step.ToolResult(AT, 0, "main", null, false, null, 0, "d", "e"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("callId");
  }
}
