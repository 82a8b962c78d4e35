package dev.tokensieve.web.store;

import org.jspecify.annotations.Nullable;

/**
 * An upload the store refused as a whole; nothing it contained was stored.
 *
 * <p>Carries what the HTTP answer needs: the status, the file and the line.
 */
public final class UploadRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an upload was refused; each maps to one HTTP status. */
  public enum Reason {
    /** Not a trace TokenSieve can read (HTTP 415). */
    NOT_A_TRACE,
    /** Over a size, entry-count or expansion limit (HTTP 413). */
    TOO_LARGE,
    /** A trace that yields no session: every line malformed, or a broken archive (HTTP 422). */
    MALFORMED,
    /** The request itself is wrong: no file, an empty file (HTTP 400). */
    BAD_REQUEST,
    /** A session it holds is stored already under another owner or team (HTTP 409). */
    CONFLICT
  }

  private final Reason reason;
  private final @Nullable String file;
  private final long line;

  /** A refusal because of {@code file} at {@code line} (0: the whole file). */
  public UploadRejectedException(Reason reason, String message, @Nullable String file, long line) {
    super(message);
    this.reason = reason;
    this.file = file;
    this.line = line;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }

  /** The file as the user named it (an archive entry as {@code archive.zip!/path}), if known. */
  public @Nullable String file() {
    return file;
  }

  /** The 1-based line, or 0 when the problem is the whole file. */
  public long line() {
    return line;
  }
}
