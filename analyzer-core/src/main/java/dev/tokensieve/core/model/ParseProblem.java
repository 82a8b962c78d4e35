package dev.tokensieve.core.model;

import static java.util.Objects.requireNonNull;

/**
 * A file that could not be read, or a line of it that could not be parsed.
 *
 * @param file the file as the user named it
 * @param line the 1-based line, or 0 when the problem concerns the whole file
 * @param message what was wrong
 */
public record ParseProblem(String file, long line, String message) {
  /** Requires a file and a message. */
  public ParseProblem {
    requireNonNull(file, "file");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
