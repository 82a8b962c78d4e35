package dev.tokensieve.core.detect;

import java.util.regex.Pattern;

/**
 * What a shell command line is, as detectors need to know it: read-only inspection, a test run, a
 * commit. Matching is on the command's words, not on a shell parse: good enough to classify, never
 * used to execute anything.
 */
public final class Commands {
  /*
   * Commands that only look: a run of these between two identical failing attempts changes
   * nothing, while an install, a sed -i or a git checkout might. The first word of each segment
   * of a pipeline or && chain must be one of these for the whole line to count as read-only.
   */
  private static final Pattern READ_ONLY_SEGMENT =
      Pattern.compile(
          "^\\s*(cd|ls|ll|cat|head|tail|less|more|pwd|echo|printf|wc|grep|egrep|rg|ag|find|fd"
              + "|tree|file|stat|du|df|which|type|whoami|env|printenv|date|sleep|true"
              + "|sort|uniq|cut|awk|jq|diff|nl|sed -n"
              + "|git (status|log|diff|show|branch|remote|rev-parse|blame|ls-files))(\\s|$)");

  private static final Pattern SEGMENT_SPLIT = Pattern.compile("&&|\\|\\||;|\\|");

  /*
   * The runners DESIGN.md names as outcome signals (pytest, Maven/Gradle, go test, jest/vitest,
   * cargo) and their usual wrappers; a word boundary keeps "latest" from matching "test".
   */
  private static final Pattern TEST_RUN =
      Pattern.compile(
          "(^|[\\s;&|/(])(pytest|py\\.test|tox|nox|jest|vitest|mocha|rspec|phpunit|ctest"
              + "|(python[0-9.]* -m (pytest|unittest))"
              + "|((mvn|mvnw|\\./mvnw|gradle|gradlew|\\./gradlew)\\b[^|;&]*\\b(test|verify|check))"
              + "|((go|cargo|dotnet|swift|mix|bun|deno) test)"
              + "|((npm|pnpm|yarn)( run)? test)|(make (test|check)))(\\s|$|[;&|)])");

  /*
   * Literals one of which every TEST_RUN match holds: a command holding none is not a test run,
   * and indexOf rules it out far faster than the regex, tried at every position, would.
   */
  private static final String[] TEST_RUN_WORDS = {
    "test", "tox", "nox", "jest", "mocha", "rspec", "phpunit", "verify", "check"
  };

  private static final Pattern COMMIT = Pattern.compile("\\bgit\\s+(commit|push)\\b");

  private Commands() {}

  /** Whether every segment of {@code command} only inspects (ls, cat, grep, git status...). */
  public static boolean isReadOnly(String command) {
    String trimmed = command.strip();
    if (trimmed.isEmpty()) {
      return true;
    }
    // most commands are one segment: no need to try four separators at every position
    if (trimmed.indexOf('&') < 0 && trimmed.indexOf('|') < 0 && trimmed.indexOf(';') < 0) {
      return READ_ONLY_SEGMENT.matcher(trimmed).lookingAt();
    }
    for (String segment : SEGMENT_SPLIT.split(trimmed)) {
      // the pattern starts with ^: lookingAt tries position 0 only, find every position
      if (!segment.isBlank() && !READ_ONLY_SEGMENT.matcher(segment).lookingAt()) {
        return false;
      }
    }
    return true;
  }

  /** The simple form of {@link #isReadOnly}, kept as its reference. */
  static boolean isReadOnlyByRegex(String command) {
    String trimmed = command.strip();
    if (trimmed.isEmpty()) {
      return true;
    }
    for (String segment : SEGMENT_SPLIT.split(trimmed)) {
      if (!segment.isBlank() && !READ_ONLY_SEGMENT.matcher(segment).find()) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code command} runs a test suite. */
  public static boolean isTestRun(String command) {
    return holdsAny(command, TEST_RUN_WORDS) && TEST_RUN.matcher(command).find();
  }

  /** Whether {@code command} commits or pushes with git. */
  public static boolean isCommit(String command) {
    return command.contains("git") && COMMIT.matcher(command).find();
  }

  /** The simple form of {@link #isTestRun}, without the literals, kept as its reference. */
  static boolean isTestRunByRegex(String command) {
    return TEST_RUN.matcher(command).find();
  }

  private static boolean holdsAny(String text, String[] literals) {
    for (String literal : literals) {
      if (text.contains(literal)) {
        return true;
      }
    }
    return false;
  }
}
