package dev.tokensieve.core.detect.error;

import dev.tokensieve.core.detect.Amounts;
import dev.tokensieve.core.detect.CallIndex;
import dev.tokensieve.core.detect.Detector;
import dev.tokensieve.core.detect.Timeline;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.price.PricedSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds {@link FindingKind#API_ERROR_RETRY}: episodes of failed API calls, each with the billed
 * requests whose response they lost.
 *
 * <p>Errors of one agent between the same two successful requests form one episode and one finding,
 * whether the client's retries got through or the user had to say "continue". A request is lost
 * when an {@link Step.ApiError} of its agent follows it within {@link #LOST_WINDOW} and nothing
 * shows its response arrived: it issued no tool call or edit, and the user did not reply to it
 * before the error. Each lost request is claimed whole. Label: wasteful.
 *
 * <p>The usual episode loses nothing billed: Claude Code's {@code system/api_error} retries and
 * Codex's {@code stream_error} reconnects record failed calls with no usage, and the retry that got
 * through is the request that did the work. Such an episode is still reported, covering the request
 * that got through and claiming no tokens: the session stalled (a real trace shows the user
 * interrupting and typing "continue, network should be better now"), it explains the requests
 * around it, and any cache re-write the delay caused is claimed by the cache-miss detector, not
 * twice here.
 */
public final class ApiErrorRetryDetector implements Detector {
  /** The stable id. */
  public static final String ID = "api-error-retry";

  /**
   * How soon after a request its error must come for the request to count as lost. Streaming
   * responses of long generations take minutes; an error later than that belongs to a later call
   * that the trace did not record.
   */
  public static final Duration LOST_WINDOW = Duration.ofMinutes(10);

  /** A detector; it has no thresholds to configure beyond {@link #LOST_WINDOW}. */
  public ApiErrorRetryDetector() {}

  @Override
  public String id() {
    return ID;
  }

  private static boolean hasApiError(CallIndex steps) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.step(i) instanceof Step.ApiError) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Finding> detect(PricedSession session) {
    if (!hasApiError(CallIndex.of(session))) {
      return List.of(); // no episode: what the loop below finds answered would not be asked
    }
    Timeline timeline = Timeline.of(session);
    int n = session.size();
    BitSet answered = new BitSet(n);
    Map<Long, Episode> episodes = new LinkedHashMap<>();
    for (Step s : session.session().steps()) {
      int agent = timeline.agent(s.agentId());
      if (agent < 0 || s.request() < 0) {
        continue;
      }
      int r = timeline.latestOfAgentAtOrBefore(agent, s.request());
      if (r < 0) {
        continue;
      }
      if (s instanceof Step.ApiError) {
        int retry = timeline.firstOfAgentAfter(agent, s.request());
        long key = ((long) agent << 32) | (retry & 0xffffffffL);
        Episode e = episodes.computeIfAbsent(key, k -> new Episode(retry, r));
        e.errors++;
        if (e.firstMessage == null) {
          e.firstMessage = ((Step.ApiError) s).message();
        }
        Duration since = Duration.between(session.request(r).at(), s.at());
        if (!answered.get(r) && since.compareTo(LOST_WINDOW) <= 0) {
          e.lost.add(r);
        }
      } else if (!(s instanceof Step.Interrupt) && !(s instanceof Step.Compaction)) {
        // a tool call, result, edit or user message at r: r's response arrived
        answered.set(r);
      }
    }
    // a request whose tool calls are recorded after the error still answered: drop it
    List<Finding> out = new ArrayList<>();
    for (Episode e : episodes.values()) {
      e.lost.removeIf(answered::get);
      if (e.lost.isEmpty()) {
        out.add(unbilled(e));
        continue;
      }
      List<Charge> charges = new ArrayList<>();
      double usd = 0;
      for (int r : e.lost) {
        long t = session.request(r).usage().total();
        charges.add(new Charge(r, t, session.cost(r)));
        usd += session.cost(r);
      }
      int first = e.lost.first();
      int last = e.retry >= 0 ? Math.max(e.retry, e.lost.last()) : e.lost.last();
      String summary =
          e.errors
              + (e.errors == 1 ? " API error (" : " API errors (")
              + Amounts.quote(e.firstMessage == null ? "" : e.firstMessage)
              + ") lost "
              + e.lost.size()
              + (e.lost.size() == 1 ? " billed request: " : " billed requests: ")
              + Amounts.usd(usd);
      List<String> evidence = new ArrayList<>();
      evidence.add("lost requests: " + e.lost.toString().replaceAll("[\\[\\]]", ""));
      evidence.add(
          e.retry >= 0
              ? "retried successfully by request " + e.retry
              : "not retried: the session ended after the error");
      out.add(
          new Finding(
              FindingKind.API_ERROR_RETRY,
              first,
              last,
              SpendLabel.WASTEFUL,
              summary,
              evidence,
              charges));
    }
    out.sort(
        java.util.Comparator.comparingInt(Finding::firstRequest)
            .thenComparingInt(Finding::lastRequest));
    return out;
  }

  /** An episode that lost no billed request: it covers the request that got through. */
  private static Finding unbilled(Episode e) {
    int at = e.retry >= 0 ? e.retry : e.before;
    String summary =
        e.errors
            + (e.errors == 1 ? " API error (" : " API errors (")
            + Amounts.quote(e.firstMessage == null ? "" : e.firstMessage)
            + (e.retry >= 0
                ? ") before request " + e.retry + " got through"
                : ") and the session ended")
            + "; the failed calls were not billed";
    List<String> evidence = new ArrayList<>();
    evidence.add("last request before the errors: " + e.before);
    evidence.add(
        e.retry >= 0
            ? "retried successfully by request " + e.retry
            : "not retried: the session ended after the error");
    return new Finding(
        FindingKind.API_ERROR_RETRY, at, at, SpendLabel.WASTEFUL, summary, evidence, List.of());
  }

  private static final class Episode {
    final int retry;
    final int before;
    final TreeSet<Integer> lost = new TreeSet<>();
    int errors;
    @org.jspecify.annotations.Nullable String firstMessage;

    Episode(int retry, int before) {
      this.retry = retry;
      this.before = before;
    }
  }
}
