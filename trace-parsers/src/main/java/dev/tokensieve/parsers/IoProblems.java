package dev.tokensieve.parsers;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * Says in plain words what went wrong reading a file, for the problems a user reads: the file is
 * named beside the message, so the message names no file, and no Java exception class.
 */
public final class IoProblems {
  private IoProblems() {}

  /** What {@code e} means to a user, without the file name or the exception's class. */
  public static String describe(IOException e) {
    if (e instanceof FileSystemLoopException) {
      return "a symbolic link back to a folder above it (a loop): not followed";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder (removed while being read?)";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof EOFException) {
      return "ends in the middle: the file is truncated";
    }
    if (e instanceof ZipException) {
      return "damaged gzip data (" + lower(e.getMessage()) + ")";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return lower(f.getReason());
    }
    String m = e.getMessage();
    if (m != null && m.startsWith("Unexpected end of ZLIB input stream")) {
      return "ends in the middle: the gzip data is truncated";
    }
    return m == null || m.isBlank() ? "read error" : lower(m);
  }

  /**
   * What a JSON syntax error says, in one line and without Jackson's location suffix (the line is
   * given beside it); a value cut short says so.
   */
  public static String json(com.fasterxml.jackson.core.JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m == null || m.isBlank()) {
      return "malformed JSON";
    }
    int nl = m.indexOf('\n');
    String first = nl >= 0 ? m.substring(0, nl) : m;
    if (first.startsWith("Unexpected end-of-input")) {
      return "it ends in the middle of a value (cut short?)";
    }
    return first;
  }

  /** {@link #describe(IOException)} of the cause an {@link UncheckedIOException} carries. */
  public static String describe(UncheckedIOException e) {
    return describe(e.getCause());
  }

  /**
   * What an unexpected failure (a bug, not bad input) says: its message, or that it had none,
   * marked as TokenSieve's fault so that the user reports it instead of fixing the file.
   */
  public static String internal(RuntimeException e) {
    String m = e.getMessage();
    return "could not be read because of a bug in TokenSieve (please report it with this file): "
        + (m == null || m.isBlank() ? "no detail" : m);
  }

  private static String lower(String s) {
    return s == null || s.isEmpty()
        ? "read error"
        : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }
}
