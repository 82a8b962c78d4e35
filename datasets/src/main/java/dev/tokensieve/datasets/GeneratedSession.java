package dev.tokensieve.datasets;

import dev.tokensieve.core.model.Session;
import org.jspecify.annotations.Nullable;

/**
 * One generated session: its canonical form (what a perfect parser would produce from its files)
 * and its ground truth. The canonical session is built on first use.
 */
public final class GeneratedSession {
  private final Script script;
  private final GroundTruth truth;
  private @Nullable Session session;

  GeneratedSession(Script script, GroundTruth truth) {
    this.script = script;
    this.truth = truth;
  }

  /** The ground truth. */
  public GroundTruth truth() {
    return truth;
  }

  /**
   * The session in the core model: de-duplicated requests in the ground truth's index order, and
   * the steps (tool calls and results, edits, user messages, interrupts, compactions, API errors).
   */
  public Session session() {
    Session s = session;
    if (s == null) {
      s = Canonical.session(script);
      session = s;
    }
    return s;
  }

  Script script() {
    return script;
  }
}
