package dev.tokensieve.parsers;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads the first bytes of trace files, gzip undone, into one buffer reused for every file: one
 * reader per sniffing thread, not thread-safe.
 *
 * <p>Sniffing reads the head of every candidate file, which on a corpus of small files is a large
 * part of the corpus. Reading it through {@link TraceInput#open} and {@code readNBytes} allocated a
 * 64 KB stream buffer and a 64 KB copy per file (a fifth of the sniffing threads' samples, page
 * faults of fresh arrays included). This reads a plain file straight into the one buffer, and only
 * as far as the caller asks: a Claude Code file tells its format, session and start in its first
 * lines, so most files are decided after {@link TraceScanner#QUICK_SNIFF_BYTES}.
 */
final class HeadReader implements Closeable {
  private final byte[] bytes = new byte[TraceFormat.SNIFF_BYTES];
  // not a FileChannel: opening, reading (through a direct buffer) and closing one took a third
  // more of the sniffing threads' time than the system calls it makes, RandomAccessFile's a tenth
  private @Nullable RandomAccessFile file;
  private @Nullable InputStream stream;
  private int length;
  private boolean ended;

  /**
   * Opens {@code file} (closing the previous one) and reads its first {@code want} bytes, or all of
   * them if there are fewer; returns the file's size on disk.
   */
  long open(Path file, int want) throws IOException {
    close();
    length = 0;
    ended = false;
    RandomAccessFile f = openFile(file);
    this.file = f;
    long size = f.length();
    read(Math.max(2, want));
    if (length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      close(); // gzip: sniffers see the inflated head, as parsers do through TraceInput.open
      length = 0;
      ended = false;
      stream = TraceInput.open(file);
      read(want);
    }
    return size;
  }

  /**
   * Opens {@code file} for reading; fails as {@link FileChannel#open} does, with the exception (and
   * so the message, which sniffing reports) the rest of the scanner gives for a file it cannot
   * read.
   */
  private static RandomAccessFile openFile(Path file) throws IOException {
    try {
      return new RandomAccessFile(file.toFile(), "r");
    } catch (FileNotFoundException e) {
      FileChannel.open(file).close(); // throws the exception NIO gives
      throw e; // it opens now: the file changed in between
    }
  }

  /** Reads on until {@code want} bytes (at most {@link TraceFormat#SNIFF_BYTES}) or the end. */
  void read(int want) throws IOException {
    int limit = Math.min(want, bytes.length);
    RandomAccessFile f = file;
    InputStream in = stream;
    while (length < limit && !ended) {
      int n;
      if (in != null) {
        n = in.read(bytes, length, limit - length);
      } else if (f != null) {
        n = f.read(bytes, length, limit - length);
      } else {
        throw new IllegalStateException("no file open");
      }
      if (n < 0) {
        ended = true;
      } else {
        length += n;
      }
    }
  }

  /** The buffer; bytes {@code [0, length())} are the file's. */
  byte[] bytes() {
    return bytes;
  }

  /** How many of the file's first bytes are in {@link #bytes}. */
  int length() {
    return length;
  }

  @Override
  public void close() throws IOException {
    RandomAccessFile f = file;
    InputStream in = stream;
    file = null;
    stream = null;
    try {
      if (f != null) {
        f.close();
      }
    } finally {
      if (in != null) {
        in.close();
      }
    }
  }

  /**
   * Whether {@code bytes[0, n)} holds a zero byte, the mark of a binary file. Searched eight bytes
   * at a time ({@link JsonBytes#indexOf}): the byte loop ran at 1.7 ns a byte under C1, which the
   * CLI runs with, and was a quarter of the sniffing threads' samples. HeadReaderTest checks it
   * against the byte loop.
   */
  static boolean containsZero(byte[] bytes, int n) {
    return JsonBytes.indexOf(bytes, 0, n, (byte) 0) >= 0;
  }
}
