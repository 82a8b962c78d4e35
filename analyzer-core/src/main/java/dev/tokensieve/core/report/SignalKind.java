package dev.tokensieve.core.report;

/** The kinds of outcome evidence read from a trace or supplied from outside. */
public enum SignalKind {
  /** A test run passed. */
  TESTS_PASSED,
  /** A test run failed. */
  TESTS_FAILED,
  /** A {@code git commit} succeeded. */
  COMMIT,
  /** A {@code git push} succeeded. */
  PUSH,
  /** A pull request was opened. */
  PR_CREATED,
  /** The user interrupted the agent. */
  INTERRUPT,
  /** An API call failed. */
  API_ERROR,
  /** The session changed no file. */
  NO_EDITS,
  /** The session's last test run failed. */
  ENDED_ON_FAILING_TESTS,
  /** The agent reported the task finished or submitted. */
  TASK_COMPLETED,
  /** The agent stopped on an error, cost or context limit. */
  ERROR_EXIT,
  /** An outcomes file says the session succeeded (e.g. SWE-bench resolved, PR merged). */
  EXTERNAL_SUCCESS,
  /** An outcomes file says the session failed. */
  EXTERNAL_FAILURE,
  /** The agent told the user it had finished ("Done", "Fixed", "All tests pass"). */
  AGENT_DONE,
  /** The user's next message after the agent finished says it works ("works, thanks"). */
  USER_CONFIRMED,
  /** The user's next message after the agent changed files says it is still broken. */
  USER_REPORTED_BROKEN,
  /** The user's next message after the agent finished asks for something else. */
  USER_NEW_TASK,
  /** CI checks passed ({@code gh pr checks}, {@code gh run watch}). */
  CI_PASSED,
  /** CI checks failed. */
  CI_FAILED,
  /** The session ended right after a passing test run, with no change after it. */
  ENDED_AFTER_PASSING_TESTS,
  /**
   * The session failed, but its spend up to this request bought verified progress (a passing test
   * run, a commit, a push, a PR, a user's confirmation), which stays productive.
   */
  PARTIAL_SUCCESS
}
