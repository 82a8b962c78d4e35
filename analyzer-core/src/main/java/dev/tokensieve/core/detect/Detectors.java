package dev.tokensieve.core.detect;

import dev.tokensieve.core.detect.cache.CacheMissDetector;
import dev.tokensieve.core.detect.context.OversizedToolOutputDetector;
import dev.tokensieve.core.detect.context.RedundantContextDetector;
import dev.tokensieve.core.detect.error.ApiErrorRetryDetector;
import dev.tokensieve.core.detect.growth.GrowthDetector;
import dev.tokensieve.core.detect.loop.RetryLoopDetector;
import dev.tokensieve.core.detect.model.ModelOverkillDetector;
import dev.tokensieve.core.detect.tail.AbandonedTailDetector;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.price.PricedSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The registry of detectors, in the order their findings are reported. */
public final class Detectors {
  private Detectors() {}

  /** Every detector TokenSieve ships, with its default thresholds. */
  public static List<Detector> all() {
    return List.of(
        new RetryLoopDetector(),
        new RedundantContextDetector(),
        new GrowthDetector(),
        new CacheMissDetector(),
        new OversizedToolOutputDetector(),
        new ApiErrorRetryDetector(),
        new ModelOverkillDetector(),
        new AbandonedTailDetector());
  }

  /** Runs {@code detectors} on {@code session}; findings sorted by first request, then kind. */
  public static List<Finding> run(List<Detector> detectors, PricedSession session) {
    List<Finding> out = new ArrayList<>();
    for (Detector d : detectors) {
      out.addAll(d.detect(session));
    }
    out.sort(
        Comparator.comparingInt(Finding::firstRequest)
            .thenComparing(Finding::kind)
            .thenComparingInt(Finding::lastRequest));
    return out;
  }
}
