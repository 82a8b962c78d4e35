package dev.tokensieve.scoring.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;

/**
 * Encodes text as UTF-8 onto a byte stream, byte for byte as a UTF-8 {@link OutputStreamWriter}
 * does (a surrogate without its other half becomes {@code ?}), and never flushes the stream: its
 * owner does.
 *
 * <p>Why not the {@code OutputStreamWriter}: a {@link ReportWriter} on a byte stream flushes its
 * generator's text before each rendered session's bytes, a few characters each time, and the
 * charset encoder's set-up per call (and its flush reaching the stream) cost as much as copying the
 * session. Utf8WriterTest checks both write the same bytes for text cut at any point.
 */
final class Utf8Writer extends Writer {
  private static final int NONE = -1;

  private final OutputStream out;
  private final byte[] bytes = new byte[2048];
  private int high = NONE; // a high surrogate written last, waiting for its low half

  Utf8Writer(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(char[] text, int off, int len) throws IOException {
    int n = 0;
    for (int i = off; i < off + len; i++) {
      if (n > bytes.length - 8) {
        out.write(bytes, 0, n);
        n = 0;
      }
      n = encode(text[i], n);
    }
    out.write(bytes, 0, n);
  }

  @Override
  public void write(String text, int off, int len) throws IOException {
    int n = 0;
    for (int i = off; i < off + len; i++) {
      if (n > bytes.length - 8) {
        out.write(bytes, 0, n);
        n = 0;
      }
      n = encode(text.charAt(i), n);
    }
    out.write(bytes, 0, n);
  }

  @Override
  public void write(int c) throws IOException {
    write(new char[] {(char) c}, 0, 1);
  }

  /** Encodes {@code c} into {@link #bytes} at {@code n}; returns the new end. */
  private int encode(char c, int n) {
    if (high != NONE) {
      char h = (char) high;
      high = NONE;
      if (Character.isLowSurrogate(c)) {
        int cp = Character.toCodePoint(h, c);
        bytes[n++] = (byte) (0xF0 | (cp >> 18));
        bytes[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        bytes[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        bytes[n++] = (byte) (0x80 | (cp & 0x3F));
        return n;
      }
      bytes[n++] = '?';
    }
    if (c < 0x80) {
      bytes[n++] = (byte) c;
    } else if (c < 0x800) {
      bytes[n++] = (byte) (0xC0 | (c >> 6));
      bytes[n++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c)) {
      high = c;
    } else if (Character.isLowSurrogate(c)) {
      bytes[n++] = '?';
    } else {
      bytes[n++] = (byte) (0xE0 | (c >> 12));
      bytes[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      bytes[n++] = (byte) (0x80 | (c & 0x3F));
    }
    return n;
  }

  @Override
  public void flush() {
    // the stream's owner flushes it; a high surrogate waits for its other half, as in the encoder
  }

  /**
   * Ends the text (a high surrogate still waiting is written {@code ?}); leaves the stream open.
   */
  @Override
  public void close() throws IOException {
    if (high != NONE) {
      high = NONE;
      out.write('?');
    }
  }
}
