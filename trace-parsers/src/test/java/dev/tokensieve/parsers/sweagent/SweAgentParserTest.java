package dev.tokensieve.parsers.sweagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.parsers.common.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SweAgentParserTest {
  /** {@code info.model_stats} of each sample: the apportioned requests must sum to it exactly. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gpt4__swe-agent-test-repo__6e44b9__sweagenttestrepo-1c2844.traj, SWE-agent__test-repo-i1,"
        + " 7141, 243, 5, 0.01952",
    "gpt4__swe-agent__test-repo-i1.traj, gpt4__swe-agent__test-repo-i1, 52861, 326, 5, 0.53839",
    "gpt4__pydicom__pydicom-1458.traj, gpt4__pydicom__pydicom-1458, 122612, 1369, 12, 1.26719",
    "demo_function_calling_replace__marshmallow-1867.traj, marshmallow-code__marshmallow-1867,"
        + " 0, 0, 11, 0",
  })
  void tokens_sumToModelStats(
      String file, String id, long sent, long received, int calls, double cost) {
    Samples.Parsed p = Samples.parse(new SweAgentParser(), Samples.path("swe-agent/" + file));
    Session s = p.only();

    assertThat(p.problems()).isEmpty();
    assertThat(s.id().value()).isEqualTo(id);
    assertThat(s.requests()).hasSize(calls);
    assertThat(s.usage().input()).isEqualTo(sent);
    assertThat(s.usage().output()).isEqualTo(received);
    assertThat(s.requests().stream().mapToDouble(Request::reportedCostUsd).sum())
        .isCloseTo(cost, within(1e-9));
    assertThat(s.attribute("exit_status")).hasValue("submitted");
  }

  @Test
  void parse_actions_becomeNormalisedSteps() {
    Session s =
        Samples.parse(
                new SweAgentParser(),
                Samples.path(
                    "swe-agent/gpt4__swe-agent-test-repo__6e44b9__sweagenttestrepo-1c2844.traj"))
            .only();

    assertThat(s.stepsOf(Step.ToolCall.class))
        .extracting(Step.ToolCall::kind)
        .containsExactly(
            ToolKind.SEARCH, ToolKind.READ, ToolKind.EDIT, ToolKind.SHELL, ToolKind.OTHER);
    assertThat(s.stepsOf(Step.ToolCall.class).get(1).target())
        .isEqualTo("/SWE-agent__test-repo/tests/missing_colon.py");
    assertThat(s.stepsOf(Step.Edit.class)).hasSize(1);
    assertThat(s.stepsOf(Step.ToolCall.class))
        .extracting(Step::request)
        .containsExactly(0, 1, 2, 3, 4);
    // context grows, so later requests were apportioned more input
    assertThat(s.requests().get(4).usage().input())
        .isGreaterThan(s.requests().get(0).usage().input());
  }

  @Test
  void apportion_sumsExactly() {
    long[] parts = SweAgentParser.apportion(10, new double[] {1, 1, 1});

    assertThat(parts).containsExactly(4, 3, 3);
  }
}
