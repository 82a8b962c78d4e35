package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code analyze} with no PATH: the agents' folders of a given home, or the labelled sample. */
final class DefaultInputTest {
  private static final Path SAMPLES = Path.of("../trace-parsers/src/test/resources/samples");

  /** Runs analyze as if {@code env} were the process's environment. */
  private static CommandRun analyzeIn(Map<String, String> env, String... args) {
    AnalyzeCommand command = new AnalyzeCommand();
    command.agentFolders = () -> AgentFolders.candidates(env, "/nonexistent-jvm-home");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(command);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }

  @Test
  void noPath_readsClaudeAndCodexFoldersOfHome_andSaysWhich(@TempDir Path home) throws IOException {
    Files.createSymbolicLink(
        home.resolve(".claude"), SAMPLES.resolve("claude-code").toAbsolutePath());
    Files.createSymbolicLink(home.resolve(".codex"), SAMPLES.resolve("codex").toAbsolutePath());

    CommandRun r = analyzeIn(Map.of("HOME", home.toString()), "--json", "--no-progress");

    assertThat(r.code()).isZero();
    assertThat(r.err())
        .startsWith(
            "tokensieve: reading Claude Code in "
                + home.resolve(".claude")
                + ", Codex in "
                + home.resolve(".codex/sessions")
                + " (pass a PATH to read something else)");
    JsonNode doc = new ObjectMapper().readTree(r.out());
    Set<String> agents = new TreeSet<>();
    doc.get("sessions").forEach(s -> agents.add(s.get("agent").asText()));
    assertThat(agents).containsExactly("claude-code", "codex");
  }

  @Test
  void noPath_withClaudeConfigDirList_readsEveryListedFolder(@TempDir Path home)
      throws IOException {
    Path a = Files.createDirectories(home.resolve("a/projects"));
    Files.createSymbolicLink(
        a.resolve("p"), SAMPLES.resolve("claude-code/projects").toAbsolutePath());
    Path b = Files.createDirectories(home.resolve("b/projects"));

    CommandRun r =
        analyzeIn(
            Map.of(
                "HOME",
                home.toString(),
                "CLAUDE_CONFIG_DIR",
                home.resolve("a") + "," + home.resolve("b")),
            "--no-progress");

    assertThat(r.code()).isZero();
    assertThat(r.err())
        .startsWith(
            "tokensieve: reading Claude Code in "
                + home.resolve("a")
                + ", Claude Code in "
                + home.resolve("b")
                + " (");
    assertThat(r.out()).doesNotContain("GENERATED SAMPLE").contains("claude-code");
  }

  @Test
  void noPath_onAFreshMachine_saysWhereItLookedAndLabelsTheSample(@TempDir Path home) {
    CommandRun r = analyzeIn(Map.of("HOME", home.toString()), "--no-progress", "--top", "3");

    assertThat(r.code()).isZero();
    assertThat(r.err())
        .startsWith("tokensieve: found no agent traces on this machine; looked for\n")
        .contains("  Claude Code  " + home.resolve(".config/claude/projects") + ", ")
        .contains("  Codex        " + home.resolve(".codex/sessions") + "\n")
        .contains("  Gemini CLI   " + home.resolve(".gemini/tmp") + "\n")
        .contains("GENERATED SAMPLE DATA instead, 120 made-up sessions");
    assertThat(r.out()).startsWith(DefaultInput.sampleBanner() + "\n\nTokenSieve: 120 sessions, ");
  }

  @Test
  void noPath_withEmptyFolders_saysSoAndOffersTheSample(@TempDir Path home) throws IOException {
    Files.createDirectories(home.resolve(".claude/projects"));

    CommandRun r = analyzeIn(Map.of("HOME", home.toString()), "--no-progress");

    assertThat(r.code()).isZero();
    assertThat(r.err())
        .contains(
            "tokensieve: no sessions in those folders; `analyze --sample` shows generated sample"
                + " data");
    assertThat(r.out()).startsWith("TokenSieve: 0 sessions");
  }

  @Test
  void sample_isAnalysedWithoutLooking_andRefusesAPath(@TempDir Path home) {
    CommandRun r = analyzeIn(Map.of("HOME", home.toString()), "--sample", "--no-progress");
    assertThat(r.code()).isZero();
    assertThat(r.err()).doesNotContain("looked for");
    assertThat(r.out()).startsWith(DefaultInput.sampleBanner());

    CommandRun both = analyzeIn(Map.of(), "--sample", home.toString());
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err())
        .isEqualTo("tokensieve: --sample reads the generated sample: give it no PATH\n");
  }
}
