package dev.tokensieve.web.store;

/**
 * The store was indexed by an older TokenSieve and cannot answer this question truthfully until
 * {@code tokensieve reindex} has re-analysed its raw files.
 */
public final class ReindexNeededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ReindexNeededException(String message) {
    super(message);
  }
}
