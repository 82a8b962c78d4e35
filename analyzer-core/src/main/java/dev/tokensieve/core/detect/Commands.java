package dev.tokensieve.core.detect;

import java.util.Arrays;
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

  /* The words of READ_ONLY_SEGMENT by their first character, for isReadOnly. */
  private static final String[][] READ_ONLY_WORDS =
      byFirstCharacter(
          "cd",
          "ls",
          "ll",
          "cat",
          "head",
          "tail",
          "less",
          "more",
          "pwd",
          "echo",
          "printf",
          "wc",
          "grep",
          "egrep",
          "rg",
          "ag",
          "find",
          "fd",
          "tree",
          "file",
          "stat",
          "du",
          "df",
          "which",
          "type",
          "whoami",
          "env",
          "printenv",
          "date",
          "sleep",
          "true",
          "sort",
          "uniq",
          "cut",
          "awk",
          "jq",
          "diff",
          "nl",
          "sed -n",
          "git status",
          "git log",
          "git diff",
          "git show",
          "git branch",
          "git remote",
          "git rev-parse",
          "git blame",
          "git ls-files");

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

  private static final CommandMemo TEST_RUNS = new CommandMemo(Commands::classifyTestRun);
  private static final CommandMemo COMMITS = new CommandMemo(Commands::classifyCommit);

  private Commands() {}

  /** Whether every segment of {@code command} only inspects (ls, cat, grep, git status...). */
  public static boolean isReadOnly(String command) {
    /*
     * Hot: retry-loop detection asks this of every distinct shell command of every session.
     * Equal to isReadOnlyByRegex (the reference, and CommandsTest checks they agree) without a
     * regex: the line is cut at the separators SEGMENT_SPLIT finds, as it finds them (leftmost,
     * && and || before & and |), and each segment's first word is looked up among the words of
     * READ_ONLY_SEGMENT that start with its first character.
     */
    String trimmed = command.strip();
    int n = trimmed.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      char ch = trimmed.charAt(i);
      int separator;
      if (ch == '&') {
        separator = i + 1 < n && trimmed.charAt(i + 1) == '&' ? 2 : 0;
      } else if (ch == '|') {
        separator = i + 1 < n && trimmed.charAt(i + 1) == '|' ? 2 : 1;
      } else {
        separator = ch == ';' ? 1 : 0;
      }
      if (separator > 0) {
        if (!isReadOnlySegment(trimmed, start, i)) {
          return false;
        }
        i += separator - 1;
        start = i + 1;
      }
    }
    return isReadOnlySegment(trimmed, start, n);
  }

  /** Whether {@code line[from, to)} is blank or starts with a read-only word, as in the regex. */
  private static boolean isReadOnlySegment(String line, int from, int to) {
    int at = from;
    while (at < to && isRegexSpace(line.charAt(at))) {
      at++;
    }
    if (at == to) {
      return true; // blank by \s, so by isBlank too
    }
    char first = line.charAt(at);
    String[] words = first < READ_ONLY_WORDS.length ? READ_ONLY_WORDS[first] : null;
    if (words != null) {
      for (String word : words) {
        int end = at + word.length();
        if (end <= to && line.startsWith(word, at) && endsWord(line, end, to)) {
          return true;
        }
      }
    }
    return line.substring(from, to).isBlank(); // Unicode spaces \s does not match
  }

  /** What {@code (\s|$)} matches at {@code at} of a segment ending at {@code to}. */
  private static boolean endsWord(String line, int at, int to) {
    if (at == to) {
      return true;
    }
    char ch = line.charAt(at);
    // $ also matches before a line terminator that ends the input; \n and \r are \s already
    return isRegexSpace(ch)
        || (at == to - 1 && (ch == '\u0085' || ch == '\u2028' || ch == '\u2029'));
  }

  /** What {@code \s} matches in a {@link Pattern} without UNICODE flags. */
  private static boolean isRegexSpace(char ch) {
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
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
    // hot: asked of every distinct successful shell command of every session
    return TEST_RUNS.test(command);
  }

  private static boolean classifyTestRun(String command) {
    return holdsAny(command, TEST_RUN_WORDS) && TEST_RUN.matcher(command).find();
  }

  /** Whether {@code command} commits or pushes with git. */
  public static boolean isCommit(String command) {
    return COMMITS.test(command); // as isTestRun; "git" alone rules out few commands
  }

  private static boolean classifyCommit(String command) {
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

  private static String[][] byFirstCharacter(String... words) {
    String[][] table = new String[128][];
    for (String word : words) {
      String[] row = table[word.charAt(0)];
      row = row == null ? new String[1] : Arrays.copyOf(row, row.length + 1);
      row[row.length - 1] = word;
      table[word.charAt(0)] = row;
    }
    return table;
  }
}
