package dev.tokensieve.core.report;

/**
 * The fit of per-request context size against request index.
 *
 * @param slopeTokensPerRequest how many tokens each request adds to the context, on average
 * @param interceptTokens the fitted context at request 0
 * @param r2 how well a straight line explains the context sizes
 * @param quadratic whether the session pays a material quadratic tax
 * @param compactionSavingUsd what compacting or splitting at the best point would have saved
 * @param bestCompactionRequest the request at which compacting would have saved most, or -1
 */
public record Growth(
    double slopeTokensPerRequest,
    double interceptTokens,
    double r2,
    boolean quadratic,
    double compactionSavingUsd,
    int bestCompactionRequest) {
  /** No fit (too few requests). */
  public static final Growth NONE = new Growth(0, 0, 0, false, 0, -1);
}
