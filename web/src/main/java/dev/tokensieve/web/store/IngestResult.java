package dev.tokensieve.web.store;

import dev.tokensieve.core.model.ParseProblem;
import java.util.List;

/**
 * What one upload did.
 *
 * @param sessions the summary JSON of every session the upload holds, new or already stored
 * @param stored how many sessions were written (new or re-analysed)
 * @param unchanged how many were already stored from the same bytes and attribution
 * @param problems lines that could not be read in files that otherwise held sessions
 */
public record IngestResult(
    List<String> sessions, int stored, int unchanged, List<ParseProblem> problems) {
  /** Copies the lists. */
  public IngestResult {
    sessions = List.copyOf(sessions);
    problems = List.copyOf(problems);
  }
}
