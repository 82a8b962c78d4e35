package dev.tokensieve.datasets;

/**
 * What a generated session is about. Each scenario has a base weight in the default mix; teams lean
 * towards some of them ({@link #weightFor}). Waste kinds in the ground truth come from what the
 * planner injected, plus cache misses wherever the simulated cache actually expired.
 */
public enum Scenario {
  /** Explore, edit, tests fail, a different edit, tests pass, commit (sometimes a PR). */
  CLEAN_SUCCESS(14),
  /** The same failing command re-run, or an edit undone and redone, without progress. */
  RETRY_LOOP(7),
  /** The same unchanged file read again and again. */
  REDUNDANT_CONTEXT(6),
  /** Hundreds of requests without compaction: context grows linearly, input quadratically. */
  LONG_GROWTH(3),
  /** Long pauses past the cache TTL and a model switch: prefixes re-written. */
  CACHE_MISS(6),
  /** One huge tool output, then carried on every later request. */
  OVERSIZED_OUTPUT(5),
  /** API errors with retries; sometimes exhausted, so the last action is redone. */
  API_ERRORS(5),
  /** A premium model doing a run of trivial steps. */
  MODEL_OVERKILL(5),
  /** Ends on failing tests after a flailing tail. */
  FAILED_TESTS(6),
  /** Flails, then the user interrupts and leaves. */
  ABANDONED(5),
  /** Delegates exploration to sub-agents (some in parallel); Claude Code only. */
  SUB_AGENTS(7),
  /** Grows to the auto-compaction threshold and compacts. */
  COMPACTION(3),
  /** Resumes an earlier session, whose lines are replayed at the top of the new file. */
  RESUMED(4),
  /** Several waste patterns in one session. */
  MIXED(8),
  /** Looks clean (tests pass, commit) but was rejected: outcome FAILURE. */
  CLEAN_FAILURE(4),
  /** A small change with no test run or commit in the trace: outcome SUCCESS. */
  QUIET_SUCCESS(4);

  final int weight;

  Scenario(int weight) {
    this.weight = weight;
  }

  /** Whether the format can express the scenario (Codex rollouts here have no sub-agents). */
  boolean supports(CorpusFormat format) {
    return format == CorpusFormat.CLAUDE_CODE || (this != SUB_AGENTS && this != RESUMED);
  }

  /** The weight for a session of {@code team}: each team over-does something. */
  int weightFor(String team) {
    switch (team) {
      case "platform":
        return this == LONG_GROWTH || this == CACHE_MISS ? weight * 3 : weight;
      case "data":
        return this == RETRY_LOOP || this == OVERSIZED_OUTPUT ? weight * 3 : weight;
      case "payments":
        return this == MODEL_OVERKILL ? weight * 3 : weight;
      case "web":
        return this == SUB_AGENTS || this == CLEAN_SUCCESS ? weight * 2 : weight;
      default:
        return weight;
    }
  }
}
