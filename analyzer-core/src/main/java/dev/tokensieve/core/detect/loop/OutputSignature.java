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

  /** The signature of {@code excerpt}, in one pass without allocation. */
  static long of(String excerpt) {
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
