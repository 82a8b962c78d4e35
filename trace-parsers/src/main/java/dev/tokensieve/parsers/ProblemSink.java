package dev.tokensieve.parsers;

import dev.tokensieve.core.model.ParseProblem;

/** Receives the problems a parser meets; implementations must be thread-safe. */
@FunctionalInterface
public interface ProblemSink {
  /** Records {@code problem}. */
  void report(ParseProblem problem);

  /** Records a problem at {@code line} of {@code file} (line 0: the whole file). */
  default void report(String file, long line, String message) {
    report(new ParseProblem(file, line, message));
  }
}
