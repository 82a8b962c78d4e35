package dev.tokensieve.scoring.outcome;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import java.util.regex.MatchResult;
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
              + "(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)*"
              + "(?:(?:uv|poetry|pipenv|pdm|hatch\\s+env|rye)\\s+run\\s+)?(?:\\S*/)?(?:"
              + "py\\.?test|python[\\d.]*\\s+-m\\s+(?:pytest|unittest)|tox|nox"
              + "|(?:python[\\d.]*\\s+)?(?:\\S*/)?(?:manage\\.py\\s+test|runtests\\.py)"
              + "|mvnw?\\s[^|;&]*\\b(?:test|verify|install|package)\\b"
              + "|gradlew?\\s[^|;&]*\\b(?:test|check|build)\\b"
              + "|go\\s+test|cargo\\s+(?:test|nextest)"
              + "|npx\\s+(?:jest|vitest)|jest|vitest"
              + "|ctest|phpunit|rspec|dotnet\\s+test|mix\\s+test|bazel(?:isk)?\\s+test"
              // task runners running a test target: make test-unit, mise run test:ci, just test
              + "|(?:make|just|task|mise\\s+(?:run|r)|(?:npm|pnpm|yarn|bun)(?:\\s+run)?)"
              + "(?:\\s+-\\S+)*\\s+(?:test|check)[\\w:.-]*"
              + ")(?:$|[\\s;&|)])");

  /*
   * Hot: every test run's output (up to Step.EXCERPT_LIMIT characters) goes through up to nine of
   * these, and a regex that fails is tried at every position of the text. Each summary therefore
   * says where its first match can start at the earliest, from a literal every match holds on its
   * first line, or starts with at a line start: one indexOf (or a few), far cheaper than the
   * regex, rules most outputs out and lets the regex skip to the summary near the end. (One pass
   * looking for all nine literals at once was slower under the client JIT than nine indexOf.) fromOutputByRegex, which searches from 0, is the reference;
   * TestRunsTest checks that the two agree.
   */
  /* What \d matches in a Pattern without UNICODE flags. */
  private static final String DIGITS = "0123456789";

  private static final Summary PYTEST =
      new Summary(
              "(?m)^[= ]*((?:\\d+ (?:failed|passed|errors?|skipped|xfailed|xpassed|warnings?|deselected"
                  + "|rerun)(?:, )?)+ in [\\d.]+s(?: \\([^)]*\\))?)[= ]*$",
              output -> pytestEarliestStart(output.text))
          .startingLinesWith("= ", DIGITS);
  private static final Pattern PYTEST_BAD = Pattern.compile("\\d+ (?:failed|errors?)");
  private static final Summary UNITTEST =
      Summary.atLineStart(
          "Ran ", "(?m)^(Ran \\d+ tests? in [\\d.]+s)\\s*\\n\\s*\\n?(OK.*|FAILED.*)$");
  private static final Summary SUREFIRE =
      Summary.startingWith(
          "Tests run: ",
          "Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+)(?:, Skipped: \\d+)?(?:, Flakes: \\d+)?");
  private static final Summary BUILD =
      Summary.onLineOf("BUILD ", "(?m)^(?:\\[\\w+\\] )?(BUILD (SUCCESS(?:FUL)?|FAILURE|FAILED))")
          .startingLinesWith("[B");
  private static final Summary GRADLE_COUNT =
      Summary.onLineOf(
              " completed, ", "(?m)^(\\d+ tests? completed, \\d+ failed(?:, \\d+ skipped)?)")
          .startingLinesWith(DIGITS);
  private static final Summary GO_FAIL =
      new Summary(
              "(?m)^(--- FAIL: \\S+.*|FAIL\\s+\\S+.*|FAIL)$",
              output ->
                  earliest(
                      output.atLineStart("FAIL", false), output.atLineStart("--- FAIL: ", false)))
          .startingLinesWith("-F");
  private static final Summary GO_OK =
      new Summary(
              "(?m)^(ok\\s+\\S+\\s+(?:[\\d.]+s|\\(cached\\)).*)$",
              output -> output.atLineStart("ok", true)) // "ok" is in every other word
          .startingLinesWith("o");
  private static final Summary JEST =
      Summary.afterSpaces(
              "Tests",
              "(?m)^\\s*(Tests:?\\s+(?:\\d+ \\w+(?:, | \\| )?)+(?:\\s*\\(\\d+\\)|\\d+ total)?)\\s*$")
          .startingLinesWith(" \t\n\u000B\f\r", "T"); // \s*, then Tests
  private static final Pattern JEST_BAD = Pattern.compile("\\d+ failed");
  private static final Summary CARGO =
      Summary.atLineStart(
          "test result: ", "(?m)^(test result: (ok|FAILED)\\. \\d+ passed; \\d+ failed;.*)$");

  /* cargo nextest: "Summary [   0.012s] 12 tests run: 11 passed, 1 failed, 0 skipped". */
  private static final Summary NEXTEST =
      Summary.onLineOf(
          "Summary [", "(?m)^[ \\t]*(Summary \\[\\s*[\\d.]+s\\]\\s+\\d+ tests? run: .*?)[ \\t]*$");
  private static final Pattern NEXTEST_BAD =
      Pattern.compile("[1-9]\\d* (?:failed|timed out)|\\d+ leaky");
  /* bazel test: "Executed 2 out of 2 tests: 2 tests pass." (or "... 1 fails locally."). */
  private static final Summary BAZEL =
      Summary.atLineStart("Executed ", "(?m)^(Executed \\d+ out of \\d+ tests?: .*?)\\s*$");
  /* tox 4 ends with "congratulations :)" or "evaluation failed :(", tox 3 with "commands ...". */
  private static final Summary TOX =
      Summary.onLineOf(
          " :",
          "(?m)^[ \\t]*((?:congratulations :\\)|evaluation failed :\\()(?: \\([\\d.]+ seconds\\))?)"
              + "[ \\t]*$");
  private static final Summary TOX3 =
      Summary.onLineOf(
          ": commands ", "(?m)^(?:ERROR:)?[ \\t]*(\\S+: commands (?:succeeded|failed))[ \\t]*$");
  /* nox: "nox > Session tests-3.11 was successful in 2 seconds." or "... failed." */
  private static final Summary NOX =
      Summary.atLineStart(
          "nox > Session ",
          "(?m)^(nox > Session \\S+ (?:was successful|failed|raised an exception|aborted).*?)\\s*$");
  /* make's own failure line, when the runner under it printed no summary that was kept. */
  private static final Summary MAKE_ERROR =
      Summary.onLineOf(" *** ", "(?m)^(make(?:\\[\\d+\\])?: \\*\\*\\* .*\\bError \\d+.*?)\\s*$");

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

  /* The characters after which a (?m)^ may match. */
  private static final String LINE_TERMINATORS = "\n\r\u0085\u2028\u2029";

  /* The last characters of PYTEST_COUNTS. */
  private static final String PYTEST_COUNT_ENDS = "dsrgn ";

  /*
   * Literals one of which every TEST_COMMAND match holds (the runner's name, or "make" for make
   * check): a command with none is ruled out without the regex.
   */
  private static final String[] TEST_COMMAND_WORDS = {
    "test", "tox", "nox", "mvn", "gradle", "jest", "make", "phpunit", "rspec", "check"
  };

  /**
   * A runner's summary pattern, and where in a text its first match can start at the earliest: an
   * index no match starts before, or -1 when the text cannot hold one.
   */
  private record Summary(
      Pattern pattern,
      ToIntFunction<Output> earliestStart,
      String lineSkips,
      @Nullable String lineFirsts) {
    Summary(String regex, ToIntFunction<Output> earliestStart) {
      this(Pattern.compile(regex), earliestStart, "", null);
    }

    /**
     * This summary, noting that a match (at a line start, after {@code (?m)^}) starts with one of
     * {@code firsts}: lines starting otherwise are not tried.
     */
    Summary startingLinesWith(String firsts) {
      return startingLinesWith("", firsts);
    }

    /**
     * This summary, noting that a match starts with a run of {@code skips} (greedy, as {@code [=
     * ]*} or {@code \s*}) and then one of {@code firsts}, which no skip is.
     */
    Summary startingLinesWith(String skips, String firsts) {
      return new Summary(pattern, earliestStart, skips, firsts);
    }

    /** Whether a match may start at line start {@code at} of {@code text}, by its first chars. */
    boolean mayStartAt(String text, int at) {
      int i = at;
      while (i < text.length() && lineSkips.indexOf(text.charAt(i)) >= 0) {
        i++;
      }
      return i < text.length() && (lineFirsts == null || lineFirsts.indexOf(text.charAt(i)) >= 0);
    }

    /** Whether every match starts at a line start: the pattern begins with {@code (?m)^}. */
    boolean isAnchored() {
      return pattern.pattern().startsWith("(?m)^");
    }

    /** Every match starts with {@code literal}. */
    static Summary startingWith(String literal, String regex) {
      return new Summary(regex, output -> output.text.indexOf(literal));
    }

    /**
     * Every match starts with {@code literal} at a line start ({@code (?m)^}): the literal's other
     * occurrences, such as "ok" in "token", do not start the regex early.
     */
    static Summary atLineStart(String literal, String regex) {
      return new Summary(regex, output -> output.atLineStart(literal, false))
          .startingLinesWith(literal.substring(0, 1));
    }

    /** Every match holds {@code literal} on its first line. */
    static Summary onLineOf(String literal, String regex) {
      return new Summary(regex, output -> lineStart(output.text, output.text.indexOf(literal)));
    }

    /** Every match is spaces ({@code \s}, maybe across lines) and then {@code literal}. */
    static Summary afterSpaces(String literal, String regex) {
      return new Summary(regex, output -> spacesBefore(output.text, output.text.indexOf(literal)));
    }
  }

  private static final int MEMO_LIMIT = 8_192;
  private static final int MEMO_KEY_LIMIT = 512;
  private static final Map<String, Boolean> TEST_COMMANDS = new ConcurrentHashMap<>();

  private TestRuns() {}

  /** Whether a shell command runs tests. */
  static boolean isTestCommand(String command) {
    /*
     * Hot: signals, features and labels each ask this of every distinct shell command of every
     * session, and projects run the same commands session after session. Answers are kept for
     * commands up to MEMO_KEY_LIMIT characters, and all forgotten at MEMO_LIMIT of them, so the
     * memo stays small; the answer is the regex's either way (the function is pure).
     */
    if (command.length() > MEMO_KEY_LIMIT) {
      return classify(command);
    }
    Boolean known = TEST_COMMANDS.get(command);
    if (known == null) {
      known = classify(command);
      if (TEST_COMMANDS.size() >= MEMO_LIMIT) {
        TEST_COMMANDS.clear();
      }
      TEST_COMMANDS.put(command, known);
    }
    return known;
  }

  private static boolean classify(String command) {
    return holdsAny(command, TEST_COMMAND_WORDS) && TEST_COMMAND.matcher(command).find();
  }

  /*
   * A task runner or test script at command position, whatever its target: mise run ci, make all,
   * npm run verify, ./scripts/run-tests.sh. Its output is read for a runner's summary (go test,
   * pytest, jest... lines inside it); its name alone does not make it a test run.
   */
  private static final Pattern TASK_RUNNER =
      Pattern.compile(
          "(?:^|[;&|(]|\\bthen\\s|\\bdo\\s)\\s*(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)*(?:"
              + "(?:make|just|task|mise|nx|turbo|earthly)\\s"
              + "|(?:npm|pnpm|yarn|bun)\\s+run\\s"
              + "|(?:bash\\s+|sh\\s+)?\\S*tests?\\S*\\.(?:sh|bash)(?:$|\\s))");

  private static final String[] TASK_RUNNER_WORDS = {
    "make", "just", "task", "mise", "nx", "turbo", "earthly", "run", "test"
  };

  /**
   * Whether a shell command runs a task runner or a test script whose output may hold a test
   * runner's summary, though its name does not say that it runs tests.
   */
  static boolean isTaskRunner(String command) {
    return holdsAny(command, TASK_RUNNER_WORDS) && TASK_RUNNER.matcher(command).find();
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
    @Nullable Output landmarks = fromStart ? null : new Output(output); // null: search from 0
    String last = lastGroup(PYTEST, output, landmarks);
    if (last != null) {
      return Optional.of(new Verdict(!PYTEST_BAD.matcher(last).find(), last));
    }
    MatchResult ut = lastMatch(UNITTEST, output, landmarks);
    if (ut != null) {
      return Optional.of(
          new Verdict(ut.group(2).startsWith("OK"), ut.group(1) + ", " + ut.group(2).trim()));
    }
    MatchResult cargo = lastMatch(CARGO, output, landmarks);
    if (cargo != null) {
      return Optional.of(new Verdict("ok".equals(cargo.group(2)), cargo.group(1).trim()));
    }
    String nextest = lastGroup(NEXTEST, output, landmarks);
    if (nextest != null) {
      return Optional.of(new Verdict(!NEXTEST_BAD.matcher(nextest).find(), nextest));
    }
    String bazel = lastGroup(BAZEL, output, landmarks);
    if (bazel != null) {
      return Optional.of(new Verdict(!bazel.contains("fail"), bazel));
    }
    String tox = lastGroup(TOX, output, landmarks);
    if (tox == null) {
      tox = lastGroup(TOX3, output, landmarks);
    }
    if (tox != null) {
      return Optional.of(
          new Verdict(tox.startsWith("congratulations") || tox.endsWith("succeeded"), tox));
    }
    String nox = lastGroup(NOX, output, landmarks);
    if (nox != null) {
      return Optional.of(new Verdict(nox.contains("was successful"), nox));
    }
    MatchResult sure = lastMatch(SUREFIRE, output, landmarks);
    MatchResult build = lastMatch(BUILD, output, landmarks);
    if (sure != null) {
      boolean ok = "0".equals(sure.group(2)) && "0".equals(sure.group(3));
      if (build != null) {
        ok = ok && build.group(2).startsWith("SUCCESS");
        return Optional.of(new Verdict(ok, sure.group() + "; " + build.group(1)));
      }
      return Optional.of(new Verdict(ok, sure.group()));
    }
    String gradle = lastGroup(GRADLE_COUNT, output, landmarks);
    if (gradle != null) {
      return Optional.of(new Verdict(false, gradle));
    }
    String jest = lastGroup(JEST, output, landmarks);
    if (jest != null) {
      return Optional.of(new Verdict(!JEST_BAD.matcher(jest).find(), jest.trim()));
    }
    Matcher goFail = firstMatch(GO_FAIL, output, landmarks);
    if (goFail != null) {
      return Optional.of(new Verdict(false, goFail.group(1).trim()));
    }
    String goOk = lastGroup(GO_OK, output, landmarks);
    if (goOk != null) {
      return Optional.of(new Verdict(true, goOk.trim()));
    }
    if (build != null) {
      return Optional.of(new Verdict(build.group(2).startsWith("SUCCESS"), build.group(1)));
    }
    String make = lastGroup(MAKE_ERROR, output, landmarks);
    if (make != null) {
      return Optional.of(new Verdict(false, make));
    }
    return Optional.empty();
  }

  private static @Nullable String lastGroup(Summary s, String text, @Nullable Output landmarks) {
    MatchResult m = lastMatch(s, text, landmarks);
    return m == null ? null : m.group(1);
  }

  private static @Nullable MatchResult lastMatch(
      Summary s, String text, @Nullable Output landmarks) {
    int from = landmarks == null ? 0 : s.earliestStart().applyAsInt(landmarks);
    if (from < 0) {
      return null;
    }
    if (landmarks != null && s.isAnchored()) {
      return lastAtLines(s, text, landmarks, from);
    }
    int start = -1;
    Matcher m = s.pattern().matcher(text);
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

  private static @Nullable Matcher firstMatch(Summary s, String text, @Nullable Output landmarks) {
    int from = landmarks == null ? 0 : s.earliestStart().applyAsInt(landmarks);
    if (from < 0) {
      return null;
    }
    if (landmarks != null && s.isAnchored()) {
      int start = firstStartAtLines(s, text, landmarks, from);
      if (start < 0) {
        return null;
      }
      from = start; // a match starts there: find stops at it
    }
    Matcher m = s.pattern().matcher(text);
    return m.find(from) ? m : null;
  }

  /*
   * Hot: find() tries a pattern at every position of the text, even one that starts with (?m)^
   * and so can only match at a line start. These try it at the line starts only, each with
   * lookingAt on a region that reaches the end of the text, with transparent and non-anchoring
   * bounds: there the match attempt at the region's start is the one find makes at that position
   * (^, $ and lookarounds see the whole text). Taking the candidates in order and skipping those
   * inside the previous match gives the very matches successive find() calls give. A line whose
   * first characters no match can start with (Summary.mayStartAt) is not tried at all. The reference
   * is the find() loop (fromOutputByRegex), and TestRunsTest checks the two agree.
   */

  /**
   * The last of the successive matches from {@code from}; null if none. The match kept is the one
   * lookingAt made (the match find makes at that line start), not found again.
   */
  private static @Nullable MatchResult lastAtLines(Summary s, String text, Output lines, int from) {
    Matcher m = s.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    MatchResult last = null;
    int next = from;
    for (int line : lines.lineStartsFrom(from)) {
      if (line < next || !s.mayStartAt(text, line)) {
        continue;
      }
      m.region(line, text.length());
      if (m.lookingAt()) {
        last = m.toMatchResult();
        next = m.end() == line ? line + 1 : m.end(); // as find() steps past an empty match
      }
    }
    return last;
  }

  /** Where the first match at or after {@code from} starts; -1 if none. */
  private static int firstStartAtLines(Summary s, String text, Output lines, int from) {
    Matcher m = s.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    for (int line : lines.lineStartsFrom(from)) {
      if (line >= from && s.mayStartAt(text, line)) {
        m.region(line, text.length());
        if (m.lookingAt()) {
          return line;
        }
      }
    }
    return -1;
  }

  /**
   * Where a pytest summary can start at the earliest: the line of the first " in " that follows a
   * count's word, as in {@code 1 failed, 2 passed in 0.31s}; -1 when no " in " does.
   */
  private static int pytestEarliestStart(String text) {
    // each " in ", found as "in " after a space: indexOf(" in ") would stop at every space
    for (int in = text.indexOf("in ", 1); in >= 0; in = text.indexOf("in ", in + 1)) {
      int at = in - 1;
      // " in " is common prose: the last letter of a count's word rules most out at once
      if (text.charAt(at) != ' ' || at == 0 || PYTEST_COUNT_ENDS.indexOf(text.charAt(at - 1)) < 0) {
        continue;
      }
      for (String word : PYTEST_COUNTS) {
        if (text.startsWith(word, at - word.length())) {
          return lineStart(text, at);
        }
      }
    }
    return -1;
  }

  /**
   * The start of the line holding index {@code at} (-1 for -1), or an earlier index: only {@code
   * \\n} is looked for, and a regex line may also start after {@code \\r} or U+2028.
   */
  private static int lineStart(String text, int at) {
    return at < 0 ? -1 : text.lastIndexOf('\n', at) + 1;
  }

  /**
   * A test run's output, and where its lines start, found when first asked for: at 0 and after
   * every line terminator a {@code (?m)^} knows (a superset of where it matches: the regex also
   * refuses between {@code \r} and {@code \n}).
   */
  static final class Output {
    final String text;
    private int[] lineStarts = new int[0];
    private int lineStartsFrom = Integer.MAX_VALUE; // lineStarts holds every line start from here

    Output(String text) {
      this.text = text;
    }

    /**
     * The first {@code literal} in the text at a line start; -1 when there is none.
     *
     * <p>Up to five anchored literals are looked for per output. A rare one is searched for on its
     * own (one pass, its few occurrences checked), unless the line starts are known already. A
     * {@code common} one ("ok" is in every other word) is tried at the line starts only, found once
     * by one indexOf per terminator (three passes: in a Latin-1 string, U+2028 and U+2029 return at
     * once); finding them for the rare ones too cost more than it saved, as most outputs are
     * decided before the common one is asked for. atLineStartByScan is the reference.
     */
    int atLineStart(String literal, boolean common) {
      if (!common && lineStartsFrom != 0) {
        return atLineStartByScan(text, literal);
      }
      for (int start : lineStartsFrom(0)) {
        if (text.startsWith(literal, start)) {
          return start;
        }
      }
      return -1;
    }

    /**
     * Every line start at or after {@code from}, ascending, and maybe some before it: found from
     * the smallest {@code from} asked for so far, so that a summary near the end of the output
     * reads only the output's tail.
     */
    int[] lineStartsFrom(int from) {
      if (from < lineStartsFrom) {
        lineStarts = lineStartsOf(text, from);
        lineStartsFrom = from;
      }
      return lineStarts;
    }
  }

  /**
   * The line starts of {@code text} at or after {@code from}, ascending: {@code from} itself if it
   * is 0 or follows a terminator, and the index after every terminator from {@code from} on.
   */
  private static int[] lineStartsOf(String text, int from) {
    int[] starts = new int[16];
    int n = 0;
    if (from == 0
        || (from <= text.length() && LINE_TERMINATORS.indexOf(text.charAt(from - 1)) >= 0)) {
      starts[n++] = from;
    }
    int base = n; // the first terminator's starts follow from in order; later ones may not
    boolean mixed = false;
    for (int t = 0; t < LINE_TERMINATORS.length(); t++) {
      char terminator = LINE_TERMINATORS.charAt(t);
      int before = n;
      for (int at = text.indexOf(terminator, from);
          at >= 0;
          at = text.indexOf(terminator, at + 1)) {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = at + 1;
      }
      mixed |= before > base && n > before;
    }
    starts = Arrays.copyOf(starts, n);
    if (mixed) {
      Arrays.sort(starts);
    }
    return starts;
  }

  /** The simple form of {@link #atLineStart}, kept as its reference. */
  static int atLineStartByScan(String text, String literal) {
    int at = text.indexOf(literal);
    while (at > 0 && LINE_TERMINATORS.indexOf(text.charAt(at - 1)) < 0) {
      at = text.indexOf(literal, at + 1);
    }
    return at;
  }

  /** The lesser of two earliest starts, either of which may be -1. */
  private static int earliest(int a, int b) {
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }

  /** The start of the {@code \s} run that ends at {@code at} (-1 for -1). */
  private static int spacesBefore(String text, int at) {
    int i = at;
    while (i > 0 && isRegexSpace(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  /** What {@code \s} matches in a {@link Pattern} without UNICODE flags. */
  private static boolean isRegexSpace(char ch) {
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
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
