package dev.tokensieve.parsers;

/** Receives a corpus scan's progress, e.g. to draw a progress bar; must be thread-safe. */
@FunctionalInterface
public interface ScanProgress {
  /** Ignores progress. */
  ScanProgress NONE = (done, total) -> {};

  /**
   * Called after each trace input is parsed.
   *
   * @param bytesDone the size on disk of the inputs parsed so far
   * @param bytesTotal the size on disk of all inputs
   */
  void update(long bytesDone, long bytesTotal);
}
