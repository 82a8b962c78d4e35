package dev.tokensieve.core.detect.loop;

/**
 * A hash of a tool output that ignores what differs between two runs of the same failing command:
 * digits (timings, pids, line numbers of temp files, addresses) and whitespace. Two outputs with
 * the same signature say the same thing.
 */
final class OutputSignature {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private OutputSignature() {}

  /**
   * The signature of {@code excerpt}, in one pass without allocation.
   *
   * <p>Hot: this hashes every character of the outputs that retry-loop detection compares. Equal to
   * {@link #ofSimple} (OutputSignatureTest checks they agree), but it decides whitespace below
   * U+0080 with comparisons instead of Character.isWhitespace's table lookups: there, Java's
   * whitespace is exactly U+0009 to U+000D, U+001C to U+001F and the space.
   */
  static long of(String excerpt) {
    return head(excerpt, Integer.MAX_VALUE);
  }

  /**
   * The signature of the first {@code symbols} symbols {@link #of} hashes (a run of digits or of
   * whitespace is one symbol): two outputs with the same signature have the same head, so heads
   * that differ tell two outputs apart after reading only their first lines.
   */
  static long head(String excerpt, int symbols) {
    long h = FNV_OFFSET;
    boolean inDigits = false;
    boolean inSpace = false;
    int left = symbols;
    for (int i = 0, n = excerpt.length(); i < n && left > 0; i++) {
      char ch = excerpt.charAt(i);
      if (ch >= '0' && ch <= '9') {
        if (inDigits) {
          continue;
        }
        inDigits = true;
        inSpace = false;
        ch = '#';
      } else if (ch <= ' '
          ? ch == ' ' || (ch >= '\t' && ch <= '\r') || ch >= '\u001C'
          : ch >= '\u0080' && Character.isWhitespace(ch)) {
        if (inSpace) {
          continue;
        }
        inSpace = true;
        inDigits = false;
        ch = ' ';
      } else {
        inDigits = false;
        inSpace = false;
      }
      h ^= ch;
      h *= FNV_PRIME;
      left--;
    }
    return h;
  }

  /** The plain form of {@link #of}, kept as its reference. */
  static long ofSimple(String excerpt) {
    long h = FNV_OFFSET;
    boolean inDigits = false;
    boolean inSpace = false;
    for (int i = 0; i < excerpt.length(); i++) {
      char ch = excerpt.charAt(i);
      if (ch >= '0' && ch <= '9') {
        if (inDigits) {
          continue;
        }
        inDigits = true;
        inSpace = false;
        ch = '#';
      } else if (Character.isWhitespace(ch)) {
        if (inSpace) {
          continue;
        }
        inSpace = true;
        inDigits = false;
        ch = ' ';
      } else {
        inDigits = false;
        inSpace = false;
      }
      h ^= ch;
      h *= FNV_PRIME;
    }
    return h;
  }
}
