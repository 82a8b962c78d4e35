package dev.tokensieve.cli.output;

/**
 * Session ids as the table shows them: whole where they fit, else their start and end around an
 * ellipsis. The start is what {@code analyze --session} matches; the end tells apart ids that share
 * a long start (SWE-bench instances of one repository, Codex rollouts of one minute).
 */
public final class SessionIds {
  /** The width of the table's session column. */
  public static final int WIDTH = 22;

  private SessionIds() {}

  /** {@code id} in at most {@code width} characters (at least 3). */
  public static String shown(String id, int width) {
    if (id.length() <= width) {
      return id;
    }
    int tail = (width - 1) / 2;
    int head = width - 1 - tail;
    return id.substring(0, head) + "…" + id.substring(id.length() - tail);
  }
}
