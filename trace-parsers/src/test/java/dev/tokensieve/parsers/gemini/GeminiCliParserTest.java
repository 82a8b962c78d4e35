package dev.tokensieve.parsers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.parsers.common.Samples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class GeminiCliParserTest {
  /** The sums of the files' own {@code tokens} (input, cached, output, thoughts, total). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "entireio_12_cbfeaa512b_0, 48965, 35330, 70, 232, 49267",
    "entireio_51_3fab7adf0b_0, 24176, 11835, 33, 120, 24329",
    "entireio_9c_53780d06b7_0, 62895, 50471, 309, 464, 63668",
    "entireio_ab_2b9748b105_0, 131375, 113854, 717, 1095, 133187",
    "entireio_c9_45f262e88d_0, 24557, 14378, 156, 204, 24917",
    "entireio_ec_38b74f08e3_2, 0, 0, 0, 0, 0",
  })
  void tokens_equalTheFilesOwnTokens(
      String name, long input, long cached, long output, long thoughts, long total) {
    Samples.Parsed p =
        Samples.parse(new GeminiCliParser(), Samples.path("gemini-cli/" + name + ".jsonl"));
    Usage u = p.only().usage();

    assertThat(p.problems()).isEmpty();
    assertThat(u.input()).as("input - cached").isEqualTo(input - cached);
    assertThat(u.cacheRead()).isEqualTo(cached);
    assertThat(u.output()).as("output + thoughts").isEqualTo(output + thoughts);
    assertThat(u.reasoning()).isEqualTo(thoughts);
    assertThat(u.total()).isEqualTo(total);
  }

  @Test
  void parse_legacyDocument_givesShellCallsWithTargets() {
    Session s =
        Samples.parse(
                new GeminiCliParser(), Samples.path("gemini-cli/entireio_ab_2b9748b105_0.jsonl"))
            .only();

    assertThat(s.id().value()).isEqualTo("f7633853-6663-4dbb-bbf4-6159afa29df8");
    assertThat(s.stepsOf(Step.ToolCall.class)).hasSize(9);
    assertThat(s.stepsOf(Step.ToolCall.class))
        .filteredOn(c -> c.kind() == ToolKind.SHELL)
        .extracting(Step.ToolCall::target)
        .contains("git status", "git add docs/color.md");
    assertThat(s.stepsOf(Step.ToolResult.class)).hasSize(9).noneMatch(Step.ToolResult::isError);
    assertThat(s.stepsOf(Step.Edit.class))
        .extracting(Step.Edit::file)
        .containsExactly("docs/blue.md");
    assertThat(s.stepsOf(Step.UserMessage.class)).hasSize(1);
  }

  @Test
  void parse_jsonLines_lastRecordWinsAndRewindDrops(@TempDir Path dir) {
    Path file =
        Samples.write(
            dir.resolve("session.jsonl"),
            """
            {"sessionId":"g-1","projectHash":"abc","startTime":"2026-05-01T10:00:00Z"}
            {"id":"u1","timestamp":"2026-05-01T10:00:01Z","type":"user","content":"hi"}
            {"id":"m1","timestamp":"2026-05-01T10:00:02Z","type":"gemini","content":"","model":"gemini-2.5-pro"}
            {"id":"m1","timestamp":"2026-05-01T10:00:02Z","type":"gemini","content":"ok","model":"gemini-2.5-pro","tokens":{"input":100,"output":5,"cached":60,"thoughts":7,"tool":0,"total":112}}
            {"id":"u2","timestamp":"2026-05-01T10:00:03Z","type":"user","content":"again"}
            {"id":"m2","timestamp":"2026-05-01T10:00:04Z","type":"gemini","content":"x","model":"gemini-2.5-pro","tokens":{"input":200,"output":5,"cached":0,"thoughts":0,"tool":0,"total":205}}
            {"$rewindTo":"u2"}
            {"$set":{"summary":"said hi"}}
            """);

    Session s = Samples.parse(new GeminiCliParser(), file).only();

    assertThat(s.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.usage()).isEqualTo(new Usage(40, 0, 0, 60, 12, 7)));
    assertThat(s.stepsOf(Step.UserMessage.class)).hasSize(1);
    assertThat(s.attribute("summary")).hasValue("said hi");
  }
}
