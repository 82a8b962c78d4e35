package dev.tokensieve.scoring.model;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.detect.CallIndex;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.PatchSize;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import dev.tokensieve.scoring.outcome.OutcomeSignals;
import dev.tokensieve.scoring.outcome.OutcomeVerdict;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/** Computes a session's feature vector, indexed by {@link Feature#ordinal()}. */
public final class Features {
  /* values() copies the array on every call: counted once. */
  private static final int KINDS = FindingKind.values().length;

  private Features() {}

  /**
   * The features of {@code priced}, given its findings and its trace signals (external outcomes are
   * not features: they are what the model learns to predict).
   */
  public static double[] of(
      PricedSession priced, List<Finding> findings, List<OutcomeSignal> signals) {
    requireNonNull(priced, "priced");
    Session s = priced.session();
    double[] x = new double[Feature.COUNT];
    Usage u = s.usage();
    long total = u.total();
    x[Feature.REQUESTS.ordinal()] = Math.log1p(s.requests().size());
    x[Feature.TOTAL_TOKENS.ordinal()] = Math.log1p(total);
    x[Feature.COST_USD.ordinal()] = Math.log1p(priced.totalCost());
    x[Feature.CACHE_HIT_RATIO.ordinal()] = ratio(u.cacheRead(), u.context());
    x[Feature.OUTPUT_SHARE.ordinal()] = ratio(u.output(), total);
    x[Feature.GROWTH_SLOPE.ordinal()] = signedLog(growthSlope(s));
    x[Feature.PROMPT_TOKENS.ordinal()] = Math.log1p(u.context());
    OptionalInt patchLines = PatchSize.lines(s.attributes());
    x[Feature.PATCH_LINES.ordinal()] = Math.log1p(patchLines.orElse(0));
    x[Feature.PATCH_FILES.ordinal()] = Math.log1p(PatchSize.files(s.attributes()).orElse(0));
    boolean noPatch =
        (patchLines.isPresent() && patchLines.getAsInt() == 0)
            || "false".equals(s.attributes().get("has_submission"))
            || "false".equals(s.attributes().get("has_patch"));
    x[Feature.EMPTY_PATCH.ordinal()] = noPatch ? 1 : 0;
    if (s.startedAt() != null && s.endedAt() != null) {
      double minutes = Duration.between(s.startedAt(), s.endedAt()).toMillis() / 60_000.0;
      x[Feature.DURATION_MINUTES.ordinal()] = Math.log1p(Math.max(0, minutes));
    }
    steps(priced, x);
    signals(signals, x);
    OutcomeVerdict.Evidence strong = OutcomeVerdict.strongEvidence(signals);
    x[Feature.STRONG_SUCCESS_EVIDENCE.ordinal()] =
        strong == OutcomeVerdict.Evidence.STRONG_SUCCESS ? 1 : 0;
    x[Feature.STRONG_FAILURE_EVIDENCE.ordinal()] =
        strong == OutcomeVerdict.Evidence.STRONG_FAILURE ? 1 : 0;
    findings(findings, total, x);
    return x;
  }

  private static void steps(PricedSession priced, double[] x) {
    Session s = priced.session();
    CallIndex index = CallIndex.of(priced);
    OutcomeSignals.Edits editCalls = OutcomeSignals.edits(priced);
    int toolCalls = 0;
    int results = 0;
    int errors = 0;
    int shell = 0;
    int repeated = 0;
    int edits = 0;
    boolean lastError = false;
    boolean editedAfterTest = false;
    // each command's test verdict, once: sessions run the same few commands over and over
    Map<String, Boolean> commands = new HashMap<>();
    for (int i = 0; i < index.size(); i++) {
      Step step = index.step(i);
      if (step instanceof Step.ToolCall) {
        Step.ToolCall call = (Step.ToolCall) step;
        toolCalls++;
        if (call.kind() == ToolKind.SHELL) {
          shell++;
          Boolean isTest = commands.get(call.target());
          if (isTest == null) {
            isTest = OutcomeSignals.isTestCommand(call.target());
            commands.put(call.target(), isTest);
          } else {
            repeated++;
          }
          if (isTest) {
            editedAfterTest = false;
          }
        }
        if (editCalls.at(i)) {
          edits++;
          editedAfterTest = true;
        }
      } else if (step instanceof Step.Edit) {
        // an Edit step usually accompanies its tool call; count it only when the call was not one
        editedAfterTest = true;
      } else if (step instanceof Step.ToolResult) {
        Step.ToolResult r = (Step.ToolResult) step;
        results++;
        lastError = r.isError() || (r.exitCode() != null && r.exitCode() != 0);
        if (lastError) {
          errors++;
        }
      }
    }
    int editSteps = s.stepsOf(Step.Edit.class).size();
    x[Feature.TOOL_CALLS.ordinal()] = Math.log1p(toolCalls);
    x[Feature.TOOL_ERROR_RATE.ordinal()] = ratio(errors, results);
    x[Feature.REPEATED_COMMAND_RATE.ordinal()] = ratio(repeated, shell);
    x[Feature.EDITS.ordinal()] = Math.log1p(Math.max(edits, editSteps));
    x[Feature.EDITED_AFTER_LAST_TEST.ordinal()] = editedAfterTest ? 1 : 0;
    x[Feature.ENDED_WITH_ERROR.ordinal()] = lastError ? 1 : 0;
  }

