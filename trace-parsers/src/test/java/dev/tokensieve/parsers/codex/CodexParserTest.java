package dev.tokensieve.parsers.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.parsers.common.Samples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class CodexParserTest {
  private static final String DIR = "codex/sessions/2026/02/23/";

  /**
   * ccusage 20.0.24 on the same five rollouts ({@code ccusage.sh codex ../shared/samples/codex},
   * session report). ccusage's {@code inputTokens} EXCLUDES cached input: its {@code totalTokens}
   * is {@code inputTokens + cacheReadTokens + outputTokens} (e.g. 367673 + 6836352 + 36075 =
   * 7240100), so it compares to our fresh {@code Usage.input}; its {@code outputTokens} include
   * reasoning, as ours do.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "rollout-2026-02-23T12-40-23-019c8a4c-ed82-79a1-aa28-7738fc5ab61a.jsonl,"
        + " 367673, 6836352, 36075, 17896, 7240100",
    "rollout-2026-02-23T12-41-04-019c8a4d-8f45-7010-8b5d-7fad920aa6f9.jsonl,"
        + " 99460, 1651968, 14600, 4293, 1766028",
    "rollout-2026-02-23T12-54-34-019c8a59-e9dd-71f0-9ae3-4079fe9726a9.jsonl,"
        + " 2188981, 31621504, 133999, 42113, 33944484",
    "rollout-2026-02-23T13-19-38-019c8a70-dda7-7f33-98ea-f30553347322.jsonl,"
        + " 31013, 3456, 431, 264, 34900",
    "rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl,"
        + " 59525, 238848, 1123, 483, 299496",
  })
  void tokens_equalCcusage(
      String file, long input, long cacheRead, long output, long reasoning, long total) {
    Samples.Parsed parsed = Samples.parse(new CodexParser(), Samples.path(DIR + file));
    Usage u = parsed.only().usage();

    assertThat(parsed.problems()).isEmpty();
    assertThat(u.input()).as("fresh input = ccusage inputTokens").isEqualTo(input);
    assertThat(u.cacheRead()).isEqualTo(cacheRead);
    assertThat(u.cacheWrite()).isZero();
    assertThat(u.output()).isEqualTo(output);
    assertThat(u.reasoning()).isEqualTo(reasoning);
    assertThat(u.total()).isEqualTo(total);
  }

  @Test
  void parse_reEmittedTokenCounts_countOnce() {
    // 20-34-25: 12 token_count events, 1 rate-limit only, 5 re-emitted unchanged: 6 calls.
    Session s =
        Samples.parse(
                new CodexParser(),
                Samples.path(
                    DIR + "rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl"))
            .only();

    assertThat(s.requests()).hasSize(6);
    assertThat(s.requests().get(0).usage())
        .isEqualTo(new Usage(42772 - 3456, 0, 0, 3456, 204, 124));
    assertThat(s.requests()).extracting(Request::model).containsOnly("gpt-5.3-codex");
    assertThat(s.id().value()).isEqualTo("019c8bfe-ec25-79e0-97d7-bda6a9c575ff");
    assertThat(s.agent()).isEqualTo("codex");
    assertThat(s.branch()).isEqualTo("main");
  }

  @Test
  void parse_toolCall_pointsAtTheResponseThatIssuedIt() {
    Session s =
        Samples.parse(
                new CodexParser(),
                Samples.path(
                    DIR + "rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl"))
            .only();
    List<Step.ToolCall> calls = s.stepsOf(Step.ToolCall.class);

    assertThat(calls).hasSize(5);
    assertThat(calls.get(0).callId()).isEqualTo("call_OIMY41RetdVChp5U51mMLGOD");
    assertThat(calls).extracting(Step::request).containsExactly(0, 1, 2, 3, 4);
    assertThat(s.stepsOf(Step.ToolResult.class))
        .extracting(Step::request)
        .containsExactly(0, 1, 2, 3, 4);
    assertThat(s.stepsOf(Step.UserMessage.class)).hasSize(1);
  }

  @Test
  void parse_compaction_givesOneCompactionStep() {
    Session s =
        Samples.parse(
                new CodexParser(),
                Samples.path(
                    DIR + "rollout-2026-02-23T12-54-34-019c8a59-e9dd-71f0-9ae3-4079fe9726a9.jsonl"))
            .only();

    assertThat(s.stepsOf(Step.Compaction.class)).hasSize(1);
    assertThat(s.stepsOf(Step.Compaction.class).get(0).preTokens()).isPositive();
    assertThat(s.stepsOf(Step.Edit.class)).isEmpty(); // patches are redacted in this sample
    assertThat(s.stepsOf(Step.ToolCall.class))
        .filteredOn(c -> c.tool().equals("apply_patch"))
        .hasSize(49)
        .allMatch(c -> c.kind() == ToolKind.EDIT);
  }

  @Test
  void parse_sameOutputUnderDifferentRunnerHeaders_hasOneDigest(@TempDir Path dir) {
    Path file =
        Samples.write(
            dir.resolve("rollout.jsonl"),
            """
            {"timestamp":"2026-03-01T10:00:00.000Z","type":"session_meta","payload":{"id":"s-1","cwd":"/w"}}
            {"timestamp":"2026-03-01T10:00:01.000Z","type":"turn_context","payload":{"model":"gpt-5-codex"}}
            {"timestamp":"2026-03-01T10:00:02.000Z","type":"response_item","payload":{"type":"function_call","name":"exec_command","arguments":"{\\"cmd\\":\\"sed -n '1,400p' a.py\\"}","call_id":"c1"}}
            {"timestamp":"2026-03-01T10:00:03.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"c1","output":"Chunk ID: e1fea4\\nWall time: 18.9570 seconds\\nProcess exited with code 0\\nOriginal token count: 4\\nOutput:\\nx = 1\\n"}}
            {"timestamp":"2026-03-01T10:00:04.000Z","type":"response_item","payload":{"type":"function_call","name":"exec_command","arguments":"{\\"cmd\\":\\"sed -n '1,400p' a.py\\"}","call_id":"c2"}}
            {"timestamp":"2026-03-01T10:00:05.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"c2","output":"Chunk ID: 3009d3\\nWall time: 0.4840 seconds\\nProcess exited with code 0\\nOriginal token count: 4\\nOutput:\\nx = 1\\n"}}
            {"timestamp":"2026-03-01T10:00:06.000Z","type":"response_item","payload":{"type":"function_call","name":"exec_command","arguments":"{\\"cmd\\":\\"sed -n '1,400p' a.py\\"}","call_id":"c3"}}
            {"timestamp":"2026-03-01T10:00:07.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"c3","output":"Chunk ID: 3009d4\\nWall time: 0.4840 seconds\\nProcess exited with code 0\\nOriginal token count: 4\\nOutput:\\nx = 2\\n"}}
            """);

    List<Step.ToolResult> results =
        Samples.parse(new CodexParser(), file).only().stepsOf(Step.ToolResult.class);

    assertThat(results).hasSize(3);
    assertThat(results.get(1).digest()).isEqualTo(results.get(0).digest());
    assertThat(results.get(2).digest()).isNotEqualTo(results.get(0).digest());
    assertThat(results.get(0).exitCode()).isZero();
    assertThat(results.get(0).excerpt()).startsWith("Chunk ID: e1fea4");
  }

  @Test
  void parse_execAndPatch_normalisesTargetsExitCodesAndEdits(@TempDir Path dir) {
    Path file =
        Samples.write(
            dir.resolve("rollout.jsonl"),
            """
            {"timestamp":"2026-03-01T10:00:00.000Z","type":"session_meta","payload":{"id":"s-1","cwd":"/w"}}
            {"timestamp":"2026-03-01T10:00:01.000Z","type":"turn_context","payload":{"model":"gpt-5-codex"}}
            {"timestamp":"2026-03-01T10:00:01.500Z","type":"event_msg","payload":{"type":"user_message","message":"fix the test"}}
            {"timestamp":"2026-03-01T10:00:02.000Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\\"command\\":[\\"bash\\",\\"-lc\\",\\"pytest  -q\\"]}","call_id":"c1"}}
            {"timestamp":"2026-03-01T10:00:02.100Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":100,"cached_input_tokens":40,"output_tokens":10,"reasoning_output_tokens":4,"total_tokens":110},"last_token_usage":{"input_tokens":100,"cached_input_tokens":40,"output_tokens":10,"reasoning_output_tokens":4,"total_tokens":110}}}}
            {"timestamp":"2026-03-01T10:00:03.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"c1","output":"Exit code: 1\\nWall time: 1 seconds\\nOutput:\\n1 failed"}}
            {"timestamp":"2026-03-01T10:00:04.000Z","type":"response_item","payload":{"type":"custom_tool_call","name":"apply_patch","call_id":"c2","input":"*** Begin Patch\\n*** Update File: src/a.py\\n@@\\n-x = 1\\n+x = 2\\n*** End Patch"}}
            {"timestamp":"2026-03-01T10:00:04.100Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":250,"cached_input_tokens":140,"output_tokens":30,"reasoning_output_tokens":4,"total_tokens":280},"last_token_usage":{"input_tokens":150,"cached_input_tokens":100,"output_tokens":20,"reasoning_output_tokens":0,"total_tokens":170}}}}
            {"timestamp":"2026-03-01T10:00:05.000Z","type":"response_item","payload":{"type":"custom_tool_call_output","call_id":"c2","output":"{\\"output\\":\\"Success. Updated the following files:\\\\nM src/a.py\\\\n\\",\\"metadata\\":{\\"exit_code\\":0,\\"duration_seconds\\":0.0}}"}}
            {"timestamp":"2026-03-01T10:00:06.000Z","type":"event_msg","payload":{"type":"error","message":"stream disconnected before completion"}}
            {"timestamp":"2026-03-01T10:00:07.000Z","type":"event_msg","payload":{"type":"turn_aborted","turn_id":"t1","reason":"interrupted"}}
            """);

    Session s = Samples.parse(new CodexParser(), file).only();

    assertThat(s.requests())
        .extracting(Request::usage)
        .containsExactly(new Usage(60, 0, 0, 40, 10, 4), new Usage(50, 0, 0, 100, 20, 0));
    Step.ToolCall shell = s.stepsOf(Step.ToolCall.class).get(0);
    assertThat(shell.kind()).isEqualTo(ToolKind.SHELL);
    assertThat(shell.target()).isEqualTo("pytest -q");
    assertThat(shell.request()).isZero();
    Step.ToolResult failed = s.stepsOf(Step.ToolResult.class).get(0);
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.isError()).isTrue();
    Step.ToolResult patched = s.stepsOf(Step.ToolResult.class).get(1);
    assertThat(patched.exitCode()).isZero();
    assertThat(patched.isError()).isFalse();
    assertThat(s.stepsOf(Step.Edit.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.file()).isEqualTo("src/a.py");
              assertThat(e.request()).isEqualTo(1);
            });
    assertThat(s.stepsOf(Step.UserMessage.class))
        .singleElement()
        .satisfies(u -> assertThat(u.request()).isEqualTo(-1));
    assertThat(s.stepsOf(Step.ApiError.class))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("stream disconnected before completion"));
    assertThat(s.stepsOf(Step.Interrupt.class)).hasSize(1);
    assertThat(s.attribute("last_turn")).hasValue("aborted");
  }

  @Test
  void parse_subAgentReplayBurst_seedsTotalsInsteadOfCounting(@TempDir Path dir) {
    String usage = "{\"input_tokens\":%d,\"cached_input_tokens\":0,\"output_tokens\":%d}";
    String tc =
        "{\"timestamp\":\"%s\",\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\","
            + "\"info\":{\"total_token_usage\":"
            + usage
            + ",\"last_token_usage\":"
            + usage
            + "}}}\n";
    Path file =
        Samples.write(
            dir.resolve("child.jsonl"),
            "{\"timestamp\":\"2026-03-01T10:00:00.000Z\",\"type\":\"session_meta\",\"payload\":"
                + "{\"id\":\"child\",\"source\":{\"subagent\":{\"thread_spawn\":"
                + "{\"parent_thread_id\":\"parent\"}}}}}\n"
                + String.format(tc, "2026-03-01T10:00:00.100Z", 100, 10, 100, 10)
                + String.format(tc, "2026-03-01T10:00:00.200Z", 300, 20, 200, 10)
                + String.format(tc, "2026-03-01T10:00:09.000Z", 700, 25, 400, 5));

    Session s = Samples.parse(new CodexParser(), file).only();

    assertThat(s.requests()).extracting(Request::usage).containsExactly(Usage.of(400, 5));
    assertThat(s.attribute("parent_thread_id")).hasValue("parent");
  }

  @Test
  void parse_headOnlyRollout_givesSessionWithoutRequests() {
    Session s =
        Samples.parse(new CodexParser(), Samples.path("codex/simonw_sample_codex_session.jsonl"))
            .only();

    assertThat(s.id().value()).isEqualTo("019b64e5-57fa-7463-b644-fba7e456f905");
    assertThat(s.requests()).isEmpty();
    assertThat(s.project()).isEqualTo("/Users/macmini/Code/homelab-migration");
  }
}
