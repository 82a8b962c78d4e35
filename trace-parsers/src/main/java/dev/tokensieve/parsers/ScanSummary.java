package dev.tokensieve.parsers;

import dev.tokensieve.core.model.ParseProblem;
import java.util.List;

/**
 * What a corpus scan did.
 *
 * @param sessions the sessions delivered
 * @param inputs the trace inputs parsed (a main file with its related files)
 * @param files the trace files read
 * @param bytes their size on disk
 * @param duplicateRequests requests dropped because an earlier session already counted them
 *     (resumed and forked sessions replay history)
 * @param problems every file or line that could not be read, in a stable order
 */
public record ScanSummary(
    int sessions,
    int inputs,
    int files,
    long bytes,
    long duplicateRequests,
    List<ParseProblem> problems) {
  /** Copies the list. */
  public ScanSummary {
    problems = List.copyOf(problems);
  }
}
