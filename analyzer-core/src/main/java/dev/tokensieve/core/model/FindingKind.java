package dev.tokensieve.core.model;

/** The kinds of waste a detector reports (DESIGN.md, "Findings"); names are stable in the store. */
public enum FindingKind {
  /** The same action repeated without a change that matters. */
  RETRY_LOOP,
  /** Content already in the context sent again. */
  REDUNDANT_CONTEXT,
  /** Context that grows linearly per request, so total input grows quadratically. */
  CONTEXT_GROWTH,
  /** A cached prefix written again after expiry, a model switch or a changed prefix. */
  CACHE_MISS,
  /** A huge tool output that is then re-sent on every later request. */
  OVERSIZED_TOOL_OUTPUT,
  /** Requests lost to API errors and their retries. */
  API_ERROR_RETRY,
  /** A premium model doing trivial steps. */
  MODEL_OVERKILL,
  /** The tail of a failed or abandoned session after its last progress. */
  ABANDONED_TAIL,
  /**
   * Not a detector's finding: the spend of a session whose outcome is FAILURE that no other reason
   * claims. It bought nothing, so spend labels call it wasteful with this reason.
   */
  FAILED_OUTCOME
}
