package dev.tokensieve.scoring.outcome;

/**
 * Where in a test run's output each runner summary of {@link TestRuns} can start at the earliest:
 * an index no match of its regex starts before, or -1 when the text cannot hold one.
 *
 * <p>Hot: found for every test run's output. One pass over the text looks for all the literals at
 * once, where searching each with its own indexOf read the text up to nine times. Each landmark
 * comes from a literal every match of its summary holds:
 *
 * <ul>
 *   <li>on its first line ({@code lineStart}: the line's start, looking for {@code \n} only, so an
 *       index at or before the line start a regex sees after any other line terminator);
 *   <li>right at its start, which a {@code (?m)^} anchor puts at a line start ({@code isLineStart}:
 *       after any line terminator the regex knows, or at 0);
 *   <li>after a run of {@code \s} (JEST's {@code ^\s*}).
 * </ul>
 */
final class Landmarks {
  static final int PYTEST = 0; // a count word, then " in ", on the first line
  static final int UNITTEST = 1; // "Ran " at a line start
  static final int SUREFIRE = 2; // starts with "Tests run: "
  static final int BUILD = 3; // "BUILD " on the first line
  static final int GRADLE = 4; // " completed, " on the first line
  static final int GO_FAIL = 5; // "FAIL" or "--- FAIL: " at a line start
  static final int GO_OK = 6; // "ok" at a line start
  static final int JEST = 7; // spaces, then "Tests"
  static final int CARGO = 8; // "test result: " at a line start
  private static final int COUNT = 9;

  /** Every summary searched from 0: the reference. */
  static final int[] NONE = new int[COUNT];

  /* The words pytest counts, one of which (or ", ") comes right before " in <seconds>". */
  private static final String[] PYTEST_COUNTS = {
    "failed",
    "passed",
    "error",
    "errors",
    "skipped",
    "warning",
    "warnings",
    "deselected",
    "rerun",
    ", "
  };

  private Landmarks() {}

  /** The landmarks of {@code text}, indexed by the constants above. */
  static int[] of(String text) {
    int[] at = {-1, -1, -1, -1, -1, -1, -1, -1, -1};
    int missing = COUNT;
    for (int i = 0, n = text.length(); i < n && missing > 0; i++) {
      switch (text.charAt(i)) {
        case ' ':
          if (at[PYTEST] < 0 && text.startsWith(" in ", i) && followsCount(text, i)) {
            at[PYTEST] = lineStart(text, i);
            missing--;
          }
          if (at[GRADLE] < 0 && text.startsWith(" completed, ", i)) {
            at[GRADLE] = lineStart(text, i);
            missing--;
          }
          break;
        case 'R':
          missing -= found(at, UNITTEST, i, text.startsWith("Ran ", i) && isLineStart(text, i));
          break;
        case 'T':
          if (text.startsWith("Tests", i)) {
            if (at[JEST] < 0) {
              at[JEST] = spacesBefore(text, i);
              missing--;
            }
            missing -= found(at, SUREFIRE, i, text.startsWith("Tests run: ", i));
          }
          break;
        case 'B':
          if (at[BUILD] < 0 && text.startsWith("BUILD ", i)) {
            at[BUILD] = lineStart(text, i);
            missing--;
          }
          break;
        case 'F':
          missing -= found(at, GO_FAIL, i, text.startsWith("FAIL", i) && isLineStart(text, i));
          break;
        case '-':
          missing -=
              found(at, GO_FAIL, i, text.startsWith("--- FAIL: ", i) && isLineStart(text, i));
          break;
        case 'o':
          missing -= found(at, GO_OK, i, text.startsWith("ok", i) && isLineStart(text, i));
          break;
        case 't':
          missing -=
              found(at, CARGO, i, text.startsWith("test result: ", i) && isLineStart(text, i));
          break;
        default:
          break;
      }
    }
    return at;
  }

  /** Sets landmark {@code which} to {@code i} if it is unset and {@code holds}; 1 if it did. */
  private static int found(int[] at, int which, int i, boolean holds) {
    if (at[which] < 0 && holds) {
      at[which] = i;
      return 1;
    }
    return 0;
  }

  /** Whether one of pytest's count words (or ", ") ends right before index {@code at}. */
  private static boolean followsCount(String text, int at) {
    for (String word : PYTEST_COUNTS) {
      if (text.startsWith(word, at - word.length())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a {@code (?m)^} may match at {@code i}: at 0, or after a line terminator (a superset:
   * the regex also refuses between {@code \r} and {@code \n}).
   */
  private static boolean isLineStart(String text, int i) {
    if (i == 0) {
      return true;
    }
    char before = text.charAt(i - 1);
    return before == '\n'
        || before == '\r'
        || before == '\u0085'
        || before == '\u2028'
        || before == '\u2029';
  }

  /**
   * The start of the line holding index {@code at}, or an earlier index: only {@code \n} is looked
   * for, and a regex line may also start after {@code \r} or U+2028.
   */
  private static int lineStart(String text, int at) {
    return text.lastIndexOf('\n', at) + 1;
  }

  /** The start of the {@code \s} run that ends at {@code at}. */
  private static int spacesBefore(String text, int at) {
    int i = at;
    while (i > 0 && isRegexSpace(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  /** What {@code \s} matches in a {@link java.util.regex.Pattern} without UNICODE flags. */
  private static boolean isRegexSpace(char ch) {
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
  }
}
