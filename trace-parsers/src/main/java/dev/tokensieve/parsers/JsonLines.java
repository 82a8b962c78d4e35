package dev.tokensieve.parsers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a JSONL byte stream into lines, each readable as its own {@link InputStream}, so that a
 * parser is made per line (exact line numbers; a malformed line cannot derail the next) and a line
 * of 50 MB is streamed through Jackson rather than held as a {@code String}.
 *
 * <pre>{@code
 * JsonLines lines = new JsonLines(in);
 * while (lines.next()) {
 *   try (JsonParser p = lines.parser()) { ... }
 *   catch (JsonProcessingException e) { problems.report(file, lines.lineNumber(), ...); }
 * }
 * }</pre>
 *
 * <p>{@link #next()} skips whatever the previous line's reader left unread. Not thread-safe; does
 * not close the underlying stream.
 */
public final class JsonLines {
  private static final int BUFFER = 1 << 16;

  private final InputStream in;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  private long lineNumber;
  private boolean inLine;
  private long bytesRead;
  private final Line line = new Line();

  /** Reads lines from {@code in}. */
  public JsonLines(InputStream in) {
    this.in = requireNonNull(in, "in");
  }

  /**
   * Moves to the next line, skipping the rest of the current one.
   *
   * @return false at the end of the stream
   */
  public boolean next() throws IOException {
    if (inLine) {
      line.skipRest();
    }
    if (pos >= limit && !fill()) {
      inLine = false;
      return false;
    }
    lineNumber++;
    inLine = true;
    return true;
  }

  /** The 1-based number of the current line. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The bytes consumed from the underlying stream so far (for progress). */
  public long bytesRead() {
    return bytesRead;
  }

  /** The current line's bytes, without the line break; ends at the line's end. */
  public InputStream line() {
    return line;
  }

  /** A new parser of the current line, from the shared {@link Json#FACTORY}. */
  public JsonParser parser() throws IOException {
    return Json.FACTORY.createParser(line);
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buf, 0, buf.length);
    while (n == 0) {
      n = in.read(buf, 0, buf.length);
    }
    if (n < 0) {
      eof = true;
      pos = limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    bytesRead += n;
    return true;
  }

  private final class Line extends InputStream {
    boolean ended;

    void skipRest() throws IOException {
      while (!ended) {
        if (pos >= limit && !fill()) {
          ended = true;
          break;
        }
        for (int i = pos; i < limit; i++) {
          if (buf[i] == '\n') {
            pos = i + 1;
            ended = true;
            break;
          }
        }
        if (!ended) {
          pos = limit;
        }
      }
      ended = false;
    }

    @Override
    public int read() throws IOException {
      if (ended || (pos >= limit && !fill())) {
        ended = true;
        return -1;
      }
      byte b = buf[pos++];
      if (b == '\n') {
        ended = true;
        return -1;
      }
      return b & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (ended || (pos >= limit && !fill())) {
        ended = true;
        return -1;
      }
      int n = Math.min(len, limit - pos);
      for (int i = 0; i < n; i++) {
        byte c = buf[pos + i];
        if (c == '\n') {
          System.arraycopy(buf, pos, b, off, i);
          pos += i + 1;
          ended = true;
          return i == 0 ? -1 : i;
        }
      }
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void close() {
      // the line belongs to JsonLines; parsers close their input, which must not end the file
    }
  }
}
