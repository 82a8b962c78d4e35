package dev.tokensieve.scoring.model;

/**
 * The outcome model's features; a feature vector is indexed by {@link #ordinal()}.
 *
 * <p>Counts and sizes are {@code log1p}-scaled so that one huge session does not dominate a fit;
 * shares are in [0, 1]; flags are 0 or 1. Names are stable: the bundled model and training set
 * refer to features by name, so a feature may be added (old models give it weight 0) but not
 * renamed.
 */
public enum Feature {
  /** log1p of the number of requests. */
  REQUESTS,
  /** log1p of all tokens (input + cache writes + cache reads + output). */
  TOTAL_TOKENS,
  /** log1p of the cost in USD. */
  COST_USD,
  /** Cache reads over all context tokens. */
  CACHE_HIT_RATIO,
  /** Output tokens over all tokens. */
  OUTPUT_SHARE,
  /** Signed log1p of the fitted context growth in tokens per request (main agent). */
  GROWTH_SLOPE,
  /** log1p of the session's duration in minutes. */
  DURATION_MINUTES,
  /** log1p of the number of tool calls. */
  TOOL_CALLS,
  /** Tool results that were errors or exited non-zero, over all tool results. */
  TOOL_ERROR_RATE,
  /** Shell commands identical to an earlier one, over all shell commands. */
  REPEATED_COMMAND_RATE,
  /** log1p of the number of edits (edit tools and shell commands that write files). */
  EDITS,
  /** 1 if a file was changed after the last test run (or with no test run at all). */
  EDITED_AFTER_LAST_TEST,
  /** log1p of the number of test runs. */
  TEST_RUNS,
  /** log1p of the number of passing test runs. */
  TESTS_PASSED,
  /** log1p of the number of failing test runs. */
  TESTS_FAILED,
  /** +1 if the last test run passed, -1 if it failed, 0 if no test ran. */
  LAST_TEST_PASSED,
  /** log1p of the number of commits. */
  COMMITS,
  /** 1 if a push succeeded. */
  PUSHED,
  /** 1 if a pull request was opened. */
  PR_CREATED,
  /** log1p of the number of user interrupts. */
  INTERRUPTS,
  /** log1p of the number of API errors. */
  API_ERRORS,
  /** 1 if the agent reported the task finished or submitted. */
  TASK_COMPLETED,
  /** 1 if the agent stopped on an error, cost or context limit. */
  ERROR_EXIT,
  /** 1 if no file was changed. */
  NO_EDITS,
  /** 1 if the last tool result was an error or a non-zero exit. */
  ENDED_WITH_ERROR,
  /** log1p of the number of findings. */
  FINDINGS,
  /** Tokens claimed by wasteful findings over all tokens. */
  WASTEFUL_FINDING_SHARE,
  /** Tokens claimed by inefficient findings over all tokens. */
  INEFFICIENT_FINDING_SHARE,
  /** Tokens claimed by retry-loop findings over all tokens. */
  RETRY_LOOP_SHARE,
  /** Tokens claimed by redundant-context findings over all tokens. */
  REDUNDANT_CONTEXT_SHARE,
  /** Tokens claimed by context-growth findings over all tokens. */
  CONTEXT_GROWTH_SHARE,
  /** Tokens claimed by cache-miss findings over all tokens. */
  CACHE_MISS_SHARE,
  /**
   * 1 if the trace carries strong evidence of success: the last test run passed and a commit, push
   * or PR followed, or a PR was opened and the tests did not end failing.
   */
  STRONG_SUCCESS_EVIDENCE,
  /**
   * 1 if the trace carries strong evidence of failure: an error exit without reported completion,
   * or the session ended on failing tests with no commit, push or PR.
   */
  STRONG_FAILURE_EVIDENCE,
  /** log1p of the prompt tokens (input + cache writes + cache reads). */
  PROMPT_TOKENS,
  /** log1p of the changed lines of the submitted patch (0 where the format records none). */
  PATCH_LINES,
  /** log1p of the files the submitted patch changes (0 where the format records none). */
  PATCH_FILES,
  /** 1 if the format records a submission or patch and it is missing or changes nothing. */
  EMPTY_PATCH;

  /** The number of features. */
  public static final int COUNT = values().length;
}
