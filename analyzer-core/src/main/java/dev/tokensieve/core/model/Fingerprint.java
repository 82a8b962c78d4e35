package dev.tokensieve.core.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A fast 64-bit fingerprint of a text, fed in pieces or whole, as characters or as UTF-8 bytes: the
 * digest detectors compare to tell "the same output again" from "a different output".
 *
 * <p>It is a hash of the text's UTF-8 encoding (a lone surrogate is encoded as if it were a code
 * point, in three bytes, so every text has exactly one encoding). Not cryptographic. Digests are
 * only compared for equality within a corpus; a collision would make two different tool outputs
 * look alike to a detector, which a crafted trace could at worst use to fake a finding in its own
 * session. Not thread-safe.
 */
public final class Fingerprint {
  /*
   * Implementation notes. This runs over every character of every text in a corpus, so it must
   * cost well under a nanosecond a character: SHA-256 over the UTF-8 bytes, which it replaces, was
   * the largest single cost of `analyze` in a JFR profile (bench/README.md). The encoded text is
   * taken eight bytes at a time as one 64-bit little-endian word, and each word goes through two
   * independent lanes (FNV-1a's multiply, and a rotate-xor-multiply lane with the golden-ratio
   * constant). The final value mixes the lanes, the unfinished word and the byte length with
   * murmur3's fmix64 avalanche, so that a change in any character flips about half of the output
   * bits.
   *
   * Why UTF-8 bytes and not UTF-16 characters: a trace scanner has the text as UTF-8 in its line
   * buffer, and digesting those bytes directly (round 4 of bench/README.md) spares it decoding
   * every character of a long tool output whose middle it never shows. ASCII, most of any trace,
   * is one byte a character either way, so a word is eight characters where it used to be four.
   *
   * However the text is fed (a character at a time, in chunks, as UTF-8 bytes), the
   * bytes are the same, so all paths agree exactly; add(char) is the plain reference the bulk
   * paths are tested against (FingerprintTest).
   */
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long CHAR_NOT_ASCII = 0xFF80FF80FF80FF80L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private long a = FNV_OFFSET;
  private long b = GOLDEN;
  private long length; // in bytes
  private long pending; // the bytes of the unfinished word, the first in the low 8 bits
  private char high; // a high surrogate waiting for the character after it, or 0

  /** Adds one character. */
  public Fingerprint add(char c) {
    if (high != 0) {
      char h = high;
      high = 0;
      if (Character.isLowSurrogate(c)) {
        addCodePoint(Character.toCodePoint(h, c));
        return this;
      }
      addCodePoint(h); // a lone high surrogate
    }
    if (c < 0x80) {
      addByte(c);
    } else if (Character.isHighSurrogate(c)) {
      high = c;
    } else {
      addCodePoint(c);
    }
    return this;
  }

  /** Adds {@code len} characters of {@code chars} from {@code off}. */
  public Fingerprint add(char[] chars, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      if ((length & 7) == 0 && high == 0) {
        // whole words of ASCII characters, eight at a time, until a word holds any other
        long x = a;
        long y = b;
        int from = i;
        for (; i + 8 <= end; i += 8) {
          long lo =
              chars[i]
                  | (long) chars[i + 1] << 16
                  | (long) chars[i + 2] << 32
                  | (long) chars[i + 3] << 48;
          long hi =
              chars[i + 4]
                  | (long) chars[i + 5] << 16
                  | (long) chars[i + 6] << 32
                  | (long) chars[i + 7] << 48;
          if (((lo | hi) & CHAR_NOT_ASCII) != 0) {
            break;
          }
          long w = narrow(lo) | narrow(hi) << 32;
          x = (x ^ w) * FNV_PRIME;
          y = Long.rotateLeft(y ^ w, 27) * GOLDEN;
        }
        a = x;
        b = y;
        length += i - from;
        if (i == end) {
          break;
        }
      }
      do { // a character at a time up to the next word boundary
        add(chars[i++]);
      } while (i < end && ((length & 7) != 0 || high != 0));
    }
    return this;
  }

  /**
   * Adds the text whose UTF-8 encoding is {@code bytes[off, off + len)}: the same as adding its
   * characters. The bytes must be well-formed UTF-8 ending on a character's end; they are taken as
   * they are, without being decoded.
   */
  public Fingerprint addUtf8(byte[] bytes, int off, int len) {
    if (high != 0) {
      char h = high; // UTF-8 cannot hold the low half it waits for: it is a lone surrogate
      high = 0;
      addCodePoint(h);
    }
    int i = off;
    int end = off + len;
    while (i < end && (length & 7) != 0) {
      addByte(bytes[i++] & 0xFF);
    }
    long x = a;
    long y = b;
    int from = i;
    for (; i + 8 <= end; i += 8) {
      long w = (long) LONGS.get(bytes, i);
      x = (x ^ w) * FNV_PRIME;
      y = Long.rotateLeft(y ^ w, 27) * GOLDEN;
    }
    a = x;
    b = y;
    length += i - from;
    while (i < end) {
      addByte(bytes[i++] & 0xFF);
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
    if (high != 0) { // a text ending in a lone high surrogate: finish a copy
      Fingerprint f = new Fingerprint();
      f.a = a;
      f.b = b;
      f.length = length;
      f.pending = pending;
      f.addCodePoint(high);
      return f.value();
    }
    long x = a;
    long y = b;
    if ((length & 7) != 0) {
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

  /** Four 16-bit units, each below 0x100, packed into the low four bytes, the first lowest. */
  private static long narrow(long units) {
    long x = (units | units >>> 8) & 0x0000FFFF0000FFFFL;
    return (x | x >>> 16) & 0xFFFFFFFFL;
  }

  /** The UTF-8 bytes of a code point (a surrogate's own three, when it stands alone). */
  private void addCodePoint(int cp) {
    if (cp < 0x80) {
      addByte(cp);
    } else if (cp < 0x800) {
      addByte(0xC0 | cp >>> 6);
      addByte(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      addByte(0xE0 | cp >>> 12);
      addByte(0x80 | (cp >>> 6 & 0x3F));
      addByte(0x80 | (cp & 0x3F));
    } else {
      addByte(0xF0 | cp >>> 18);
      addByte(0x80 | (cp >>> 12 & 0x3F));
      addByte(0x80 | (cp >>> 6 & 0x3F));
      addByte(0x80 | (cp & 0x3F));
    }
  }

  private void addByte(int v) {
    pending |= (long) v << ((length & 7) << 3);
    length++;
    if ((length & 7) == 0) {
      a = (a ^ pending) * FNV_PRIME;
      b = Long.rotateLeft(b ^ pending, 27) * GOLDEN;
      pending = 0;
    }
  }
}
