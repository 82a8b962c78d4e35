package dev.tokensieve.parsers.openhands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.parsers.common.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OpenHandsParserTest {
  @Test
  void evalOutput_tokensEqualAccumulatedUsage_perInstance() {
    Samples.Parsed p =
        Samples.parse(
            new OpenHandsParser(), Samples.path("openhands/multi_swe_bench_examples_output.jsonl"));
    List<Session> s = p.sessions();

    assertThat(p.problems()).isEmpty();
    assertThat(s)
        .extracting(x -> x.id().value())
        .containsExactly("ponylang__ponyc-4595", "ponylang__ponyc-4593", "ponylang__ponyc-4588");
    // metrics.accumulated_token_usage: prompt 565158/410169/938015, completion 2558/5156/5627
    assertThat(s).extracting(x -> x.usage().input()).containsExactly(565158L, 410169L, 938015L);
    assertThat(s).extracting(x -> x.usage().output()).containsExactly(2558L, 5156L, 5627L);
    assertThat(s).extracting(x -> x.requests().size()).containsExactly(23, 33, 49);
    assertThat(s.get(2).attribute("error"))
        .hasValueSatisfying(e -> assertThat(e).startsWith("RuntimeError"));
    assertThat(s.get(0).attribute("finished")).hasValue("true");
  }

  @Test
  void evalOutput_runActions_pairWithObservationsAndExitCodes() {
    Session s =
        Samples.parse(
                new OpenHandsParser(),
                Samples.path("openhands/multi_swe_bench_examples_output.jsonl"))
            .sessions()
            .get(0);
    Step.ToolCall first = s.stepsOf(Step.ToolCall.class).get(0);

    assertThat(first.kind()).isEqualTo(ToolKind.SHELL);
    assertThat(first.target()).isEqualTo("ls -l /workspace/ponylang__ponyc__0.1");
    assertThat(first.request()).isZero();
    assertThat(s.stepsOf(Step.ToolResult.class).get(0).exitCode()).isZero();
    assertThat(s.stepsOf(Step.ToolResult.class).get(0).callId()).isEqualTo(first.callId());
    assertThat(s.stepsOf(Step.UserMessage.class)).hasSize(1);
  }

  /** The second instance of the eval output: ponylang__ponyc-4593. */
  private static Session ponyc4593() {
    return Samples.parse(
            new OpenHandsParser(), Samples.path("openhands/multi_swe_bench_examples_output.jsonl"))
        .sessions()
        .get(1);
  }

  @Test
  void evalOutput_malformedActionErrors_areFailedResultsNotApiErrors() {
    Session s = ponyc4593();

    assertThat(s.stepsOf(Step.ApiError.class)).isEmpty();
    assertThat(s.stepsOf(Step.ToolResult.class))
        .filteredOn(r -> r.excerpt().startsWith("Parameter 'command' is expected to be one of"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.isError()).isTrue());
  }

  @Test
  void evalOutput_fileEditorRefusals_areFailedResults() {
    Session s = ponyc4593();
    List<Step.ToolResult> results = s.stepsOf(Step.ToolResult.class);

    // str_replace without old_str, old_str not found, a view_range past the end: 11 in this run
    assertThat(results)
        .filteredOn(r -> r.excerpt().startsWith("ERROR:"))
        .hasSize(11)
        .allSatisfy(r -> assertThat(r.isError()).isTrue());
    assertThat(results)
        .filteredOn(r -> r.excerpt().startsWith("Here's the result of running `cat -n`"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.isError()).isFalse());
  }

  @Test
  void errorObservation_naming_aFailedModelCall_isAnApiError(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path file =
        Samples.write(
            dir.resolve("output.jsonl"),
            "{\"instance_id\":\"x-1\",\"history\":[{\"id\":1,\"timestamp\":\"2025-04-30T16:46:15\","
                + "\"source\":\"agent\",\"observation\":\"error\",\"content\":\"litellm.RateLimitError:"
                + " rate limited\",\"extras\":{}}]}\n");

    List<Session> s = Samples.parse(new OpenHandsParser(), file).sessions();

    assertThat(s)
        .flatExtracting(x -> x.stepsOf(Step.ApiError.class))
        .extracting(Step.ApiError::message)
        .containsExactly("litellm.RateLimitError: rate limited");
  }

  @Test
  void resolverOutput_costsBecomeReportedCosts() {
    List<Session> s =
        Samples.parse(new OpenHandsParser(), Samples.path("openhands/resolver_mock_output.jsonl"))
            .sessions();

    assertThat(s)
        .extracting(x -> x.id().value())
        .containsExactly("neubig/pr-viewer#5", "neubig/pr-viewer#1");
    assertThat(s.get(0).requests()).hasSize(4);
    assertThat(s.get(0).requests().stream().mapToDouble(Request::reportedCostUsd).sum())
        .isCloseTo(0.070713, within(1e-9));
    assertThat(s.get(0).attribute("success")).hasValue("true");
    assertThat(s.get(0).stepsOf(Step.ToolResult.class).get(0).exitCode()).isZero();
  }

  @Test
  void trajectory_usageFromModelResponsesOncePerResponse() {
    Session s =
        Samples.parse(new OpenHandsParser(), Samples.path("openhands/trajs_basic_gui_mode.json"))
            .only();

    assertThat(s.id().value()).isEqualTo("trajs_basic_gui_mode");
    assertThat(s.requests()).isNotEmpty();
    assertThat(s.requests()).extracting(Request::callId).doesNotHaveDuplicates();
    assertThat(s.requests().get(0).usage().cacheWrite()).isEqualTo(3435);
    assertThat(s.requests().get(0).usage().input()).isEqualTo(4);
    assertThat(s.attribute("agent_state")).hasValue("awaiting_user_input");
    assertThat(s.stepsOf(Step.Edit.class)).isNotEmpty();
  }
}
