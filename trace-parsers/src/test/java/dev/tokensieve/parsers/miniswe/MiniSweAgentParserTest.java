package dev.tokensieve.parsers.miniswe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.parsers.common.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class MiniSweAgentParserTest {
  /**
   * Sums of the per-message {@code extra.response.usage} (computed independently from the JSON):
   * prompt, cached, completion, reasoning, cost; and {@code info.model_stats}.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "django__django-12125, 48, 767642, 656958, 16397, 167, 0.5495236",
    "django__django-12308, 46, 829820, 696829, 9097, 136, 0.5145118",
  })
  void tokensAndCost_equalPerMessageUsage(
      String id,
      int calls,
      long prompt,
      long cached,
      long completion,
      long reasoning,
      double cost) {
    Session s =
        Samples.parse(new MiniSweAgentParser(), Samples.path("mini-swe-agent/" + id + ".traj.json"))
            .only();
    Usage u = s.usage();
    double reported = s.requests().stream().mapToDouble(r -> r.reportedCostUsd()).sum();

    assertThat(s.id().value()).isEqualTo(id);
    assertThat(s.requests()).hasSize(calls);
    assertThat(u.input()).as("prompt - cached").isEqualTo(prompt - cached);
    assertThat(u.cacheRead()).isEqualTo(cached);
    assertThat(u.output()).isEqualTo(completion);
    assertThat(u.reasoning()).isEqualTo(reasoning);
    assertThat(reported).isCloseTo(cost, within(1e-9));
    assertThat(s.attribute("exit_status")).hasValue("Submitted");
  }

  @Test
  void parse_timedTrajectory_startsAtItsFirstResponse_notTheFileTime(@TempDir Path dir)
      throws IOException {
    Path copy = dir.resolve("django__django-12125.traj.json");
    Files.copy(Samples.path("mini-swe-agent/django__django-12125.traj.json"), copy);
    Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));

    Session s = Samples.parse(new MiniSweAgentParser(), copy).only();

    assertThat(s.startedAt()).isEqualTo(s.requests().get(0).at());
    assertThat(s.stepsOf(Step.UserMessage.class).get(0).at()).isEqualTo(s.requests().get(0).at());
    assertThat(s.attribute("time_source")).isEmpty();
  }

  @Test
  void parse_bashBlocks_becomeShellCallsWithExitCodes() {
    Session s =
        Samples.parse(
                new MiniSweAgentParser(),
                Samples.path("mini-swe-agent/django__django-12125.traj.json"))
            .only();

    assertThat(s.stepsOf(Step.ToolCall.class).get(0).target()).isEqualTo("ls -la");
    assertThat(s.stepsOf(Step.ToolResult.class).get(0).exitCode()).isZero();
    assertThat(s.stepsOf(Step.ToolCall.class)).allMatch(c -> c.request() >= 0);
    assertThat(s.requests()).extracting(Request::model).containsOnly("google/gemini-3-pro-preview");
    assertThat(s.stepsOf(Step.UserMessage.class)).hasSize(1);
  }
}
