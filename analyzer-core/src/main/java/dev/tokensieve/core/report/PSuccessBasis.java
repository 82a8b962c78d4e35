package dev.tokensieve.core.report;

/** What a session's pSuccess rests on, and so whether its label follows it. */
public enum PSuccessBasis {
  /**
   * The outcome model, on a session of an agent it was trained on (autonomous task runs): the label
   * follows pSuccess through the validated bands.
   */
  MODEL,
  /**
   * The outcome model, on a session of an agent it was never trained on (interactive Claude Code,
   * Codex, Gemini CLI sessions): pSuccess is shown, but the label follows the trace's evidence.
   */
  OUT_OF_DOMAIN,
  /** An outcomes file: pSuccess is 1 or 0. */
  EXTERNAL
}
