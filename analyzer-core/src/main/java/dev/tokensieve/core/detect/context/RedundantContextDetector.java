package dev.tokensieve.core.detect.context;

import dev.tokensieve.core.Checks;
import dev.tokensieve.core.detect.Amounts;
import dev.tokensieve.core.detect.CallIndex;
import dev.tokensieve.core.detect.Commands;
import dev.tokensieve.core.detect.Detector;
import dev.tokensieve.core.detect.Timeline;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.price.PricedSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds {@link FindingKind#REDUNDANT_CONTEXT}: content already in the agent's context sent again,
 * such as a file read again with no change in between, or the same output of a lookup returned
 * twice.
 *
 * <p>Two outputs are the same content when their digests are equal: a file edited in between has
 * another digest, so "no change in between" needs no separate check. Only retrieval is counted
 * (reads, searches, read-only shell commands, other tools): a test re-run after an edit that prints
 * the same failure told the agent something new, and a re-run without a change is a {@link
 * FindingKind#RETRY_LOOP}. A copy is redundant only while the original is still in the context:
 * after a compaction it is needed again.
 *
 * <p>Each extra copy is charged on every request that carried it, from the request that first sent
 * it until the context is compacted or the session ends, at that request's rates (cache read where
 * the request read from cache, else input); no request is claimed beyond its context. Label:
 * wasteful.
 */
public final class RedundantContextDetector implements Detector {
  /** The stable id. */
  public static final String ID = "redundant-context";

  /**
   * The smallest copy worth reporting, in tokens (about 2 KB of text). Below it sit status lines,
   * short listings and tiny files: re-reading them costs less than a fraction of a percent of a
   * typical context per request, and flagging them would bury the copies that matter.
   */
  public static final long DEFAULT_MIN_COPY_TOKENS = 500;

  private final long minCopyTokens;

  /** A detector with the default threshold. */
  public RedundantContextDetector() {
    this(DEFAULT_MIN_COPY_TOKENS);
  }

  /**
   * A detector with the given threshold.
   *
   * @param minCopyTokens the smallest output counted, in [1, 10^9] tokens
   */
  public RedundantContextDetector(long minCopyTokens) {
    this.minCopyTokens = Checks.inRange(minCopyTokens, 1, 1_000_000_000L, "minCopyTokens");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> detect(PricedSession session) {
    Timeline timeline = Timeline.of(session);
    CallIndex index = CallIndex.of(session);
    Map<String, Content> contents = new HashMap<>();
    List<Content> repeated = new ArrayList<>();
    for (int s = 0; s < index.size(); s++) {
      Step step = index.step(s);
      if (!(step instanceof Step.ToolResult)) {
        continue;
      }
      Step.ToolResult r = (Step.ToolResult) step;
      Step.ToolCall call = index.callOf(s);
      if (r.tokens() < minCopyTokens || call == null || !isRetrieval(call)) {
        continue;
      }
      int carrier = timeline.carrier(r);
      if (carrier < 0) {
        continue;
      }
      String key = r.agentId() + '\u0000' + r.digest();
      Content c = contents.get(key);
      if (c != null && timeline.epoch(c.lastCarrier()) == timeline.epoch(carrier)) {
        c.copy(carrier);
        if (c.copies == 2) {
          repeated.add(c);
        }
      } else {
        contents.put(key, new Content(call, r.tokens(), carrier));
      }
    }
    Timeline.Claims claims = timeline.newClaims();
    List<Finding> out = new ArrayList<>();
    for (Content c : repeated) {
      Finding f = c.finding(timeline, claims);
      if (f != null) {
        out.add(f);
      }
    }
    out.sort(Comparator.comparingInt(Finding::firstRequest).thenComparingInt(Finding::lastRequest));
    return out;
  }

  private static boolean isRetrieval(Step.ToolCall call) {
    ToolKind k = call.kind();
    return k == ToolKind.READ
        || k == ToolKind.SEARCH
        || k == ToolKind.OTHER
        || (k == ToolKind.SHELL && Commands.isReadOnly(call.target()));
  }

  /** One content and the requests that sent it: the original first, then the copies. */
  private static final class Content {
    final Step.ToolCall call;
    final long tokens;
    int[] carriers = new int[4];
    int copies;

    Content(Step.ToolCall call, long tokens, int carrier) {
      this.call = call;
      this.tokens = tokens;
      copy(carrier);
    }

    void copy(int carrier) {
      if (copies == carriers.length) {
        carriers = Arrays.copyOf(carriers, copies * 2);
      }
      carriers[copies++] = carrier;
    }

    int lastCarrier() {
      return carriers[copies - 1];
    }

    @org.jspecify.annotations.Nullable
    Finding finding(Timeline timeline, Timeline.Claims claims) {
      int[] extra = Arrays.copyOfRange(carriers, 1, copies);
      List<Charge> charges = new ArrayList<>();
      int last = Lifetime.charge(timeline, claims, extra, tokens, charges);
      if (charges.isEmpty()) {
        return null;
      }
      double usd = 0;
      long claimed = 0;
      for (Charge ch : charges) {
        usd += ch.costUsd();
        claimed += ch.tokens();
      }
      int extras = copies - 1;
      String what =
          call.kind() == ToolKind.READ
              ? "read " + Amounts.quote(call.target()) + " " + copies + " times with no change"
              : "got the same output of "
                  + call.tool()
                  + " "
                  + Amounts.quote(call.target())
                  + " "
                  + copies
                  + " times";
      String summary =
          what
              + ": "
              + extras
              + (extras == 1 ? " extra copy" : " extra copies")
              + " of "
              + Amounts.tokens(tokens)
              + " tokens re-sent on "
              + charges.size()
              + (charges.size() == 1 ? " request, " : " requests, ")
              + Amounts.usd(usd);
      int end = Lifetime.epochEnd(timeline, extra[0]);
      int agent = timeline.agentOf(extra[0]);
      boolean sessionEnd = timeline.position(end) == timeline.requestCount(agent) - 1;
      List<String> evidence = new ArrayList<>();
      evidence.add("first sent by request " + carriers[0]);
      evidence.add("sent again by requests " + join(extra));
      evidence.add(
          "copies carried until request "
              + end
              + (sessionEnd ? " (end of session)" : " (then the context was compacted)")
              + ": "
              + Amounts.tokens(claimed)
              + " tokens");
      return new Finding(
          FindingKind.REDUNDANT_CONTEXT,
          extra[0],
          Math.max(extra[0], last),
          SpendLabel.WASTEFUL,
          summary,
          evidence,
          charges);
    }
  }

  static String join(int[] xs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < xs.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(xs[i]);
    }
    return sb.toString();
  }
}
