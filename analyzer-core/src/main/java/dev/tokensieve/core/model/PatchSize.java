package dev.tokensieve.core.model;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The size of a unified diff an agent submitted (SWE-agent and mini-swe-agent {@code submission},
 * OpenHands {@code git_patch}): changed lines and files. Parsers store it in the session's
 * attributes under {@link #LINES} and {@link #FILES}, so that the outcome model can read it.
 *
 * @param lines added plus removed lines, file headers ({@code +++}/{@code ---}) not counted
 * @param files files changed ({@code diff --git} headers)
 */
public record PatchSize(int lines, int files) {
  /** The attribute naming the changed lines of the submitted patch. */
  public static final String LINES = "patch_lines";

  /** The attribute naming the changed files of the submitted patch. */
  public static final String FILES = "patch_files";

  /** Counts the changed lines and files of {@code diff} (empty or blank: 0 and 0). */
  public static PatchSize of(String diff) {
    int lines = 0;
    int files = 0;
    for (String line : diff.split("\n", -1)) {
      if (line.startsWith("diff --git ")) {
        files++;
      } else if (line.startsWith("+++ ") || line.startsWith("--- ")) {
        continue;
      } else if (line.startsWith("+") || line.startsWith("-")) {
        lines++;
      }
    }
    return new PatchSize(lines, files);
  }

  /** Records the two attributes on the session being built. */
  public void putInto(Session.Builder b) {
    b.attribute(LINES, Integer.toString(lines));
    b.attribute(FILES, Integer.toString(files));
  }

  /** The changed lines recorded in {@code attributes}, if a parser recorded a patch. */
  public static OptionalInt lines(Map<String, String> attributes) {
    return read(attributes, LINES);
  }

  /** The changed files recorded in {@code attributes}, if a parser recorded a patch. */
  public static OptionalInt files(Map<String, String> attributes) {
    return read(attributes, FILES);
  }

  private static OptionalInt read(Map<String, String> attributes, String key) {
    String v = attributes.get(key);
    if (v == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(v));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
