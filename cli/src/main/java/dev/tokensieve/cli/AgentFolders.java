package dev.tokensieve.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where the agents' own tools keep their traces on this machine, found as those tools (and ccusage)
 * find them: what {@code analyze} reads when it is given no path.
 *
 * <ul>
 *   <li>Claude Code: every folder {@code $CLAUDE_CONFIG_DIR} lists (comma-separated); without it,
 *       {@code $XDG_CONFIG_HOME/claude} (else {@code ~/.config/claude}) and {@code ~/.claude}. A
 *       folder counts when it has {@code projects/}.
 *   <li>Codex CLI: {@code $CODEX_HOME/sessions}, else {@code ~/.codex/sessions}.
 *   <li>Gemini CLI: {@code ~/.gemini/tmp}.
 * </ul>
 *
 * <p>{@code ~} is {@code $HOME} where it is set, as for the agents themselves, else the JVM's
 * {@code user.home}.
 */
final class AgentFolders {
  /**
   * A place one agent keeps its traces.
   *
   * @param agent the agent, as people name it
   * @param read the folder to read (a Claude Code config dir, read from its {@code projects/})
   * @param mark the folder whose presence says the agent has traces here
   */
  record Folder(String agent, Path read, Path mark) {
    boolean isPresent() {
      return Files.isDirectory(mark);
    }
  }

  private AgentFolders() {}

  /** The places to look, in this process's environment. */
  static List<Folder> candidates() {
    return candidates(System.getenv(), System.getProperty("user.home", ""));
  }

  /**
   * The places to look with environment {@code env}, {@code jvmHome} standing for {@code ~} where
   * {@code $HOME} is unset; each once, in the order above.
   */
  static List<Folder> candidates(Map<String, String> env, String jvmHome) {
    String homeText = nonBlank(env.get("HOME"));
    Path home = Path.of(homeText != null ? homeText : jvmHome);
    Set<Folder> out = new LinkedHashSet<>();
    List<Path> claude = new ArrayList<>();
    String configDirs = nonBlank(env.get("CLAUDE_CONFIG_DIR"));
    if (configDirs != null) {
      for (String dir : configDirs.split(",")) {
        Path p = path(dir.trim());
        if (p != null && !dir.isBlank()) {
          claude.add(p);
        }
      }
    }
    if (claude.isEmpty()) {
      String xdg = nonBlank(env.get("XDG_CONFIG_HOME"));
      Path config = xdg != null ? path(xdg) : null;
      claude.add((config != null ? config : home.resolve(".config")).resolve("claude"));
      claude.add(home.resolve(".claude"));
    }
    for (Path c : claude) {
      out.add(new Folder("Claude Code", c, c.resolve("projects")));
    }
    String codexHome = nonBlank(env.get("CODEX_HOME"));
    Path codex = codexHome != null ? path(codexHome) : null;
    Path sessions = (codex != null ? codex : home.resolve(".codex")).resolve("sessions");
    out.add(new Folder("Codex", sessions, sessions));
    Path gemini = home.resolve(".gemini").resolve("tmp");
    out.add(new Folder("Gemini CLI", gemini, gemini));
    return List.copyOf(out);
  }

  private static @Nullable String nonBlank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static @Nullable Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      return null; // a setting that names no path names no traces
    }
  }
}
