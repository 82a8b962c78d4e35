package dev.tokensieve.scoring.outcome;

import dev.tokensieve.core.detect.CallIndex;
import dev.tokensieve.core.model.Instants;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the outcome evidence a session carries: test runs and their verdicts, commits, pushes, pull
 * requests, interrupts, API errors, edits, and how the agent said it ended.
 *
 * <p>Stateless and thread-safe. Signals come back in request order; each carries the exact text
 * that shows it, so a person can check it without opening the trace.
 */
public final class OutcomeSignals {
  /** Session attribute keys the format parsers set (FORMATS.md section 7); read leniently. */
  public static final String EXIT_STATUS = "exit_status";

  /** OpenHands' final {@code agent_state}. */
  public static final String AGENT_STATE = "agent_state";

  /** A submitted patch (SWE-agent, mini-swe-agent). */
  public static final String SUBMISSION = "submission";

  /** A pull request URL (Claude Code {@code pr-link}). */
  public static final String PR_URL = "pr.url";

  /** OpenHands resolver's {@code success}. */
  public static final String SUCCESS = "success";

  private static final Pattern GIT_COMMIT = Pattern.compile("\\bgit\\b[^|;&]*\\bcommit\\b");
  private static final Pattern GIT_PUSH = Pattern.compile("\\bgit\\b[^|;&]*\\bpush\\b");
  private static final Pattern GH_PR_CREATE = Pattern.compile("\\bgh\\s+pr\\s+create\\b");
  private static final Pattern COMMIT_LINE =
      Pattern.compile("(?m)^(\\[[^\\]\\s]+(?: \\(root-commit\\))? [0-9a-f]{7,40}\\] .*)$");
  private static final Pattern PUSH_LINE =
      Pattern.compile(
          "(?m)^\\s*((?:[0-9a-f]{7,40}\\.\\.[0-9a-f]{7,40}|\\* \\[new branch\\])\\s+\\S+ -> \\S+)\\s*$");
  private static final Pattern PUSH_REJECTED =
      Pattern.compile(
          "(?m)^(?:\\s*! \\[(?:rejected|remote rejected)\\]|error: failed to push|fatal: )");
  private static final Pattern PULL_URL =
      Pattern.compile("https://github\\.com/[\\w.-]+/[\\w.-]+/pull/\\d+");
  private static final Pattern SHELL_WRITE =
      Pattern.compile(
          "(?:\\bsed\\s+(?:-\\w*\\s+)*-i|\\bperl\\s+-\\w*i|\\bgit\\s+apply\\b|\\bpatch\\s+-p|\\bapply_patch\\b"
              + "|\\btee\\s+(?!-a\\s+/dev/)|(?<![0-9&])>{1,2}\\s*(?!/dev/|&)[\\w./-]+\\.\\w+)");
  /*
   * Literals one of which every SHELL_WRITE match holds: isEdit runs for every call, three times
   * per session (signals, features, labels), and indexOf rules most commands out far faster than
   * the regex, tried at every position, would.
   */
  private static final String[] SHELL_WRITE_WORDS = {"sed", "perl", "apply", "patch", "tee", ">"};

  private static final int EVIDENCE_LIMIT = 200;

  /* Claude Code's result for a tool use the user refused ("i'll take it from here", "too slow"). */
  private static final String REJECTED = "The user doesn't want to proceed with this tool use";

  private static final String TOOL_USE_ERROR = "<tool_use_error>";

  /* A session "ends right after" a passing run if at most this many requests follow it. */
  private static final int ENDED_AFTER_REQUESTS = 5;

  private OutcomeSignals() {}

  /** The signals {@code session} carries, in request order (session-level ones last). */
  public static List<OutcomeSignal> read(Session session) {
    CallIndex index = CallIndex.of(session);
    return read(session, index, new Edits(index));
  }

  /** The signals {@code session}'s session carries, with the indexes kept with it. */
  public static List<OutcomeSignal> read(PricedSession session) {
    return read(session.session(), CallIndex.of(session), edits(session));
  }

