package dev.tokensieve.web.store;

import java.util.Locale;

/**
 * Limits on untrusted uploads; every rejection names the limit and its setting.
 *
 * @param maxFileBytes the largest file accepted, as uploaded (setting {@code maxFileBytes})
 * @param maxUncompressedBytes the most bytes an archive or gzip file may expand to, all entries
 *     together (setting {@code maxUncompressedBytes})
 * @param maxEntries the most entries a zip may hold (setting {@code maxEntries})
 * @param maxRatio the largest expansion ratio of a zip entry or gzip file over 1 MiB (setting
 *     {@code maxRatio}); real traces compress 5-30x, bombs thousands of times
 */
public record UploadLimits(
    long maxFileBytes, long maxUncompressedBytes, int maxEntries, int maxRatio) {
  /** 1 GiB files, 4 GiB expanded, 10,000 entries, ratio 200. */
  public static final UploadLimits DEFAULT = new UploadLimits(1L << 30, 4L << 30, 10_000, 200);

  /** Rejects non-positive limits. */
  public UploadLimits {
    positive(maxFileBytes, "maxFileBytes");
    positive(maxUncompressedBytes, "maxUncompressedBytes");
    positive(maxEntries, "maxEntries");
    positive(maxRatio, "maxRatio");
  }

  /** These limits with another file size limit. */
  public UploadLimits withMaxFileBytes(long bytes) {
    return new UploadLimits(bytes, maxUncompressedBytes, maxEntries, maxRatio);
  }

  private static void positive(long v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s must be positive, was %d", name, v));
    }
  }
}
