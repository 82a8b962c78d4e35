package dev.tokensieve.core.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A fast 64-bit fingerprint of a text, fed in pieces or whole: the digest detectors compare to tell
 * "the same output again" from "a different output".
 *
 * <p>Not cryptographic. Digests are only compared for equality within a corpus; a collision would
 * make two different tool outputs look alike to a detector, which a crafted trace could at worst
 * use to fake a finding in its own session. Not thread-safe.
 */
public final class Fingerprint {
  /*
   * Implementation notes. This runs over every character of every text in a corpus, so it must
   * cost well under a nanosecond a character: SHA-256 over the UTF-8 bytes, which it replaces, was
   * the largest single cost of `analyze` in a JFR profile (bench/README.md). The text is taken four
   * UTF-16 units at a time as one 64-bit word (the first unit in the low bits), and each word goes
   * through two independent lanes (FNV-1a's multiply, and a rotate-xor-multiply lane with the
   * golden-ratio constant): one multiply per lane per four characters, where one per character
   * was the largest remaining cost of reading a transcript. The final value mixes the lanes, the
   * unfinished word and the length with murmur3's fmix64 avalanche, so that a change in any
   * character flips about half of the output bits. However the text is fed (a character at a
   * time, in chunks, as Latin-1 bytes), the words are the same, so all paths agree exactly;
   * add(char) is the plain reference the bulk paths are tested against.
   */
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private long a = FNV_OFFSET;
  private long b = GOLDEN;
  private long length;
  private long pending; // the characters of the unfinished word, the first in the low 16 bits

  /** Adds one character. */
  public Fingerprint add(char c) {
    pending |= (long) c << ((length & 3) << 4);
    length++;
    if ((length & 3) == 0) {
      a = (a ^ pending) * FNV_PRIME;
      b = Long.rotateLeft(b ^ pending, 27) * GOLDEN;
      pending = 0;
    }
    return this;
  }

  /** Adds {@code len} characters of {@code chars} from {@code off}. */
  public Fingerprint add(char[] chars, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end && (length & 3) != 0) {
      add(chars[i++]);
    }
    long x = a;
    long y = b;
    int from = i;
    for (; i + 4 <= end; i += 4) {
      long w =
          chars[i]
              | (long) chars[i + 1] << 16
              | (long) chars[i + 2] << 32
              | (long) chars[i + 3] << 48;
      x = (x ^ w) * FNV_PRIME;
      y = Long.rotateLeft(y ^ w, 27) * GOLDEN;
    }
    a = x;
    b = y;
    length += i - from;
    while (i < end) {
      add(chars[i++]);
    }
    return this;
  }

  /** Adds {@code len} bytes of {@code bytes} from {@code off}, each one Latin-1 character. */
  public Fingerprint addLatin1(byte[] bytes, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end && (length & 3) != 0) {
      add((char) (bytes[i++] & 0xFF));
    }
    long x = a;
    long y = b;
    int from = i;
    for (; i + 4 <= end; i += 4) {
      // four bytes spread into four 16-bit units: the same word as four add(char)
      long w = (int) INTS.get(bytes, i) & 0xFFFFFFFFL;
      w = (w | w << 16) & 0x0000FFFF0000FFFFL;
      w = (w | w << 8) & 0x00FF00FF00FF00FFL;
      x = (x ^ w) * FNV_PRIME;
      y = Long.rotateLeft(y ^ w, 27) * GOLDEN;
    }
    a = x;
    b = y;
    length += i - from;
    while (i < end) {
      add((char) (bytes[i++] & 0xFF));
    }
    return this;
  }

  /** Adds every character of {@code text}. */
  public Fingerprint add(CharSequence text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      add(text.charAt(i));
    }
    return this;
  }

  /** The fingerprint of what was added so far. */
  public long value() {
    long x = a;
    long y = b;
    if ((length & 3) != 0) {
      x = (x ^ pending) * FNV_PRIME;
      y = Long.rotateLeft(y ^ pending, 27) * GOLDEN;
    }
    long h = x ^ Long.rotateLeft(y, 31) ^ (length * GOLDEN);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** {@link #value()} as 16 lower-case hex digits. */
  public String hex() {
    String s = Long.toHexString(value());
    return s.length() == 16 ? s : "0".repeat(16 - s.length()) + s;
  }
}