  private static List<OutcomeSignal> read(Session session, CallIndex index, Edits edits) {
    List<OutcomeSignal> out = new ArrayList<>();
    Map<String, Integer> testCommands = new HashMap<>(); // sessions repeat their commands
    boolean edited = false;
    int lastEdit = -1;
    OutcomeSignal lastTest = null;
    int lastRequest = session.requests().size() - 1;
    for (int i = 0; i < index.size(); i++) {
      Step step = index.step(i);
      if (step instanceof Step.ToolCall) {
        if (edits.at(i)) {
          edited = true;
          lastEdit = Math.max(lastEdit, step.request());
        }
      } else if (step instanceof Step.Edit) {
        edited = true;
        lastEdit = Math.max(lastEdit, step.request());
      } else if (step instanceof Step.ToolResult) {
        Step.ToolResult result = (Step.ToolResult) step;
        Step.ToolCall call = index.callOf(i);
        if (call != null && call.kind() == ToolKind.SHELL) {
          int runs = testCommands.computeIfAbsent(call.target(), OutcomeSignals::runsTests);
          OutcomeSignal test = shellResult(call, runs, result, out);
          if (test != null) {
            lastTest = test;
          }
        }
      } else if (step instanceof Step.Interrupt) {
        out.add(
            new OutcomeSignal(
                SignalKind.INTERRUPT,
                step.request(),
                "user interrupted the agent at " + Instants.text(step.at())));
      } else if (step instanceof Step.ApiError) {
        out.add(
            new OutcomeSignal(
                SignalKind.API_ERROR, step.request(), clip(((Step.ApiError) step).message())));
      }
    }
    if (EvidenceVerdict.isInteractive(session.agent())) {
      Conversation.read(session, index, edits, out);
    }
    if (lastTest != null
        && lastTest.kind() == SignalKind.TESTS_PASSED
        && lastEdit <= lastTest.request()
        && lastRequest - lastTest.request() <= ENDED_AFTER_REQUESTS) {
      out.add(
          new OutcomeSignal(
              SignalKind.ENDED_AFTER_PASSING_TESTS, lastTest.request(), lastTest.evidence()));
    }
    if (lastTest != null && lastTest.kind() == SignalKind.TESTS_FAILED) {
      out.add(
          new OutcomeSignal(
              SignalKind.ENDED_ON_FAILING_TESTS, lastTest.request(), lastTest.evidence()));
    }
    Optional<String> submission = session.attribute(SUBMISSION).filter(s -> !s.isBlank());
    if (!edited && submission.isEmpty()) {
      out.add(new OutcomeSignal(SignalKind.NO_EDITS, lastRequest, "no file was changed"));
    }
    attributes(session, lastRequest, out);
    out.sort(Comparator.comparingInt(s -> s.request() < 0 ? Integer.MAX_VALUE : s.request()));
    return List.copyOf(out);
  }

  /**
   * Which steps of {@code session} are tool calls that change a file ({@link #isEdit}), found once
   * and kept with the session: the signals, the features and the labels each ask it of every call.
   */
  public static Edits edits(PricedSession session) {
    return session.derived(Edits.class, p -> new Edits(CallIndex.of(p)));
  }

  /** Which steps of a session are tool calls that change a file; see {@link #edits}. */
  public static final class Edits {
    private final boolean[] byStep;

    Edits(CallIndex index) {
      byStep = new boolean[index.size()];
      Map<String, Boolean> commands = new HashMap<>(); // sessions repeat their commands
      for (int i = 0; i < byStep.length; i++) {
        Step s = index.step(i);
        if (s instanceof Step.ToolCall) {
          Step.ToolCall call = (Step.ToolCall) s;
          if (call.kind() == ToolKind.SHELL) {
            Boolean writes = commands.get(call.target());
            if (writes == null) {
              writes = isEdit(call);
              commands.put(call.target(), writes);
            }
            byStep[i] = writes;
          } else {
            byStep[i] = isEdit(call);
          }
        }
      }
    }

    /** Whether step {@code i} is a tool call that changes a file. */
    public boolean at(int i) {
      return byStep[i];
    }
  }

  /** Whether a tool call changes a file: an edit or write tool, or a shell command that writes. */
  public static boolean isEdit(Step.ToolCall call) {
    return call.kind() == ToolKind.EDIT
        || call.kind() == ToolKind.WRITE
        || (call.kind() == ToolKind.SHELL
            && writesFiles(call.target())
            && !TestRuns.isTestCommand(call.target()));
  }

  private static boolean writesFiles(String command) {
    for (String word : SHELL_WRITE_WORDS) {
      if (command.contains(word)) {
        return SHELL_WRITE.matcher(command).find();
      }
    }
    return false;
  }

  /** The simple form of the shell test in {@link #isEdit}, kept as its reference. */
  static boolean writesFilesByRegex(String command) {
    return SHELL_WRITE.matcher(command).find();
  }

  /** Whether a shell command runs tests (pytest, Maven, Gradle, go test, jest, cargo, ...). */
  public static boolean isTestCommand(String command) {
    return TestRuns.isTestCommand(command);
  }

  /** A test command ({@link #TEST_RUN}), a task runner ({@link #MAYBE_TEST_RUN}) or neither. */
  private static int runsTests(String command) {
    return TestRuns.isTestCommand(command)
        ? TEST_RUN
        : TestRuns.isTaskRunner(command) ? MAYBE_TEST_RUN : 0;
  }

  private static final int TEST_RUN = 2;
  private static final int MAYBE_TEST_RUN = 1;

