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

  private static final Pattern PYTEST =
      Pattern.compile(
          "(?m)^[= ]*((?:\\d+ (?:failed|passed|errors?|skipped|xfailed|xpassed|warnings?|deselected"
              + "|rerun)(?:, )?)+ in [\\d.]+s(?: \\([^)]*\\))?)[= ]*$");
  private static final Pattern PYTEST_BAD = Pattern.compile("\\d+ (?:failed|errors?)");
  private static final Pattern UNITTEST =
      Pattern.compile("(?m)^(Ran \\d+ tests? in [\\d.]+s)\\s*\\n\\s*\\n?(OK.*|FAILED.*)$");
  private static final Pattern SUREFIRE =
      Pattern.compile(
          "Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+)(?:, Skipped: \\d+)?(?:, Flakes: \\d+)?");
  private static final Pattern BUILD =
      Pattern.compile("(?m)^(?:\\[\\w+\\] )?(BUILD (SUCCESS(?:FUL)?|FAILURE|FAILED))");
  private static final Pattern GRADLE_COUNT =
      Pattern.compile("(?m)^(\\d+ tests? completed, \\d+ failed(?:, \\d+ skipped)?)");
  private static final Pattern GO_FAIL =
      Pattern.compile("(?m)^(--- FAIL: \\S+.*|FAIL\\s+\\S+.*|FAIL)$");
  private static final Pattern GO_OK =
      Pattern.compile("(?m)^(ok\\s+\\S+\\s+(?:[\\d.]+s|\\(cached\\)).*)$");
  private static final Pattern JEST =
      Pattern.compile(
          "(?m)^\\s*(Tests:?\\s+(?:\\d+ \\w+(?:, | \\| )?)+(?:\\s*\\(\\d+\\)|\\d+ total)?)\\s*$");
  private static final Pattern JEST_BAD = Pattern.compile("\\d+ failed");
  private static final Pattern CARGO =
      Pattern.compile("(?m)^(test result: (ok|FAILED)\\. \\d+ passed; \\d+ failed;.*)$");

  private TestRuns() {}

  /** Whether a shell command runs tests. */
  static boolean isTestCommand(String command) {
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
    String last = lastGroup(PYTEST, output, 1);
    if (last != null) {
      return Optional.of(new Verdict(!PYTEST_BAD.matcher(last).find(), last));
    }
    Matcher ut = lastMatch(UNITTEST, output);
    if (ut != null) {
      return Optional.of(
          new Verdict(ut.group(2).startsWith("OK"), ut.group(1) + ", " + ut.group(2).trim()));
    }
    Matcher cargo = lastMatch(CARGO, output);
    if (cargo != null) {
      return Optional.of(new Verdict("ok".equals(cargo.group(2)), cargo.group(1).trim()));
    }
    Matcher sure = lastMatch(SUREFIRE, output);
    Matcher build = lastMatch(BUILD, output);
    if (sure != null) {
      boolean ok = "0".equals(sure.group(2)) && "0".equals(sure.group(3));
      if (build != null) {
        ok = ok && build.group(2).startsWith("SUCCESS");
        return Optional.of(new Verdict(ok, sure.group() + "; " + build.group(1)));
      }
      return Optional.of(new Verdict(ok, sure.group()));
    }
    String gradle = lastGroup(GRADLE_COUNT, output, 1);
    if (gradle != null) {
      return Optional.of(new Verdict(false, gradle));
    }
    String jest = lastGroup(JEST, output, 1);
    if (jest != null) {
      return Optional.of(new Verdict(!JEST_BAD.matcher(jest).find(), jest.trim()));
    }
    Matcher goFail = firstMatch(GO_FAIL, output);
    if (goFail != null) {
      return Optional.of(new Verdict(false, goFail.group(1).trim()));
    }
    String goOk = lastGroup(GO_OK, output, 1);
    if (goOk != null) {
      return Optional.of(new Verdict(true, goOk.trim()));
    }
    if (build != null) {
      return Optional.of(new Verdict(build.group(2).startsWith("SUCCESS"), build.group(1)));
    }
    return Optional.empty();
  }

  private static @Nullable String lastGroup(Pattern p, String text, int group) {
    Matcher m = lastMatch(p, text);
    return m == null ? null : m.group(group);
  }

  private static @Nullable Matcher lastMatch(Pattern p, String text) {
    Matcher m = p.matcher(text);
    int start = -1;
    while (m.find()) {
      start = m.start();
    }
    if (start < 0) {
      return null;
    }
    Matcher last = p.matcher(text);
    last.find(start);
    return last;
  }

  private static @Nullable Matcher firstMatch(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m : null;
  }
}
