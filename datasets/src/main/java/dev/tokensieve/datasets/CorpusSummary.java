package dev.tokensieve.datasets;

/**
 * What {@link CorpusGenerator#generate} wrote.
 *
 * @param sessions the number of sessions
 * @param requests the number of de-duplicated requests over all sessions
 * @param traceBytes the bytes of trace files (not counting ground truth and manifests)
 * @param nanos the wall time taken
 * @param cpuNanos the CPU time of the generating thread (independent of other load on the machine;
 *     excludes GC and JIT threads), or 0 where the JVM cannot measure it
 */
public record CorpusSummary(
    int sessions, long requests, long traceBytes, long nanos, long cpuNanos) {
  /** Trace megabytes (10^6 bytes) per second of wall time. */
  public double megabytesPerSecond() {
    return nanos == 0 ? 0 : traceBytes / 1e6 / (nanos / 1e9);
  }

  /** Trace megabytes (10^6 bytes) per second of the generating thread's CPU time. */
  public double megabytesPerCpuSecond() {
    return cpuNanos == 0 ? 0 : traceBytes / 1e6 / (cpuNanos / 1e9);
  }
}
