package dev.tokensieve.core.detect;

import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.price.PricedSession;
import java.util.List;

/**
 * Finds one family of waste in a session.
 *
 * <p>Pure: no I/O, no shared mutable state, thread-safe. Configuration goes in through the
 * constructor. Findings point at requests by index and come back sorted by {@code firstRequest}.
 */
public interface Detector {
  /** A stable id: stored in the index and shown in the UI. */
  String id();

  /** The findings in {@code session}, sorted by first request; empty, never null. */
  List<Finding> detect(PricedSession session);
}
