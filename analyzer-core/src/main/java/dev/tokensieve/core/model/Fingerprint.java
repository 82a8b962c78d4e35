package dev.tokensieve.core.model;

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
   * cost about a nanosecond a character: SHA-256 over the UTF-8 bytes, which it replaces, was the
   * largest single cost of `analyze` in a JFR profile (bench/README.md). Two independent lanes
   * consume each UTF-16 unit (FNV-1a, and a rotate-xor-multiply lane with the golden-ratio
   * constant), and the final value is murmur3's fmix64 avalanche over both lanes and the length,
   * so that a change in any character flips about half of the output bits. The per-character
   * step is the same whether the text arrives whole or in chunks, so both paths agree exactly.
   */
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private long a = FNV_OFFSET;
  private long b = GOLDEN;
  private long length;

  /** Adds one character. */
  public Fingerprint add(char c) {
    a = (a ^ c) * FNV_PRIME;
    b = Long.rotateLeft(b ^ c, 27) * GOLDEN;
    length++;
    return this;
  }

  /** Adds {@code len} characters of {@code chars} from {@code off}. */
  public Fingerprint add(char[] chars, int off, int len) {
    long x = a;
    long y = b;
    for (int i = off, end = off + len; i < end; i++) {
      char c = chars[i];
      x = (x ^ c) * FNV_PRIME;
      y = Long.rotateLeft(y ^ c, 27) * GOLDEN;
    }
    a = x;
    b = y;
    length += len;
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
    long h = a ^ Long.rotateLeft(b, 31) ^ (length * GOLDEN);
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