  private static OutcomeSignal shellResult(
      Step.ToolCall call, int runs, Step.ToolResult result, List<OutcomeSignal> out) {
    String cmd = call.target();
    String text = result.excerpt();
    if (text.startsWith(REJECTED) || text.startsWith(TOOL_USE_ERROR)) {
      return null; // the command never ran: the user refused it, or the harness did
    }
    int req = result.request();
    boolean failed = result.isError() || (result.exitCode() != null && result.exitCode() != 0);
    OutcomeSignal test = null;
    if (runs > 0) {
      // a task runner's output is a test run only if it prints a runner's summary
      Optional<TestRuns.Verdict> v =
          runs == TEST_RUN
              ? TestRuns.verdict(cmd, text, result.exitCode(), result.isError())
              : TestRuns.fromOutput(text);
      if (v.isPresent()) {
        SignalKind kind = v.get().passed() ? SignalKind.TESTS_PASSED : SignalKind.TESTS_FAILED;
        test = new OutcomeSignal(kind, req, v.get().evidence());
        out.add(test);
      }
    }
    // the literals first: each regex below would be tried at every position of every command
    if (cmd.contains("commit") && GIT_COMMIT.matcher(cmd).find()) {
      Matcher m = COMMIT_LINE.matcher(text);
      if (m.find()) {
        out.add(new OutcomeSignal(SignalKind.COMMIT, req, clip(m.group(1))));
      } else if (!failed && result.exitCode() != null) {
        out.add(new OutcomeSignal(SignalKind.COMMIT, req, "`" + clip(cmd) + "` exited with 0"));
      }
    }
    if (cmd.contains("push")
        && GIT_PUSH.matcher(cmd).find()
        && !failed
        && !PUSH_REJECTED.matcher(text).find()) {
      Matcher m = PUSH_LINE.matcher(text);
      if (m.find()) {
        out.add(new OutcomeSignal(SignalKind.PUSH, req, clip(m.group(1))));
      } else if (result.exitCode() != null) {
        out.add(new OutcomeSignal(SignalKind.PUSH, req, "`" + clip(cmd) + "` exited with 0"));
      }
    }
    if (CiChecks.isCiCommand(cmd)) {
      Optional<CiChecks.Verdict> ci = CiChecks.fromOutput(text);
      if (ci.isPresent()) {
        SignalKind kind = ci.get().passed() ? SignalKind.CI_PASSED : SignalKind.CI_FAILED;
        out.add(new OutcomeSignal(kind, req, clip(ci.get().evidence())));
      }
    }
    if (cmd.contains("gh") && GH_PR_CREATE.matcher(cmd).find() && !failed) {
      Matcher m = PULL_URL.matcher(text);
      if (m.find()) {
        out.add(new OutcomeSignal(SignalKind.PR_CREATED, req, m.group()));
      }
    }
    return test;
  }

  private static void attributes(Session session, int lastRequest, List<OutcomeSignal> out) {
    Optional<String> pr = session.attribute(PR_URL).filter(s -> !s.isBlank());
    if (pr.isPresent() && !hasEvidence(out, pr.get())) {
      out.add(new OutcomeSignal(SignalKind.PR_CREATED, lastRequest, pr.get()));
    }
    Optional<String> exit = session.attribute(EXIT_STATUS);
    if (exit.isPresent()) {
      String v = exit.get().trim().toLowerCase(Locale.ROOT);
      String evidence = EXIT_STATUS + ": " + clip(exit.get().trim());
      if (v.startsWith("submitted") && !v.contains("exit_")) {
        out.add(new OutcomeSignal(SignalKind.TASK_COMPLETED, lastRequest, evidence));
      } else if (!v.isEmpty()) {
        // exit_cost, exit_context, submitted (exit_cost), LimitsExceeded, FormatError, ...
        out.add(new OutcomeSignal(SignalKind.ERROR_EXIT, lastRequest, evidence));
      }
    }
    Optional<String> state = session.attribute(AGENT_STATE);
    if (state.isPresent()) {
      String v = state.get().trim().toLowerCase(Locale.ROOT);
      String evidence = AGENT_STATE + ": " + clip(state.get().trim());
      if (v.equals("finished")) {
        out.add(new OutcomeSignal(SignalKind.TASK_COMPLETED, lastRequest, evidence));
      } else if (v.equals("error") || v.equals("rejected") || v.equals("rate_limited")) {
        out.add(new OutcomeSignal(SignalKind.ERROR_EXIT, lastRequest, evidence));
      }
    }
    Optional<String> success = session.attribute(SUCCESS);
    if (success.isPresent()) {
      String v = success.get().trim().toLowerCase(Locale.ROOT);
      if (v.equals("true")) {
        out.add(new OutcomeSignal(SignalKind.TASK_COMPLETED, lastRequest, SUCCESS + ": true"));
      } else if (v.equals("false")) {
        out.add(new OutcomeSignal(SignalKind.ERROR_EXIT, lastRequest, SUCCESS + ": false"));
      }
    }
  }

  /** Whether a signal of {@code signals} shows {@code evidence} (a loop, not a stream: hot). */
  private static boolean hasEvidence(List<OutcomeSignal> signals, String evidence) {
    for (OutcomeSignal s : signals) {
      if (s.evidence().equals(evidence)) {
        return true;
      }
    }
    return false;
  }

  private static String clip(String s) {
    String line = s.strip();
    return line.length() <= EVIDENCE_LIMIT ? line : line.substring(0, EVIDENCE_LIMIT - 3) + "...";
  }
}
