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
  EXTERNAL_FAILURE
}
