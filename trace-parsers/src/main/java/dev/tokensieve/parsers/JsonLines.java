package dev.tokensieve.parsers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a JSONL byte stream into lines, each parsed on its own (exact line numbers; a malformed
 * line cannot derail the next).
 *
 * <pre>{@code
 * JsonLines lines = new JsonLines(in);
 * while (lines.next()) {
 *   try (JsonParser p = lines.parser()) { ... }
 *   catch (JsonProcessingException e) { problems.report(file, lines.lineNumber(), ...); }
 * }
 * }</pre>
 *
 * <p>A line of up to {@link #MAX_HELD} bytes is held whole in the reader's buffer and parsed from
 * there ({@link #isHeld()}, {@link #array()}, {@link #start()}, {@link #end()}); a longer one (a 50
 * MB tool output) is streamed through Jackson rather than held. Not thread-safe; does not close the
 * underlying stream.
 */
public final class JsonLines {
  /*
   * Implementation notes. Parsing a line from a byte array is much cheaper than from a stream: a
   * parser made over an InputStream first copies the bytes into its own buffer (through
   * Line.read, which also looks for the line's end byte by byte) and detects the encoding on what
   * it read; over an array Jackson reads the bytes in place. Both were a fifth of the parse
   * threads' time in a profile (bench/README.md). Streaming stays for lines over MAX_HELD, so a
   * hostile line cannot make the reader hold more than that.
   */

  /** The longest line held in memory whole; longer lines are streamed. */
  public static final int MAX_HELD = 8 << 20;

  private static final int INITIAL = 1 << 16;

  /**
   * How much of the stream {@link #nextStart()} has read ahead of a line's start, if it can: more
   * than most lines, and a quarter of the first buffer, so keeping it costs a short copy per fill.
   */
  private static final int AHEAD = 16 << 10;

  private final InputStream in;
  private int maxHeld = MAX_HELD;
  private byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private long lineNumber;
  private boolean inLine;
  private long bytesRead;

  // the current line: held in buf[start, end), or streamed through `streamed`
  private boolean held;
  private int start;
  private int end;
  private final Streamed streamed = new Streamed();

  /** Reads lines from {@code in}. */
  public JsonLines(InputStream in) {
    this(in, new byte[INITIAL]);
  }

  /**
   * Reads lines from {@code in} into {@code buffer}, which it grows as long lines need. A thread
   * reading many files passes the same array to each, taking it back from {@link #array()} after
   * the last line: a 64 KB buffer made and cleared per file was an eighth of all the memory a
   * corpus's analysis allocates.
   */
  public JsonLines(InputStream in, byte[] buffer) {
    this.in = requireNonNull(in, "in");
    this.buf = buffer.length > 0 ? buffer : new byte[INITIAL];
  }

  /** Reads lines from {@code in}, holding lines of up to {@code maxHeld} bytes (for tests). */
  JsonLines(InputStream in, int maxHeld) {
    this(in, new byte[Math.min(INITIAL, maxHeld)]);
    this.maxHeld = maxHeld;
  }

  /**
   * Moves to the next line, skipping the rest of the current one.
   *
   * @return false at the end of the stream
   */
  public boolean next() throws IOException {
    if (inLine && !held) {
      streamed.skipRest();
    }
    inLine = false;
    if (pos >= limit && !fill()) {
      return false;
    }
    lineNumber++;
    inLine = true;
    findLineEnd();
    return true;
  }

  /**
   * Moves to the next line as {@link #next()} does, without looking for its end first: for a reader
   * that finds it itself, as it parses the line's JSON (where the value ends, whitespace and a line
   * break follow). The line starts at {@link #start()} in {@link #array()}, which holds the
   * stream's bytes up to {@link #limit()}: at least {@code AHEAD} of them, or to the stream's end,
   * so most lines are there whole. The reader then calls {@link #endAt} with the line break it
   * found, or {@link #findEnd()} if it found none (the line is longer than what was read, or the
   * reader could not tell), which leaves the line as {@link #next()} would.
   *
   * <p>Looking for the line break first, as {@code next()} does, is a pass over every byte before
   * the parser's own: 5% of the Claude Code parse threads' time (bench/README.md, round 5).
   *
   * @return false at the end of the stream
   */
  public boolean nextStart() throws IOException {
    if (inLine && !held) {
      streamed.skipRest();
    }
    inLine = false;
    if (limit - pos < AHEAD && !eof && (pos > 0 || limit < buf.length)) {
      System.arraycopy(buf, pos, buf, 0, limit - pos); // the unread bytes to the front
      limit -= pos;
      pos = 0;
      fill();
    }
    if (pos >= limit && !fill()) {
      return false;
    }
    lineNumber++;
    inLine = true;
    held = true;
    start = pos;
    end = -1; // not known yet
    return true;
  }

  /**
   * Where the bytes read so far end in {@link #array()}: a line started with {@link #nextStart()}
   * lies in {@code array()[start(), limit())}, as much of it as was read.
   */
  public int limit() {
    return limit;
  }

  /**
   * Ends the line started with {@link #nextStart()} at the line break at {@code lineBreak}, which
   * its reader found: the line is {@code array()[start(), lineBreak)}.
   *
   * @throws IllegalArgumentException if {@code lineBreak} is not a line break after the start
   */
  public void endAt(int lineBreak) {
    if (end >= 0 || lineBreak < start || lineBreak >= limit || buf[lineBreak] != '\n') {
      throw new IllegalArgumentException("not the current line's break: " + lineBreak);
    }
    end = lineBreak;
    pos = lineBreak + 1;
  }

  /**
   * Finds the end of the line started with {@link #nextStart()}, as {@link #next()} does: the line
   * is then held in {@code array()[start(), end())} (the start may have moved), or streamed.
   */
  public void findEnd() throws IOException {
    if (end >= 0) {
      throw new IllegalStateException("the line's end is known");
    }
    findLineEnd();
  }

  /** Finds the end of the line that starts at {@code pos}, reading more of the stream as needed. */
  private void findLineEnd() throws IOException {
    int searched = 0; // bytes after pos already searched for the line break
    while (true) {
      int nl = JsonBytes.indexOfNewline(buf, pos + searched, limit);
      if (nl >= 0) {
        hold(nl, nl + 1);
        return;
      }
      searched = limit - pos;
      if (eof) {
        hold(limit, limit);
        return;
      }
      if (!compact()) {
        held = false; // too long to hold: stream it
        return;
      }
      fill();
    }
  }

  private void hold(int lineEnd, int next) {
    held = true;
    start = pos;
    end = lineEnd;
    pos = next;
  }

  /**
   * Moves the unread bytes to the buffer's front, growing it if it is full.
   *
   * @return false if the buffer is full and already at the most a line may hold
   */
  private boolean compact() {
    int unread = limit - pos;
    if (unread >= maxHeld) {
      return false;
    }
    if (pos == 0 && limit == buf.length) {
      buf = Arrays.copyOf(buf, Math.min(maxHeld, buf.length * 2));
    } else {
      System.arraycopy(buf, pos, buf, 0, unread);
      pos = 0;
      limit = unread;
    }
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

  /** Whether the current line is held whole in {@link #array()}. */
  public boolean isHeld() {
    return held;
  }

  /**
   * The buffer holding the current line, if {@link #isHeld()}; valid until {@link #next()}. After
   * the last line, the (possibly grown) buffer to pass to the next file's reader.
   */
  public byte[] array() {
    return buf;
  }

  /** Where the current held line starts in {@link #array()}. */
  public int start() {
    return start;
  }

  /** Where the current held line ends in {@link #array()} (exclusive, without the line break). */
  public int end() {
    return end;
  }

  /** A new parser of the current line, from the shared {@link Json#FACTORY}. */
  public JsonParser parser() throws IOException {
    return held
        ? Json.FACTORY.createParser(buf, start, end - start)
        : Json.FACTORY.createParser(streamed);
  }

  /** Appends more of the stream after {@code limit}; false at its end or if the buffer is full. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (pos >= limit) {
      pos = limit = 0;
    }
    if (limit == buf.length) {
      return false;
    }
    int n = in.read(buf, limit, buf.length - limit);
    while (n == 0) {
      n = in.read(buf, limit, buf.length - limit);
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    bytesRead += n;
    return true;
  }

  /** A line too long to hold, read from the buffer and then the stream up to its line break. */
  private final class Streamed extends InputStream {
    boolean ended;

    void skipRest() throws IOException {
      while (!ended) {
        if (pos >= limit && !fill()) {
          break;
        }
        int nl = JsonBytes.indexOfNewline(buf, pos, limit);
        if (nl >= 0) {
          pos = nl + 1;
          break;
        }
        pos = limit;
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
      int nl = JsonBytes.indexOfNewline(buf, pos, pos + n);
      if (nl >= 0) {
        int k = nl - pos;
        System.arraycopy(buf, pos, b, off, k);
        pos = nl + 1;
        ended = true;
        return k == 0 ? -1 : k;
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
