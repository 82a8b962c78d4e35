package dev.tokensieve.core.detect.context;

import dev.tokensieve.core.Checks;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds {@link FindingKind#OVERSIZED_TOOL_OUTPUT}: a huge tool output (a whole log, a minified
 * bundle, a recursive listing) that is then carried on every later request until a compaction.
 *
 * <p>Labelled <em>inefficient</em>, not wasteful: the agent usually needed something from the
 * output (the error in the log, the file it was looking for), so the spend bought progress; what
 * was avoidable is the bulk, which {@code head}, {@code grep} or a ranged read would have cut. The
 * charge is therefore the tokens above {@link #DEFAULT_KEPT_TOKENS} of the output, on every request
 * that carried it (the first included), at that request's rates.
 */
public final class OversizedToolOutputDetector implements Detector {
  /** The stable id. */
  public static final String ID = "oversized-tool-output";

  /**
   * An output above this many tokens is oversized: 10k tokens is 5% of a 200k context window and
   * about 40 KB of text, more than any person reads from one command; agents' own tools truncate
   * around there (Claude Code caps a Read at 25k tokens, Bash output at 30k characters).
   */
  public static final long DEFAULT_MIN_TOKENS = 10_000;

  /**
   * What a filtered version of the output would plausibly have kept: a screenful or two of a log's
   * tail, a grep's matches, a ranged read. The tokens above it are the avoidable part.
   */
  public static final long DEFAULT_KEPT_TOKENS = 2_000;

  private final long minTokens;
  private final long keptTokens;

  /** A detector with the default thresholds. */
  public OversizedToolOutputDetector() {
    this(DEFAULT_MIN_TOKENS, DEFAULT_KEPT_TOKENS);
  }

  /**
   * A detector with the given thresholds.
   *
   * @param minTokens the size above which an output is oversized, in [1, 10^9]
   * @param keptTokens the part of an output counted as needed, in [0, minTokens]
   */
  public OversizedToolOutputDetector(long minTokens, long keptTokens) {
    this.minTokens = Checks.inRange(minTokens, 1, 1_000_000_000L, "minTokens");
    this.keptTokens = Checks.inRange(keptTokens, 0, minTokens, "keptTokens");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> detect(PricedSession session) {
    Timeline timeline = Timeline.of(session);
    CallIndex index = CallIndex.of(session);
    Timeline.@Nullable Claims claims = null; // made at the first oversized output: most have none
    List<Finding> out = new ArrayList<>();
    for (int s = 0; s < index.size(); s++) {
      Step step = index.step(s);
      if (!(step instanceof Step.ToolResult)) {
        continue;
      }
      Step.ToolResult r = (Step.ToolResult) step;
      if (r.tokens() <= minTokens) {
        continue;
      }
      int carrier = timeline.carrier(r);
      if (carrier < 0) {
        continue;
      }
      if (claims == null) {
        claims = timeline.newClaims();
      }
      List<Charge> charges = new ArrayList<>();
      long excess = r.tokens() - keptTokens;
      int last = Lifetime.charge(timeline, claims, new int[] {carrier}, excess, charges);
      if (charges.isEmpty()) {
        continue;
      }
      double usd = 0;
      long claimed = 0;
      for (Charge ch : charges) {
        usd += ch.costUsd();
        claimed += ch.tokens();
      }
      Step.ToolCall call = index.callOf(s);
      String what = call == null ? "a tool" : call.tool() + " " + Amounts.quote(call.target());
      String summary =
          what
              + " returned "
              + Amounts.tokens(r.tokens())
              + " tokens, carried by "
              + charges.size()
              + (charges.size() == 1 ? " request: " : " requests: ")
              + Amounts.usd(usd)
              + " for the part above "
              + Amounts.tokens(keptTokens)
              + " tokens";
      int agent = timeline.agentOf(carrier);
      int end = Lifetime.epochEnd(timeline, carrier);
      boolean sessionEnd = timeline.position(end) == timeline.requestCount(agent) - 1;
      List<String> evidence = new ArrayList<>();
      evidence.add("first sent by request " + carrier);
      evidence.add(
          "carried until request "
              + end
              + (sessionEnd ? " (end of session)" : " (then the context was compacted)")
              + ": "
              + Amounts.tokens(claimed)
              + " tokens above the kept "
              + Amounts.tokens(keptTokens));
      out.add(
          new Finding(
              FindingKind.OVERSIZED_TOOL_OUTPUT,
              carrier,
              last,
              SpendLabel.INEFFICIENT,
              summary,
              evidence,
              charges));
    }
    out.sort(Comparator.comparingInt(Finding::firstRequest).thenComparingInt(Finding::lastRequest));
    return out;
  }
}
