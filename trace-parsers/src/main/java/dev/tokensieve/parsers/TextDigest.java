package dev.tokensieve.parsers;

import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Texts;
import java.io.Writer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Measures, digests and excerpts a text that arrives in pieces, without keeping it.
 *
 * <p>Its {@link #digest()} and {@link #excerpt()} equal {@link Texts#digest} and {@link
 * Texts#excerpt} of the whole text, so a 50 MB tool output can be summarised while only {@link
 * Step#EXCERPT_LIMIT} characters of it are held. Feed it with {@code JsonParser.getText(Writer)}.
 * Not thread-safe.
 */
public final class TextDigest extends Writer {
  private static final HexFormat HEX = HexFormat.of();
  private static final int LIMIT = Step.EXCERPT_LIMIT;
  private static final int HEAD = LIMIT / 4;
  private static final int TAIL = LIMIT - HEAD - 5;

  private final MessageDigest sha;
  private final byte[] utf8 = new byte[4 * 1024 + 4];
  private int utf8Len;
  private final StringBuilder head = new StringBuilder();
  private final char[] tail = new char[TAIL];
  private long length;
  private char pendingHigh;

  /** An empty digest. */
  public TextDigest() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
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
    for (int i = off, end = off + len; i < end; i++) {
      add(cbuf[i]);
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
    }
    tail[(int) (length % TAIL)] = c;
    length++;
    encode(c);
  }

  // UTF-8 encoding as String.getBytes does it: unpaired surrogates become '?'.
  private void encode(char c) {
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
    int start = (int) (length % TAIL);
    sb.append(tail, start, TAIL - start).append(tail, 0, start);
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
