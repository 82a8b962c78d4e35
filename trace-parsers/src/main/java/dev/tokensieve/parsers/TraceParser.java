package dev.tokensieve.parsers;

import dev.tokensieve.core.model.Session;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads one {@link TraceInput} of one format into canonical sessions.
 *
 * <p>Lenient: an unknown record type or field is skipped; a line that cannot be parsed is reported
 * to the {@link ProblemSink} with its file and line, and parsing goes on. Only a file that cannot
 * be read at all ends the stream early, after reporting the problem.
 */
public interface TraceParser {
  /**
   * Whether a file looks like this format, judged from its content, not its name.
   *
   * @param fileName the file's name (a tie-breaker only: {@code agent-*.jsonl}, {@code *.traj})
   * @param head the file's first bytes (gzip already undone), decoded as UTF-8, at most {@link
   *     TraceFormat#SNIFF_BYTES}
   */
  boolean sniff(String fileName, String head);

  /**
   * Returns the sessions in {@code input}, lazily; the caller must close the stream.
   *
   * @param problems receives every file or line that could not be read
   */
  Stream<Session> parse(TraceInput input, ProblemSink problems);

  /**
   * The session a file belongs to, for formats that spread one session over several files (Claude
   * Code sub-agent and compaction files); empty when the file stands alone. The scanner groups
   * files with the same key into one {@link TraceInput}, main file first.
   *
   * @param head as for {@link #sniff}
   */
  default Optional<String> sessionOf(Path file, String head) {
    return Optional.empty();
  }

  /** Whether {@code file} is an auxiliary file of a session (a sub-agent's), not its main file. */
  default boolean isAuxiliary(Path file) {
    return false;
  }

  /**
   * Whether several main files of one session are versions of it, to be read together as one {@link
   * TraceInput} (Gemini CLI rewrites its whole session file on every save, and tools that archive
   * sessions keep several saves), rather than separate sessions.
   */
  default boolean readsVersionsTogether() {
    return false;
  }
}
