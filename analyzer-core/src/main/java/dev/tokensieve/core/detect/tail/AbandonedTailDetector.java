package dev.tokensieve.core.detect.tail;

import dev.tokensieve.core.Checks;
import dev.tokensieve.core.detect.Amounts;
import dev.tokensieve.core.detect.CallIndex;
import dev.tokensieve.core.detect.Commands;
import dev.tokensieve.core.detect.Detector;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.price.PricedSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds {@link FindingKind#ABANDONED_TAIL}: the requests after a session's last progress, in a
 * session that was then abandoned.
 *
 * <p>Progress is an edit that succeeded, a test run that passed, or a {@code git commit}/{@code
 * push} that succeeded. A session was abandoned after it when the user interrupted it and it ended
 * within {@link #MAX_REQUESTS_AFTER_INTERRUPT} requests of the interrupt, or when its last tool
 * result is a failure. This detector reads only the trace's shape; the scoring module judges the
 * outcome. The finding claims every request after the last progress whole. Label: wasteful.
 */
public final class AbandonedTailDetector implements Detector {
  /** The stable id. */
  public static final String ID = "abandoned-tail";

  /**
   * The shortest tail reported, in requests. A successful session ends with one or two requests
   * after its last progress too (reading the passing result, writing the summary), but those end on
   * a success; a tail is only reported when it ends on a failing result or the user's interrupt,
   * after the last progress, so even one request of it bought nothing. (Measured with {@code
   * tokensieve eval}: at 3, every missed planted tail was a failed session that gave up one or two
   * requests after its last edit; false alarms on clean sessions stayed at 0 at 1.)
   */
  public static final int DEFAULT_MIN_TAIL_REQUESTS = 1;

  /**
   * Requests that may follow an interrupt for the session to count as ended by it: the interrupted
   * turn's own follow-up and a short acknowledgement.
   */
  public static final int MAX_REQUESTS_AFTER_INTERRUPT = 2;

  private final int minTailRequests;

  /** A detector with the default threshold. */
  public AbandonedTailDetector() {
    this(DEFAULT_MIN_TAIL_REQUESTS);
  }

  /**
   * A detector with the given threshold.
   *
   * @param minTailRequests the shortest tail reported, in [1, 1000000] requests
   */
  public AbandonedTailDetector(int minTailRequests) {
    this.minTailRequests = Checks.inRange(minTailRequests, 1, 1_000_000, "minTailRequests");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> detect(PricedSession session) {
    int n = session.size();
    if (n == 0) {
      return List.of();
    }
    CallIndex index = CallIndex.of(session);
    Map<String, Boolean> progressCommands = new HashMap<>(); // sessions repeat their commands
    int progress = -1;
    // the calls, not their words: quoting every call would cost more than the rest of the scan
    Step.@Nullable ToolCall progressCall = null;
    int interruptAt = Integer.MIN_VALUE;
    boolean lastResultFailed = false;
    Step.@Nullable ToolCall lastFailure = null;
    int failuresAfterProgress = 0;
    for (int i = 0; i < index.size(); i++) {
      Step s = index.step(i);
      if (s instanceof Step.Interrupt) {
        interruptAt = s.request();
      } else if (s instanceof Step.ToolResult) {
        Step.ToolResult r = (Step.ToolResult) s;
        Step.ToolCall call = index.callOf(i);
        boolean failed = r.isError() || (r.exitCode() != null && r.exitCode().intValue() != 0);
        lastResultFailed = failed;
        if (call == null) {
          continue;
        }
        if (failed) {
          failuresAfterProgress++;
          lastFailure = call;
          continue;
        }
        if (call.request() >= progress && makesProgress(call, progressCommands)) {
          progress = call.request();
          progressCall = call;
          failuresAfterProgress = 0;
          interruptAt = Integer.MIN_VALUE;
        }
      }
    }
    int tailStart = progress + 1;
    int tail = n - tailStart;
    boolean interrupted =
        interruptAt >= tailStart - 1 && n - 1 - interruptAt <= MAX_REQUESTS_AFTER_INTERRUPT;
    boolean failing = lastResultFailed && failuresAfterProgress > 0;
    if (tail < minTailRequests || !(interrupted || failing)) {
      return List.of();
    }
    List<Charge> charges = new ArrayList<>(tail);
    double usd = 0;
    long tokens = 0;
    for (int i = tailStart; i < n; i++) {
      long t = session.request(i).usage().total();
      charges.add(new Charge(i, t, session.cost(i)));
      usd += session.cost(i);
      tokens += t;
    }
    String how =
        interrupted
            ? "ended with the user's interrupt"
            : "ended with a failing "
                + (lastFailure == null
                    ? "tool call"
                    : lastFailure.tool() + " " + Amounts.quote(lastFailure.target()));
    String summary =
        (progress < 0 ? "no progress in the whole session" : "after the last progress")
            + ", "
            + tail
            + " more requests "
            + how
            + ": "
            + Amounts.usd(usd);
    List<String> evidence = new ArrayList<>();
    evidence.add(
        progress < 0 || progressCall == null
            ? "no successful edit, passing test or commit"
            : "last progress: " + progressOf(progressCall) + ", issued by request " + progress);
    evidence.add(
        "tail: requests "
            + tailStart
            + "-"
            + (n - 1)
            + ", "
            + failuresAfterProgress
            + (failuresAfterProgress == 1 ? " failing result, " : " failing results, ")
            + Amounts.tokens(tokens)
            + " tokens");
    return List.of(
        new Finding(
            FindingKind.ABANDONED_TAIL,
            tailStart,
            n - 1,
            SpendLabel.WASTEFUL,
            summary,
            evidence,
            charges));
  }

  /**
   * Whether a successful call made progress: exactly when {@link #progressOf} is not null. A
   * command's answer is kept in {@code commands}: both tests are regexes, asked of every successful
   * shell call.
   */
  private static boolean makesProgress(Step.ToolCall call, Map<String, Boolean> commands) {
    ToolKind k = call.kind();
    return k == ToolKind.EDIT
        || k == ToolKind.WRITE
        || (k == ToolKind.SHELL
            && commands.computeIfAbsent(
                call.target(), c -> Commands.isCommit(c) || Commands.isTestRun(c)));
  }

  /** What progress a successful call made, or null if it made none. */
  private static @Nullable String progressOf(Step.ToolCall call) {
    ToolKind k = call.kind();
    if (k == ToolKind.EDIT || k == ToolKind.WRITE) {
      return "edit of " + Amounts.quote(call.target());
    }
    if (k == ToolKind.SHELL && Commands.isCommit(call.target())) {
      return "commit " + Amounts.quote(call.target());
    }
    if (k == ToolKind.SHELL && Commands.isTestRun(call.target())) {
      return "passing " + Amounts.quote(call.target());
    }
    return null;
  }
}
