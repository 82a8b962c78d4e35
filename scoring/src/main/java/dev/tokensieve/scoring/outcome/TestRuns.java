package dev.tokensieve.scoring.outcome;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognises test-runner commands and reads their verdict from the output.
 *
 * <p>Runners print their verdict at the end, which {@code Texts.excerpt} keeps; each pattern takes
 * the <em>last</em> summary in the text, because watch modes and re-runs print several.
 */
final class TestRuns {
  /** A test run's verdict and the exact text that shows it. */
  record Verdict(boolean passed, String evidence) {}

  // a runner at command position: line start, after ; && || | ( then do, or env assignments
  private static final Pattern TEST_COMMAND =
      Pattern.compile(
          "(?:^|[;&|(]|\\bthen\\s|\\bdo\\s|\\btimeout\\s+\\d+\\w?\\s)\\s*"
              + "(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)*(?:\\S*/)?(?:"
              + "py\\.?test|python[\\d.]*\\s+-m\\s+(?:pytest|unittest)|tox|nox"
              + "|(?:python[\\d.]*\\s+)?(?:\\S*/)?(?:manage\\.py\\s+test|runtests\\.py)"
              + "|mvnw?\\s[^|;&]*\\b(?:test|verify|install|package)\\b"
              + "|gradlew?\\s[^|;&]*\\b(?:test|check|build)\\b"
              + "|go\\s+test|cargo\\s+(?:test|nextest)"
              + "|(?:npm|pnpm|yarn|bun)\\s+(?:run\\s+)?test|npx\\s+(?:jest|vitest)|jest|vitest"
              + "|make\\s+(?:test|check)|ctest|phpunit|rspec|dotnet\\s+test|mix\\s+test"
              + ")(?:$|[\\s;&|)])");

  /*
   * Hot: every test run's output (up to Step.EXCERPT_LIMIT characters) goes through up to nine of
   * these, and a regex that fails is tried at every position of the text. Each summary therefore
   * starts its search where a landmark says its first match can start at the earliest: a literal
   * every match holds on its first line, or starts with at a line start. One pass over the text
   * (Landmarks.of) finds all nine; a text without them skips the regexes, and the others skip to
   * the summary near the end. fromOutputByRegex, which searches from 0, is the reference;
   * TestRunsTest checks that the two agree.
   */
  private static final Summary PYTEST =
      new Summary(
          "(?m)^[= ]*((?:\\d+ (?:failed|passed|errors?|skipped|xfailed|xpassed|warnings?|deselected"
              + "|rerun)(?:, )?)+ in [\\d.]+s(?: \\([^)]*\\))?)[= ]*$",
          Landmarks.PYTEST);
  private static final Pattern PYTEST_BAD = Pattern.compile("\\d+ (?:failed|errors?)");
  private static final Summary UNITTEST =
      new Summary(
          "(?m)^(Ran \\d+ tests? in [\\d.]+s)\\s*\\n\\s*\\n?(OK.*|FAILED.*)$", Landmarks.UNITTEST);
  private static final Summary SUREFIRE =
      new Summary(
          "Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+)(?:, Skipped: \\d+)?(?:, Flakes: \\d+)?",
          Landmarks.SUREFIRE);
  private static final Summary BUILD =
      new Summary("(?m)^(?:\\[\\w+\\] )?(BUILD (SUCCESS(?:FUL)?|FAILURE|FAILED))", Landmarks.BUILD);
  private static final Summary GRADLE_COUNT =
      new Summary("(?m)^(\\d+ tests? completed, \\d+ failed(?:, \\d+ skipped)?)", Landmarks.GRADLE);
  private static final Summary GO_FAIL =
      new Summary("(?m)^(--- FAIL: \\S+.*|FAIL\\s+\\S+.*|FAIL)$", Landmarks.GO_FAIL);
  private static final Summary GO_OK =
      new Summary("(?m)^(ok\\s+\\S+\\s+(?:[\\d.]+s|\\(cached\\)).*)$", Landmarks.GO_OK);
  private static final Summary JEST =
      new Summary(
          "(?m)^\\s*(Tests:?\\s+(?:\\d+ \\w+(?:, | \\| )?)+(?:\\s*\\(\\d+\\)|\\d+ total)?)\\s*$",
          Landmarks.JEST);
  private static final Pattern JEST_BAD = Pattern.compile("\\d+ failed");
  private static final Summary CARGO =
      new Summary(
          "(?m)^(test result: (ok|FAILED)\\. \\d+ passed; \\d+ failed;.*)$", Landmarks.CARGO);

  /*
   * Literals one of which every TEST_COMMAND match holds (the runner's name, or "make" for make
   * check): a command with none is ruled out without the regex.
   */
  private static final String[] TEST_COMMAND_WORDS = {
    "test", "tox", "nox", "mvn", "gradle", "jest", "make", "phpunit", "rspec"
  };

