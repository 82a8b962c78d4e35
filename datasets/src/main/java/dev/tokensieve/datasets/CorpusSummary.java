package dev.tokensieve.datasets;

/**
 * What {@link CorpusGenerator#generate} wrote.
 *
 * @param sessions the number of sessions
 * @param requests the number of de-duplicated requests over all sessions
 * @param traceBytes the bytes of trace files (not counting ground truth and manifests)
 * @param nanos the wall time taken
 */
public record CorpusSummary(int sessions, long requests, long traceBytes, long nanos) {
  /** Trace megabytes (10^6 bytes) per second of wall time. */
  public double megabytesPerSecond() {
    return nanos == 0 ? 0 : traceBytes / 1e6 / (nanos / 1e9);
  }
}
