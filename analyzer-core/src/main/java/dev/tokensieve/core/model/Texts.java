package dev.tokensieve.core.model;

/** Bounded excerpts, digests and token estimates of trace texts, the same for every format. */
public final class Texts {

  /**
   * Characters per token for estimates where a trace gives no count (the usual 4 for English/code).
   */
  public static final int CHARS_PER_TOKEN = 4;

  private Texts() {}

  /**
   * Returns {@code text} if it fits {@code Step.EXCERPT_LIMIT}, otherwise its head and tail joined
   * by an ellipsis: test runners print their verdict at the end, commands and paths at the start.
   */
  public static String excerpt(String text) {
    return clip(text, Step.EXCERPT_LIMIT);
  }

  /**
   * Returns {@code text} if it has at most {@code limit} characters, otherwise its head (a quarter)
   * and tail joined by an ellipsis, two characters under {@code limit} in all.
   */
  public static String clip(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    int head = limit / 4;
    int tail = limit - head - 5; // as it always was: excerpts of stored traces stay the same
    return text.substring(0, head) + "\n…\n" + text.substring(text.length() - tail);
  }

  /** A short, stable digest (the 16 hex digits of its {@link Fingerprint}) of {@code text}. */
  public static String digest(String text) {
    return new Fingerprint().add(text).hex();
  }

  /** An estimate of the tokens in {@code chars} characters of text. */
  public static long estimateTokens(long chars) {
    return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }
}
