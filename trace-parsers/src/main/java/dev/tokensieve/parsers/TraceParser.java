package dev.tokensieve.parsers;

import dev.tokensieve.core.model.Session;
import java.util.stream.Stream;

/**
 * Reads one {@link TraceInput} of one format into canonical sessions.
 *
 * <p>Lenient: an unknown record type or field is skipped; a line that cannot be parsed is
 * reported to the {@link ProblemSink} with its file and line, and parsing goes on. Only a file
 * that cannot be read at all ends the stream early, after reporting the problem.
 */
public interface TraceParser {
  /**
   * Returns the sessions in {@code input}, lazily; the caller must close the stream.
   *
   * @param problems receives every file or line that could not be read
   */
  Stream<Session> parse(TraceInput input, ProblemSink problems);
}
