package dev.tokensieve.parsers;

import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Texts;
import java.io.Writer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Measures, digests and excerpts a text that arrives in pieces, without keeping it.
 *
 * <p>Its {@link #digest()} and {@link #excerpt()} equal {@link Texts#digest} and {@link
 * Texts#excerpt} of the whole text, so a 50 MB tool output can be summarised while only {@link
 * Step#EXCERPT_LIMIT} characters of it are held. Feed it with {@code JsonParser.getText(Writer)}.
 * Not thread-safe.
 */
public final class TextDigest extends Writer {
  /*
   * Implementation notes. This runs over every character of every text in a corpus (tool outputs
   * are most of a trace's bytes), so it was the largest single cost of `analyze` in a JFR profile
   * (see bench/README.md). Two things keep it cheap:
   *
   * - write(char[]), the path Jackson's getText(Writer) takes, works per chunk: the head and the
   *   tail ring are filled with bulk copies and ASCII runs are encoded in a tight loop; only
   *   non-ASCII characters go through encode(char).
   * - Most texts are short, and there is one TextDigest per text block: the tail ring is made only
   *   when a text outgrows the head (it is then filled from the head), the UTF-8 buffer is small,
   *   and the SHA-256 engine is cloned from a prototype rather than looked up among the providers.
   *
   * add(char) is the obvious per-character version. It stays as the reference: write(int),
   * write(String) and append(CharSequence) use it, TextDigestTest checks that both paths give the
   * same digest and excerpt, and TextDigestBenchmark (benchmarks/) compares their speed.
   */
  private static final HexFormat HEX = HexFormat.of();
  private static final MessageDigest SHA_256 = sha256();
  private static final int LIMIT = Step.EXCERPT_LIMIT;
  private static final int HEAD = LIMIT / 4;
  private static final int TAIL = LIMIT - HEAD - 5;

  private final MessageDigest sha;
  private final byte[] utf8 = new byte[1024];
  private int utf8Len;
  private final StringBuilder head = new StringBuilder();
  private char @Nullable [] tail; // made when the text outgrows the head: most texts never do
  private long length;
  private char pendingHigh;

  /** An empty digest. */
  public TextDigest() {
    try {
      sha = (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Summarises {@code text} in one go. */
  public static TextDigest of(CharSequence text) {
    TextDigest d = new TextDigest();
    d.append(text);
    return d;
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    if (len <= 0) {
      return;
    }
    int toHead = Math.max(0, Math.min(LIMIT - head.length(), len));
    head.append(cbuf, off, toHead);
    int rest = len - toHead;
    if (rest > 0) {
      // only the chunk's last TAIL characters can survive in the ring
      char[] ring = ring();
      int n = Math.min(rest, TAIL);
      int at = (int) ((length + len - n) % TAIL);
      int first = Math.min(n, TAIL - at);
      System.arraycopy(cbuf, off + len - n, ring, at, first);
      System.arraycopy(cbuf, off + len - n + first, ring, 0, n - first);
    }
    length += len;
    for (int i = off, end = off + len; i < end; ) {
      if (pendingHigh != 0 || cbuf[i] >= 0x80) {
        encode(cbuf[i++]);
        continue;
      }
      if (utf8Len == utf8.length) {
        sha.update(utf8, 0, utf8Len);
        utf8Len = 0;
      }
      int k = utf8Len;
      int stop = Math.min(end, i + utf8.length - k);
      for (char c; i < stop && (c = cbuf[i]) < 0x80; i++) { // a run of ASCII
        utf8[k++] = (byte) c;
      }
      utf8Len = k;
    }
  }

  @Override
  public void write(int c) {
    add((char) c);
  }

  @Override
  public void write(String str, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      add(str.charAt(i));
    }
  }

  @Override
  public TextDigest append(CharSequence csq) {
    for (int i = 0, n = csq.length(); i < n; i++) {
      add(csq.charAt(i));
    }
    return this;
  }

  private void add(char c) {
    if (head.length() < LIMIT) {
      head.append(c);
    } else {
      ring()[(int) (length % TAIL)] = c;
    }
    length++;
    encode(c);
  }

  /** The tail ring, made from the head's end when the text first outgrows the head. */
  private char[] ring() {
    char[] ring = tail;
    if (ring == null) {
      ring = new char[TAIL];
      for (int j = LIMIT - TAIL; j < LIMIT; j++) {
        ring[j % TAIL] = head.charAt(j);
      }
      tail = ring;
    }
    return ring;
  }

  // UTF-8 encoding as String.getBytes does it: unpaired surrogates become '?'.
  private void encode(char c) {
    // flush first if the buffer has no room for a 4-byte sequence
    if (utf8Len > utf8.length - 4) {
      sha.update(utf8, 0, utf8Len);
      utf8Len = 0;
    }
    if (pendingHigh != 0) {
      char high = pendingHigh;
      pendingHigh = 0;
      if (Character.isLowSurrogate(c)) {
        int cp = Character.toCodePoint(high, c);
        utf8[utf8Len++] = (byte) (0xF0 | (cp >> 18));
        utf8[utf8Len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        utf8[utf8Len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        utf8[utf8Len++] = (byte) (0x80 | (cp & 0x3F));
        return;
      }
      utf8[utf8Len++] = '?';
    }
    if (c < 0x80) {
      utf8[utf8Len++] = (byte) c;
    } else if (c < 0x800) {
      utf8[utf8Len++] = (byte) (0xC0 | (c >> 6));
      utf8[utf8Len++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c)) {
      pendingHigh = c;
    } else if (Character.isLowSurrogate(c)) {
      utf8[utf8Len++] = '?';
    } else {
      utf8[utf8Len++] = (byte) (0xE0 | (c >> 12));
      utf8[utf8Len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      utf8[utf8Len++] = (byte) (0x80 | (c & 0x3F));
    }
  }

  /** The number of characters seen. */
  public long length() {
    return length;
  }

  /** The estimated tokens of the text ({@link Texts#estimateTokens}). */
  public long tokens() {
    return Texts.estimateTokens(length);
  }

  /** The first characters of the text (up to {@link Step#EXCERPT_LIMIT}). */
  public String head() {
    return head.toString();
  }

  /** {@link Texts#excerpt} of the whole text. */
  public String excerpt() {
    if (length <= LIMIT) {
      return head.toString();
    }
    StringBuilder sb = new StringBuilder(LIMIT);
    sb.append(head, 0, HEAD).append("\n…\n");
    char[] ring = ring();
    int start = (int) (length % TAIL);
    sb.append(ring, start, TAIL - start).append(ring, 0, start);
    return sb.toString();
  }

  /**
   * {@link Texts#digest} of the whole text. Call once, when the text is complete: it finishes the
   * hash.
   */
  public String digest() {
    if (pendingHigh != 0) {
      pendingHigh = 0;
      utf8[utf8Len++] = '?';
    }
    sha.update(utf8, 0, utf8Len);
    utf8Len = 0;
    return HEX.formatHex(sha.digest(), 0, 8);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
