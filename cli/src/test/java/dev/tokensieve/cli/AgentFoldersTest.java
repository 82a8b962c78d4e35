package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class AgentFoldersTest {
  private static List<String> read(Map<String, String> env) {
    return AgentFolders.candidates(env, "/jvm/home").stream()
        .map(f -> f.agent() + " " + f.read())
        .toList();
  }

  @Test
  void candidates_withHome_lookUnderHomeNotTheJvmsUserHome() {
    assertThat(read(Map.of("HOME", "/h")))
        .containsExactly(
            "Claude Code /h/.config/claude",
            "Claude Code /h/.claude",
            "Codex /h/.codex/sessions",
            "Gemini CLI /h/.gemini/tmp");
  }

  @Test
  void candidates_withoutHome_fallBackToTheJvmsUserHome() {
    assertThat(read(Map.of())).first().isEqualTo("Claude Code /jvm/home/.config/claude");
    assertThat(read(Map.of("HOME", " "))).contains("Codex /jvm/home/.codex/sessions");
  }

  @Test
  void candidates_withClaudeConfigDirList_readEveryListedFolderAndNoDefault() {
    assertThat(read(Map.of("HOME", "/h", "CLAUDE_CONFIG_DIR", "/a/claude, ,/b ")))
        .containsExactly(
            "Claude Code /a/claude",
            "Claude Code /b",
            "Codex /h/.codex/sessions",
            "Gemini CLI /h/.gemini/tmp");
  }

  @Test
  void candidates_withCodexHomeAndXdgConfigHome_useThem() {
    assertThat(read(Map.of("HOME", "/h", "CODEX_HOME", "/c", "XDG_CONFIG_HOME", "/x")))
        .containsExactly(
            "Claude Code /x/claude",
            "Claude Code /h/.claude",
            "Codex /c/sessions",
            "Gemini CLI /h/.gemini/tmp");
  }

  @Test
  void claudeFolder_isPresentOnlyWithItsProjectsFolder() {
    AgentFolders.Folder f =
        AgentFolders.candidates(Map.of("HOME", "/nonexistent-home"), "/x").get(1);
    assertThat(f.mark()).isEqualTo(Path.of("/nonexistent-home/.claude/projects"));
    assertThat(f.isPresent()).isFalse();
  }
}
