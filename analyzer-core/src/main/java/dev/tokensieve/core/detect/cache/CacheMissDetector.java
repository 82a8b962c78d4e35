package dev.tokensieve.core.detect.cache;

import dev.tokensieve.core.Checks;
import dev.tokensieve.core.detect.Amounts;
import dev.tokensieve.core.detect.Detector;
import dev.tokensieve.core.detect.Timeline;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.Instants;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.price.PricedSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Finds {@link FindingKind#CACHE_MISS}: a prefix that was cached and had to be written again.
 *
 * <p>After an agent's request, the whole context it sent is cached (agents mark the last message
 * for caching), so the agent's next request should read at least that prefix, up to its own
 * context, from cache. Tokens of that prefix it wrote to the cache instead are re-written. The
 * cause is named: the cache expired during a pause longer than its lifetime (5 minutes, or 1 hour
 * once the agent writes 1-hour entries), the model switched (caches are per model), or, with
 * neither, the prefix changed (a system prompt, tool list or earlier message that differs).
 *
 * <p>Who could have avoided the miss is said too, since it decides what a user should change. A
 * pause past the lifetime, a model switch and an edited instructions file ({@code CLAUDE.md},
 * {@code AGENTS.md}, {@code GEMINI.md}: they sit early in the prompt) are the user's to avoid. A
 * request with no pause and the same model that read from cache only the prefix the agent's first
 * request read (its system prompt and tool list, cached across sessions) and re-wrote the rest was
 * re-written by the agent's own harness: real Claude Code sessions do it when a skill or slash
 * command loads and on some turns after a short pause, and nothing in the user's workflow avoids
 * it. A changed prefix with neither is named as such, with no one to blame. The first request after
 * a compaction is skipped: rewriting the prefix is what a compaction does. A resumed session's
 * first request is compared with the last request it replayed from the earlier session ({@link
 * dev.tokensieve.core.model.Session#replayed}): resuming after the cache expired writes the whole
 * conversation again.
 *
 * <p>Vendors that cache implicitly (OpenAI, Gemini) report no writes: a lost entry shows as the
 * prefix sent again as fresh, uncached input, the cached count dropping while fresh input jumps. A
 * request with no cache write is judged that way, against what the previous request read from cache
 * (not all it sent: an implicit cache takes a while to hold the newest part, so reads normally lag
 * one request behind): the part of that it no longer read was re-sent uncached. Only drops with a
 * cause in the trace are reported there, a pause past the lifetime or a model switch: implicit
 * caching is best effort (OpenAI routes requests across machines and documents hits as not
 * guaranteed), and real Codex and mini-swe-agent traces drop a few thousand cached tokens with
 * neither, which no change of the agent's would avoid.
 *
 * <p>Each miss claims the re-written (or re-sent) tokens; its cost is what writing (or sending them
 * fresh) cost minus what reading them would have cost. Label: inefficient.
 */
public final class CacheMissDetector implements Detector {
  /** The stable id. */
  public static final String ID = "cache-miss";

  /**
   * The smallest re-write reported, in tokens. Anthropic does not cache prefixes shorter than 1,024
   * tokens (2,048 on Haiku), so smaller re-writes are the normal growth of a conversation's tail
   * and never a lost cache entry.
   */
  public static final long DEFAULT_MIN_REWRITE_TOKENS = 2_048;

  /** The default lifetime of a cache entry. */
  public static final Duration TTL_5M = Duration.ofMinutes(5);

  /** The lifetime of a 1-hour cache entry. */
  public static final Duration TTL_1H = Duration.ofHours(1);

  /**
   * How far above the agent's base prefix a cache read may be and still mean "only the system
   * prompt and tools were read": a cached block is at least 1,024 tokens, so a read within one
   * block of the base did not reach the conversation.
   */
  private static final long BASE_SLACK_TOKENS = 1_024;

  private final long minRewriteTokens;

  /** A detector with the default threshold. */
  public CacheMissDetector() {
    this(DEFAULT_MIN_REWRITE_TOKENS);
  }

  /**
   * A detector with the given threshold.
   *
   * @param minRewriteTokens the smallest re-write reported, in [1, 10^9] tokens
   */
  public CacheMissDetector(long minRewriteTokens) {
    this.minRewriteTokens = Checks.inRange(minRewriteTokens, 1, 1_000_000_000L, "minRewriteTokens");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> detect(PricedSession session) {
    Timeline timeline = Timeline.of(session);
    boolean[] writesHour = new boolean[timeline.agents()];
    long[] base = new long[timeline.agents()];
    Arrays.fill(base, -1);
    boolean[] instructionsEdited = instructionEdits(session);
    @Nullable Request replayed = session.session().replayed().orElse(null);
    List<Finding> out = new ArrayList<>();
    for (int i = 0; i < session.size(); i++) {
      int agent = timeline.agentOf(i);
      int prev = timeline.previousOfAgent(i);
      Request r = session.request(i);
      Usage u = r.usage();
      boolean hourBefore = writesHour[agent];
      if (u.cacheWrite1h() > 0) {
        writesHour[agent] = true;
      }
      boolean implicit = u.cacheWrite() == 0;
      if (base[agent] < 0) {
        base[agent] = u.cacheRead(); // the agent's first request: what was cached before it
      }
      Request p;
      if (prev >= 0) {
        if (timeline.epoch(prev) != timeline.epoch(i)) {
          continue;
        }
        p = session.request(prev);
      } else if (replayed != null && replayed.agentId().equals(r.agentId())) {
        p = replayed; // a resumed session's first request continues the replayed context
      } else {
        continue;
      }
      if (implicit && u.input() == 0) {
        continue;
      }
      Usage pu = p.usage();
      if (pu.cacheRead() + pu.cacheWrite() == 0) {
        continue; // the agent was not caching: nothing could be lost
      }
      long expected = Math.min(pu.context(), u.context());
      // implicit caching lags: the newest part of the previous request is often not yet cached
      // (real Codex and LiteLLM traces), so only a drop below what it read itself is a loss
      long rewritten =
          implicit
              ? Math.min(u.input(), pu.cacheRead() - u.cacheRead())
              : Math.min(u.cacheWrite(), expected - u.cacheRead());
      if (rewritten < minRewriteTokens) {
        continue;
      }
      double writeUsd;
      if (implicit) {
        writeUsd = session.costOf(i, new Usage(rewritten, 0, 0, 0, 0, 0));
      } else {
        long hour =
            Math.min(
                u.cacheWrite1h(),
                Math.round((double) rewritten * u.cacheWrite1h() / u.cacheWrite()));
        long fiveMin = Math.min(u.cacheWrite5m(), rewritten - hour);
        hour = rewritten - fiveMin;
        writeUsd = session.costOf(i, new Usage(0, fiveMin, hour, 0, 0, 0));
      }
      double readUsd = session.costOf(i, new Usage(0, 0, 0, rewritten, 0, 0));
      double excess = Math.max(0, writeUsd - readUsd);
      Duration gap = Duration.between(p.at(), r.at());
      Duration ttl = hourBefore || pu.cacheWrite1h() > 0 ? TTL_1H : TTL_5M;
      boolean switched = !p.model().equals(r.model());
      if (implicit && !switched && gap.compareTo(ttl) <= 0) {
        continue; // implicit caches are best effort: a drop with no cause is the vendor's routing
      }
      String cause;
      String avoidable;
      if (switched) {
        cause = "after a model switch from " + p.model() + " to " + r.model();
        avoidable = "avoidable by the user: caches are per model, so switch models at a compaction";
      } else if (gap.compareTo(ttl) > 0) {
        cause =
            "after a "
                + Amounts.minutes(gap)
                + " pause (the "
                + (ttl.equals(TTL_1H) ? "1-hour" : "5-minute")
                + " cache expired)";
        avoidable =
            "avoidable by the user: a pause past the cache's lifetime loses it (compact or start"
                + " afresh after a long break)";
      } else if (prev >= 0 && editedBetween(instructionsEdited, prev, i)) {
        cause = "with no pause and the same model, after an instructions file was edited";
        avoidable =
            "avoidable by the user: instructions files sit early in the prompt, so editing one"
                + " mid-session re-writes everything after it";
      } else if (!implicit
          && u.cacheRead() > 0
          && base[agent] > 0
          && u.cacheRead() <= base[agent] + BASE_SLACK_TOKENS) {
        cause =
            "with no pause and the same model (the agent's harness re-sent everything after the "
                + Amounts.tokens(u.cacheRead())
                + " tokens of system prompt and tools it read)";
        avoidable =
            "caused by the agent's harness, not the user: it read only the prefix its first"
                + " request read ("
                + Amounts.tokens(base[agent])
                + " tokens) and re-wrote the conversation after it";
      } else {
        cause = "with no pause and the same model (the cached prefix changed)";
        avoidable = "cause not in the trace: a changed system prompt, tool list or earlier message";
      }
      String summary =
          (implicit ? "re-sent uncached " : "re-wrote ")
              + Amounts.tokens(rewritten)
              + " cached tokens "
              + cause
              + ": "
              + Amounts.usd(writeUsd)
              + " instead of "
              + Amounts.usd(readUsd)
              + " as a read";
      List<String> evidence =
          List.of(
              (prev >= 0
                      ? "previous request " + prev
                      : "the last request replayed from the resumed session " + p.callId())
                  + " at "
                  + Instants.text(p.at())
                  + " sent "
                  + Amounts.tokens(pu.context())
                  + " tokens; request "
                  + i
                  + " at "
                  + Instants.text(r.at())
                  + " read "
                  + Amounts.tokens(u.cacheRead())
                  + " from cache and "
                  + (implicit
                      ? "sent " + Amounts.tokens(u.input()) + " fresh"
                      : "wrote " + Amounts.tokens(u.cacheWrite())),
              "gap " + Amounts.minutes(gap) + ", excess " + Amounts.usd(excess),
              avoidable);
      out.add(
          new Finding(
              FindingKind.CACHE_MISS,
              i,
              i,
              SpendLabel.INEFFICIENT,
              summary,
              evidence,
              List.of(new Charge(i, rewritten, excess))));
    }
    return out;
  }

  /** Per request: whether a step it issued (or that followed it) edited an instructions file. */
  private static boolean[] instructionEdits(PricedSession session) {
    boolean[] edited = new boolean[session.size()];
    for (Step step : session.session().steps()) {
      if (step instanceof Step.Edit e && e.request() >= 0 && isInstructions(e.file())) {
        edited[e.request()] = true;
      }
    }
    return edited;
  }

  private static boolean editedBetween(boolean[] edited, int from, int before) {
    for (int r = from; r < before; r++) {
      if (edited[r]) {
        return true;
      }
    }
    return false;
  }

  private static boolean isInstructions(String file) {
    int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    String name = file.substring(slash + 1).toUpperCase(Locale.ROOT);
    return name.equals("CLAUDE.MD")
        || name.equals("CLAUDE.LOCAL.MD")
        || name.equals("AGENTS.MD")
        || name.equals("GEMINI.MD");
  }
}
