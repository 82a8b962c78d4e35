package dev.tokensieve.core.detect.context;

import dev.tokensieve.core.detect.Timeline;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.price.PricedSession;
import java.util.List;

/**
 * Charges content that sits in an agent's context from the request that first sends it until its
 * epoch ends (a compaction, or the end of the session): every one of those requests paid for it
 * again, at the rate that request was billed for it: the first carrier at its cache-write (or
 * input) rate, the later ones at their cache-read rate where they read from cache.
 */
final class Lifetime {
  private Lifetime() {}

  /**
   * Claims {@code tokensPerCopy} for each copy alive at each request, from the first carrier to the
   * end of its epoch, appending one charge per request to {@code out}.
   *
   * @param carriers the request that first sent each copy, sorted, all of one agent and epoch
   * @return the last request charged, or -1 if nothing could be claimed
   */
  static int charge(
      Timeline timeline,
      Timeline.Claims claims,
      int[] carriers,
      long tokensPerCopy,
      List<Charge> out) {
    PricedSession session = timeline.session();
    int first = carriers[0];
    int agent = timeline.agentOf(first);
    int epoch = timeline.epoch(first);
    int next = 0;
    int alive = 0;
    int last = -1;
    for (int p = timeline.position(first); p < timeline.requestCount(agent); p++) {
      int r = timeline.requestOf(agent, p);
      if (timeline.epoch(r) != epoch) {
        break;
      }
      int fresh = 0;
      while (next < carriers.length && carriers[next] <= r) {
        fresh++;
        next++;
      }
      // copies sent for the first time by r were billed as its cache write (or input); the copies
      // it carried from earlier requests, as its cache read where it read from cache
      Usage part =
          claims.claimNew(r, tokensPerCopy * fresh).plus(claims.claim(r, tokensPerCopy * alive));
      alive += fresh;
      long t = part.context();
      if (t > 0) {
        out.add(new Charge(r, t, session.costOf(r, part)));
        last = r;
      }
    }
    return last;
  }

  /** The last request of {@code request}'s agent in the same epoch. */
  static int epochEnd(Timeline timeline, int request) {
    int agent = timeline.agentOf(request);
    int epoch = timeline.epoch(request);
    int end = request;
    for (int p = timeline.position(request) + 1; p < timeline.requestCount(agent); p++) {
      int r = timeline.requestOf(agent, p);
      if (timeline.epoch(r) != epoch) {
        break;
      }
      end = r;
    }
    return end;
  }
}