  private static void signals(List<OutcomeSignal> signals, double[] x) {
    int passed = 0;
    int failed = 0;
    int commits = 0;
    int interrupts = 0;
    int apiErrors = 0;
    double last = 0;
    for (OutcomeSignal sig : signals) {
      SignalKind k = sig.kind();
      if (k == SignalKind.TESTS_PASSED) {
        passed++;
        last = 1;
      } else if (k == SignalKind.TESTS_FAILED) {
        failed++;
        last = -1;
      } else if (k == SignalKind.COMMIT) {
        commits++;
      } else if (k == SignalKind.PUSH) {
        x[Feature.PUSHED.ordinal()] = 1;
      } else if (k == SignalKind.PR_CREATED) {
        x[Feature.PR_CREATED.ordinal()] = 1;
      } else if (k == SignalKind.INTERRUPT) {
        interrupts++;
      } else if (k == SignalKind.API_ERROR) {
        apiErrors++;
      } else if (k == SignalKind.TASK_COMPLETED) {
        x[Feature.TASK_COMPLETED.ordinal()] = 1;
      } else if (k == SignalKind.ERROR_EXIT) {
        x[Feature.ERROR_EXIT.ordinal()] = 1;
      } else if (k == SignalKind.NO_EDITS) {
        x[Feature.NO_EDITS.ordinal()] = 1;
      }
    }
    x[Feature.TEST_RUNS.ordinal()] = Math.log1p(passed + failed);
    x[Feature.TESTS_PASSED.ordinal()] = Math.log1p(passed);
    x[Feature.TESTS_FAILED.ordinal()] = Math.log1p(failed);
    x[Feature.LAST_TEST_PASSED.ordinal()] = last;
    x[Feature.COMMITS.ordinal()] = Math.log1p(commits);
    x[Feature.INTERRUPTS.ordinal()] = Math.log1p(interrupts);
    x[Feature.API_ERRORS.ordinal()] = Math.log1p(apiErrors);
  }

  private static void findings(List<Finding> findings, long total, double[] x) {
    long wasteful = 0;
    long inefficient = 0;
    long[] byKind = new long[KINDS];
    for (Finding f : findings) {
      long t = f.tokens();
      if (f.label() == SpendLabel.WASTEFUL) {
        wasteful += t;
      } else if (f.label() == SpendLabel.INEFFICIENT) {
        inefficient += t;
      }
      byKind[f.kind().ordinal()] += t;
    }
    x[Feature.FINDINGS.ordinal()] = Math.log1p(findings.size());
    x[Feature.WASTEFUL_FINDING_SHARE.ordinal()] = Math.min(1, ratio(wasteful, total));
    x[Feature.INEFFICIENT_FINDING_SHARE.ordinal()] = Math.min(1, ratio(inefficient, total));
    x[Feature.RETRY_LOOP_SHARE.ordinal()] =
        Math.min(1, ratio(byKind[FindingKind.RETRY_LOOP.ordinal()], total));
    x[Feature.REDUNDANT_CONTEXT_SHARE.ordinal()] =
        Math.min(1, ratio(byKind[FindingKind.REDUNDANT_CONTEXT.ordinal()], total));
    x[Feature.CONTEXT_GROWTH_SHARE.ordinal()] =
        Math.min(1, ratio(byKind[FindingKind.CONTEXT_GROWTH.ordinal()], total));
    x[Feature.CACHE_MISS_SHARE.ordinal()] =
        Math.min(1, ratio(byKind[FindingKind.CACHE_MISS.ordinal()], total));
  }

  /**
   * The model that served most of {@code s}'s requests (the first such in request order), without a
   * provider prefix ({@code google/gemini-3-pro-preview} is {@code gemini-3-pro-preview}), or
   * {@code unknown} for a session without requests: the group the outcome model normalises by.
   */
  public static String model(Session s) {
    Map<String, Integer> count = new HashMap<>();
    String best = "unknown";
    int most = 0;
    for (Request r : s.requests()) {
      String m = r.model().substring(r.model().lastIndexOf('/') + 1);
      int c = count.merge(m, 1, Integer::sum);
      if (c > most) {
        most = c;
        best = m;
      }
    }
    return best;
  }

  /** The least-squares slope of the main agent's context size against its request index. */
  static double growthSlope(Session s) {
    SimpleRegression fit = new SimpleRegression();
    int k = 0;
    for (Request r : s.requests()) {
      if (!r.isSubAgent()) {
        fit.addData(k++, r.usage().context());
      }
    }
    return k < 3 ? 0 : fit.getSlope();
  }

  private static double ratio(double a, double b) {
    return b <= 0 ? 0 : a / b;
  }

  private static double signedLog(double v) {
    return Math.signum(v) * Math.log1p(Math.abs(v));
  }
}
