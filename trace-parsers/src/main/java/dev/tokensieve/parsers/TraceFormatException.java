package dev.tokensieve.parsers;

/** A trace that cannot be read: carries the file and line so the user can find the problem. */
public final class TraceFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;

  /** A problem at {@code line} of {@code file} (0 for the whole file). */
  public TraceFormatException(String file, long line, String problem) {
    super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem);
    this.file = file;
    this.line = line;
  }

  /** The file. */
  public String file() {
    return file;
  }

  /** The 1-based line, or 0. */
  public long line() {
    return line;
  }
}
