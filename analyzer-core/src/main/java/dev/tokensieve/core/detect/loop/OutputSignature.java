package dev.tokensieve.core.detect.loop;

/**
 * A hash of a tool output that ignores what differs between two runs of the same failing command:
 * digits (timings, pids, line numbers of temp files), hexadecimal words that hold a digit
 * (addresses like {@code 0x7f3a2bc0}, object ids, commit hashes, and the chunk id Codex's unified
 * exec writes above every output, e.g. {@code Chunk ID: 0edb1f}) and whitespace. Two outputs with
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
    int n = excerpt.length();
    for (int i = 0; i < n; i++) {
      char ch = excerpt.charAt(i);
      if (isHex(ch) && (i == 0 || !Character.isLetterOrDigit(excerpt.charAt(i - 1)))) {
        int end = hexWordEnd(excerpt, i);
        if (end > i) {
          // a hexadecimal word with a digit: one number, like a run of digits
          if (!inDigits) {
            h ^= '#';
            h *= FNV_PRIME;
          }
          inDigits = true;
          inSpace = false;
          i = end - 1;
          continue;
        }
      }
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

  /**
   * The end of the word starting at {@code start} if it is hexadecimal (an optional {@code 0x},
   * then hex digits only) and holds a decimal digit and a letter, else {@code start}. Plain numbers
   * are left to the digit rule; words of letters only ({@code add}, {@code face}) are text.
   */
  private static int hexWordEnd(String s, int start) {
    int i = start;
    int n = s.length();
    if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
      i += 2;
    }
    boolean digit = false;
    boolean letter = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (isHex(c)) {
        letter = true;
      } else if (Character.isLetterOrDigit(c)) {
        return start;
      } else {
        break;
      }
    }
    return digit && letter ? i : start;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