  /** A runner's summary pattern, and which of {@link Landmarks} says where it can start. */
  private record Summary(Pattern pattern, int landmark) {
    Summary(String regex, int landmark) {
      this(Pattern.compile(regex), landmark);
    }
  }

  private TestRuns() {}

  /** Whether a shell command runs tests. */
  static boolean isTestCommand(String command) {
    return holdsAny(command, TEST_COMMAND_WORDS) && TEST_COMMAND.matcher(command).find();
  }

  /** The simple form of {@link #isTestCommand}, kept as its reference. */
  static boolean isTestCommandByRegex(String command) {
    return TEST_COMMAND.matcher(command).find();
  }

  /**
   * The verdict of a test run: the runner's own summary when the output has one, else the exit
   * code, else the error flag; empty when nothing tells.
   */
  static Optional<Verdict> verdict(
      String command, String output, @Nullable Integer exitCode, boolean isError) {
    Optional<Verdict> fromText = fromOutput(output);
    if (fromText.isPresent()) {
      return fromText;
    }
    String shown = command.length() > 80 ? command.substring(0, 77) + "..." : command;
    if (exitCode != null) {
      // pytest exits 5 when it collected no tests: that is not a pass
      return Optional.of(new Verdict(exitCode == 0, "`" + shown + "` exited with " + exitCode));
    }
    if (isError) {
      return Optional.of(new Verdict(false, "`" + shown + "` reported an error"));
    }
    return Optional.empty();
  }

  /** Reads the last runner summary in {@code output}. */
  static Optional<Verdict> fromOutput(String output) {
    return fromOutput(output, false);
  }

  /** The simple form of {@link #fromOutput}: every regex searched from the start. */
  static Optional<Verdict> fromOutputByRegex(String output) {
    return fromOutput(output, true);
  }

  private static Optional<Verdict> fromOutput(String output, boolean fromStart) {
    int[] from = fromStart ? Landmarks.NONE : Landmarks.of(output);
    String last = lastGroup(PYTEST, output, from);
    if (last != null) {
      return Optional.of(new Verdict(!PYTEST_BAD.matcher(last).find(), last));
    }
    Matcher ut = lastMatch(UNITTEST, output, from);
    if (ut != null) {
      return Optional.of(
          new Verdict(ut.group(2).startsWith("OK"), ut.group(1) + ", " + ut.group(2).trim()));
    }
    Matcher cargo = lastMatch(CARGO, output, from);
    if (cargo != null) {
      return Optional.of(new Verdict("ok".equals(cargo.group(2)), cargo.group(1).trim()));
    }
    Matcher sure = lastMatch(SUREFIRE, output, from);
    Matcher build = lastMatch(BUILD, output, from);
    if (sure != null) {
      boolean ok = "0".equals(sure.group(2)) && "0".equals(sure.group(3));
      if (build != null) {
        ok = ok && build.group(2).startsWith("SUCCESS");
        return Optional.of(new Verdict(ok, sure.group() + "; " + build.group(1)));
      }
      return Optional.of(new Verdict(ok, sure.group()));
    }
    String gradle = lastGroup(GRADLE_COUNT, output, from);
    if (gradle != null) {
      return Optional.of(new Verdict(false, gradle));
    }
    String jest = lastGroup(JEST, output, from);
    if (jest != null) {
      return Optional.of(new Verdict(!JEST_BAD.matcher(jest).find(), jest.trim()));
    }
    Matcher goFail = firstMatch(GO_FAIL, output, from);
    if (goFail != null) {
      return Optional.of(new Verdict(false, goFail.group(1).trim()));
    }
    String goOk = lastGroup(GO_OK, output, from);
    if (goOk != null) {
      return Optional.of(new Verdict(true, goOk.trim()));
    }
    if (build != null) {
      return Optional.of(new Verdict(build.group(2).startsWith("SUCCESS"), build.group(1)));
    }
    return Optional.empty();
  }

  private static @Nullable String lastGroup(Summary s, String text, int[] landmarks) {
    Matcher m = lastMatch(s, text, landmarks);
    return m == null ? null : m.group(1);
  }

  private static @Nullable Matcher lastMatch(Summary s, String text, int[] landmarks) {
    int from = landmarks[s.landmark()];
    if (from < 0) {
      return null;
    }
    Matcher m = s.pattern().matcher(text);
    int start = -1;
    if (m.find(from)) {
      do {
        start = m.start();
      } while (m.find());
    }
    if (start < 0) {
      return null;
    }
    Matcher last = s.pattern().matcher(text);
    last.find(start);
    return last;
  }

  private static @Nullable Matcher firstMatch(Summary s, String text, int[] landmarks) {
    int from = landmarks[s.landmark()];
    if (from < 0) {
      return null;
    }
    Matcher m = s.pattern().matcher(text);
    return m.find(from) ? m : null;
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
