package dev.tokensieve.parsers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The byte searches that reading traces spends its time in: the next line break (or any given
 * byte), and the end of a run of string bytes that need no decoding.
 */
public final class JsonBytes {
  /*
   * Implementation notes. Both searches look at eight bytes at a time, as one long, with the
   * classic "has a zero byte" bit trick (Hacker's Delight 6-1; (x - 0x01..) & ~x & 0x80.. is
   * non-zero iff some byte of x is zero, and the lowest set bit marks the first such byte). On the
   * client JIT that `analyze` runs with, the plain loops took about 1 ns a byte, a quarter of the
   * parse threads' time; the word loops take a third of that (bench/README.md). The plain-run
   * search builds an exact mask (no borrow between bytes), so a short run, the usual case in code
   * and logs, costs one word and firstMarked, not a byte loop. The plain loops stay as
   * the reference: they finish the last few bytes, and JsonBytesTest checks both agree on every
   * position.
   */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private JsonBytes() {}

  /** The position of the first {@code '\n'} in {@code b[from, to)}, or -1. */
  public static int indexOfNewline(byte[] b, int from, int to) {
    return indexOf(b, from, to, (byte) '\n');
  }

  /** The position of the first {@code target} byte in {@code b[from, to)}, or -1. */
  public static int indexOf(byte[] b, int from, int to, byte target) {
    long pattern = ONES * (target & 0xFF);
    int i = from;
    // Two words a step: line breaks are far apart (a line is kilobytes), and under C1 the loop's
    // own test and jump were a third of the search (0.42 -> 0.27 ns a byte over transcripts).
    for (; i + 16 <= to; i += 16) {
      long x = (long) LONGS.get(b, i) ^ pattern;
      long y = (long) LONGS.get(b, i + 8) ^ pattern;
      long inX = (x - ONES) & ~x & HIGHS;
      long inY = (y - ONES) & ~y & HIGHS;
      if ((inX | inY) != 0) {
        return inX != 0 ? i + firstMarked(inX) : i + 8 + firstMarked(inY);
      }
    }
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ pattern; // a zero byte where b holds target
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + firstMarked(found);
      }
    }
    for (; i < to; i++) {
      if (b[i] == target) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index (0 to 7) of the lowest byte whose high bit is set in {@code marks}, which has no
   * other bits set and is not zero. {@code Long.numberOfTrailingZeros(marks) >>> 3} says the same,
   * but the client JIT does not make it one instruction: as two calls into Integer's bit twiddling
   * it took a twelfth of the parse threads' time. Here the bytes below the mark are counted with
   * one multiply: each contributes a 1 that the product sums into the top byte.
   */
  static int firstMarked(long marks) {
    return (int) (((((marks & -marks) >>> 7) - 1) & ONES) * ONES >>> 56);
  }

  /**
   * The bytes {@code b[at, at + len)}, {@code len} from 0 to 8, as a little-endian word (the first
   * byte in the low bits), the bytes beyond {@code len} zero.
   */
  public static long word(byte[] b, int at, int len) {
    if (len == 0) {
      return 0;
    }
    if (at + 8 <= b.length) { // one load, then the bytes beyond len masked off
      long x = (long) LONGS.get(b, at);
      return len == 8 ? x : x & ((1L << (len << 3)) - 1);
    }
    long x = 0; // near the array's end
    for (int k = len - 1; k >= 0; k--) {
      x = x << 8 | (b[at + k] & 0xFF);
    }
    return x;
  }

  /**
   * The end of the run of plain string bytes from {@code from}: the position of the first byte in
   * {@code b[from, to)} that is a quote, a backslash, a control character or not ASCII, or {@code
   * to}. Plain bytes stand for themselves inside a JSON string.
   */
  public static int endOfPlainRun(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i);
      // Each test works on the low seven bits of every byte, so no sum carries into the next byte
      // and the mask is exact: its lowest set bit marks the first special byte. A byte's high bit
      // below is clear iff it is a control character, a quote, a backslash (in that order).
      long low = x & 0x7F7F7F7F7F7F7F7FL;
      long control = low + 0x6060606060606060L;
      long quote = (low ^ 0x2222222222222222L) + 0x7F7F7F7F7F7F7F7FL;
      long backslash = (low ^ 0x5C5C5C5C5C5C5C5CL) + 0x7F7F7F7F7F7F7F7FL;
      long special = (x | ~(control & quote & backslash)) & HIGHS; // x: a byte of 0x80 or more
      if (special != 0) {
        return i + firstMarked(special);
      }
    }
    for (; i < to; i++) {
      int c = b[i];
      if (c == '"' || c == '\\' || c < 0x20) { // negative: not ASCII
        return i;
      }
    }
    return to;
  }
}
