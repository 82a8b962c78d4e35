package dev.tokensieve.cli;

import dev.tokensieve.core.model.ParseProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The one line that notes what a walk skipped as no trace (a README, metadata, outcomes, hidden
 * folders): named by file name with counts, so that nothing is passed over unsaid and a folder of
 * SWE-bench runs does not print a line per file.
 */
final class SkippedNote {
  /** A run of three or more hex digits with a decimal one among them: an id, a hash, a number. */
  private static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("(?=[0-9a-f]*[0-9])[0-9a-f]{3,}");

  /** Names shown before "and N more". */
  static final int NAMES = 8;

  private SkippedNote() {}

  /** The note for {@code skipped}, or null if nothing was. */
  static @Nullable String of(List<ParseProblem> skipped) {
    if (skipped.isEmpty()) {
      return null;
    }
    Map<String, Integer> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (ParseProblem p : skipped) {
      Path name = Path.of(p.file()).getFileName();
      // ids in names (agent-a0ea353.meta.json) become *, so files of one kind count together
      String shown = ID.matcher(name == null ? p.file() : name.toString()).replaceAll("*");
      byName.merge(p.message().endsWith("folder") ? shown + "/" : shown, 1, Integer::sum);
    }
    Map<String, Integer> firstNames = new LinkedHashMap<>();
    byName.entrySet().stream().limit(NAMES).forEach(e -> firstNames.put(e.getKey(), e.getValue()));
    List<String> parts = new ArrayList<>();
    firstNames.forEach((name, n) -> parts.add(n == 1 ? name : name + " (" + n + ")"));
    if (byName.size() > NAMES) {
      parts.add("and " + (byName.size() - NAMES) + " more names");
    }
    int n = skipped.size();
    return "tokensieve: skipped "
        + n
        + (n == 1 ? " entry" : " entries")
        + " that "
        + (n == 1 ? "is" : "are")
        + " not traces: "
        + String.join(", ", parts);
  }
}
