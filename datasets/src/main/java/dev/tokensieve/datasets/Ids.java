package dev.tokensieve.datasets;

import java.util.SplittableRandom;

/** The ids agents write, drawn from a seeded random source so that a seed fixes every byte. */
final class Ids {
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  /** A version-4 UUID in its canonical text form. */
  static String uuid(SplittableRandom rnd) {
    long msb = (rnd.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (rnd.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    char[] c = new char[36];
    hex(msb >>> 32, 8, c, 0);
    c[8] = '-';
    hex(msb >>> 16, 4, c, 9);
    c[13] = '-';
    hex(msb, 4, c, 14);
    c[18] = '-';
    hex(lsb >>> 48, 4, c, 19);
    c[23] = '-';
    hex(lsb, 12, c, 24);
    return new String(c);
  }

  /** A version-7-looking UUID (Codex rollout ids) whose first 48 bits are {@code epochMillis}. */
  static String uuid7(SplittableRandom rnd, long epochMillis) {
    long msb = (epochMillis << 16) | 0x7000L | (rnd.nextLong() & 0x0fffL);
    long lsb = (rnd.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    char[] c = new char[36];
    hex(msb >>> 32, 8, c, 0);
    c[8] = '-';
    hex(msb >>> 16, 4, c, 9);
    c[13] = '-';
    hex(msb, 4, c, 14);
    c[18] = '-';
    hex(lsb >>> 48, 4, c, 19);
    c[23] = '-';
    hex(lsb, 12, c, 24);
    return new String(c);
  }

  /** {@code prefix} followed by {@code n} random base-62 characters ({@code msg_01...}). */
  static String base62(SplittableRandom rnd, String prefix, int n) {
    StringBuilder sb = new StringBuilder(prefix.length() + n).append(prefix);
    for (int i = 0; i < n; i++) {
      sb.append(BASE62[rnd.nextInt(62)]);
    }
    return sb.toString();
  }

  /** {@code n} random lower-case hex digits (agent ids, commit hashes). */
  static String hex(SplittableRandom rnd, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = HEX[rnd.nextInt(16)];
    }
    return new String(c);
  }

  private static void hex(long v, int digits, char[] out, int at) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (v & 0xf)];
      v >>>= 4;
    }
  }
}
