package dev.tokensieve.core.report;

/** What a session achieved, as far as the evidence tells. */
public enum OutcomeLabel {
  /** Tests passed, a commit or PR was made, the task was resolved. */
  SUCCESS,
  /** The task was not done: failing tests at the end, an error exit, unresolved. */
  FAILURE,
  /** The evidence does not decide. */
  UNKNOWN
}
