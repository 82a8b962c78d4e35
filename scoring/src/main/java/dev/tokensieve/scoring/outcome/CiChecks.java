package dev.tokensieve.scoring.outcome;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CI status from what the GitHub CLI prints: {@code gh pr checks}, {@code gh run watch},
 * {@code gh run view}.
 *
 * <p>Pending checks are no verdict. The evidence is the line that shows the verdict.
 */
final class CiChecks {
  /** A CI verdict and the text that shows it. */
  record Verdict(boolean passed, String evidence) {}

  static final Pattern COMMAND =
      Pattern.compile("\\bgh\\s+(?:pr\\s+checks|run\\s+(?:watch|view))\\b");

  // gh pr checks (a terminal): "0 cancelled, 1 failing, 4 successful, 0 skipped, and 0 pending
  // checks"
  private static final Pattern COUNTS =
      Pattern.compile(
          "(\\d+) cancelled, (\\d+) failing, (\\d+) successful, \\d+ skipped, and (\\d+) pending"
              + " checks?");
  private static final Pattern ALL_PASSED = Pattern.compile("All checks were successful");
  private static final Pattern SOME_FAILED = Pattern.compile("Some checks were not successful");
  // gh pr checks (piped): "build<TAB>pass<TAB>1m2s<TAB>https://..."
  private static final Pattern ROW = Pattern.compile("(?m)^[^\\t\\n]+\\t(pass|fail|pending)\\t");
  // gh run watch / view: "Run CI (123) completed with 'failure'", "✓ main CI · 123", "X main CI ·
  // 1"
  private static final Pattern RUN_RESULT =
      Pattern.compile("(?m)(Run .+ \\(\\d+\\) (?:has already )?completed with '(\\w+)')");
  private static final Pattern RUN_HEAD = Pattern.compile("(?m)^([✓X]) (\\S.* · \\d+)\\s*$");

  private CiChecks() {}

  /** Whether a shell command prints CI status. */
  static boolean isCiCommand(String command) {
    return command.contains("gh") && COMMAND.matcher(command).find();
  }

  /** The CI verdict in {@code output}; empty when it shows none or checks are pending. */
  static Optional<Verdict> fromOutput(String output) {
    Matcher counts = COUNTS.matcher(output);
    if (counts.find()) {
      int failing = Integer.parseInt(counts.group(2)) + Integer.parseInt(counts.group(1));
      int passed = Integer.parseInt(counts.group(3));
      int pending = Integer.parseInt(counts.group(4));
      if (failing > 0) {
        return Optional.of(new Verdict(false, counts.group()));
      }
      return pending == 0 && passed > 0
          ? Optional.of(new Verdict(true, counts.group()))
          : Optional.empty();
    }
    if (SOME_FAILED.matcher(output).find()) {
      return Optional.of(new Verdict(false, "Some checks were not successful"));
    }
    if (ALL_PASSED.matcher(output).find()) {
      return Optional.of(new Verdict(true, "All checks were successful"));
    }
    Matcher run = RUN_RESULT.matcher(output);
    if (run.find()) {
      String conclusion = run.group(2);
      return Optional.of(new Verdict("success".equals(conclusion), run.group(1)));
    }
    Matcher head = RUN_HEAD.matcher(output);
    if (head.find()) {
      return Optional.of(new Verdict("✓".equals(head.group(1)), head.group().strip()));
    }
    Matcher row = ROW.matcher(output);
    int pass = 0;
    int fail = 0;
    int pending = 0;
    String firstFail = null;
    while (row.find()) {
      switch (row.group(1)) {
        case "pass" -> pass++;
        case "fail" -> {
          fail++;
          if (firstFail == null) {
            firstFail = row.group().strip();
          }
        }
        default -> pending++;
      }
    }
    if (fail > 0) {
      return Optional.of(new Verdict(false, fail + " failing: " + firstFail));
    }
    if (pass > 0 && pending == 0) {
      return Optional.of(new Verdict(true, pass + " checks passed"));
    }
    return Optional.empty();
  }
}
