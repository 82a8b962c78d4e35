package dev.tokensieve.core.detect;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.price.PricedSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's requests grouped by agent, with the context epochs that compactions start: the index
 * every detector family needs to ask "which later requests carried this content?".
 *
 * <p>Each agent (the main agent and every sub-agent) has its own context. A step's output is first
 * sent to the model by the agent's next request after the step ({@link #carrier}); it stays in that
 * agent's context for every later request of the same epoch. An epoch ends at a {@link
 * Step.Compaction} of the agent or where the context drops sharply without one (Codex after
 * auto-compaction, {@code /clear}, a resumed session): the content is gone after that.
 *
 * <p>Built once per session in O(requests + steps); lookups are O(1) or O(log requests).
 */
public final class Timeline {
  /*
   * A context that falls below half of the previous request's, by at least DROP_MIN_TOKENS, was
   * emptied: history is not forgotten piecemeal by any agent we parse, so a halving is a reset.
   * The absolute floor keeps small contexts (a sub-agent's first turns) from flapping.
   */
  private static final double DROP_FRACTION = 0.5;
  private static final long DROP_MIN_TOKENS = 2_000;

  private final PricedSession session;
  private final Map<String, Integer> agentIds = new HashMap<>();
  private final int[] agentOf;
  private final int[] position;
  private final int[] epoch;
  private final int[][] requestsOf;

  private Timeline(PricedSession session) {
    this.session = session;
    int n = session.size();
    agentOf = new int[n];
    position = new int[n];
    epoch = new int[n];
    List<int[]> lists = new ArrayList<>();
    int[] sizes = new int[4];
    for (int i = 0; i < n; i++) {
      String id = session.request(i).agentId();
      Integer a = agentIds.get(id);
      if (a == null) {
        a = agentIds.size();
        agentIds.put(id, a);
        lists.add(new int[8]);
        if (sizes.length <= a) {
          sizes = Arrays.copyOf(sizes, sizes.length * 2);
        }
      }
      int[] list = lists.get(a);
      if (sizes[a] == list.length) {
        list = Arrays.copyOf(list, list.length * 2);
        lists.set(a, list);
      }
      agentOf[i] = a;
      position[i] = sizes[a];
      list[sizes[a]++] = i;
    }
    requestsOf = new int[lists.size()][];
    for (int a = 0; a < requestsOf.length; a++) {
      requestsOf[a] = Arrays.copyOf(lists.get(a), sizes[a]);
    }
    computeEpochs(session.session().steps());
  }

  /**
   * The index of {@code session}, built at the first call and kept with the session: most detectors
   * need it, and building it is a pass over every request and step.
   */
  public static Timeline of(PricedSession session) {
    return requireNonNull(session, "session").derived(Timeline.class, Timeline::new);
  }

  private void computeEpochs(List<Step> steps) {
    // compactedAfter[i]: a compaction of request i's agent happened after request i
    boolean[] compactedAfter = new boolean[agentOf.length];
    for (Step s : steps) {
      if (s instanceof Step.Compaction) {
        int a = agent(s.agentId());
        int r = s.request();
        if (a < 0) {
          continue;
        }
        // the agent's latest request at or before the compaction
        int prev = latestOfAgentAtOrBefore(a, r);
        if (prev >= 0) {
          compactedAfter[prev] = true;
        }
      }
    }
    for (int[] list : requestsOf) {
      int e = 0;
      for (int p = 0; p < list.length; p++) {
        int i = list[p];
        if (p > 0) {
          int prev = list[p - 1];
          long before = session.request(prev).usage().context();
          long now = session.request(i).usage().context();
          if (compactedAfter[prev]
              || (now < before * DROP_FRACTION && before - now >= DROP_MIN_TOKENS)) {
            e++;
          }
        }
        epoch[i] = e;
      }
    }
  }

  /** The priced session this timeline indexes. */
  public PricedSession session() {
    return session;
  }

  /** The number of requests. */
  public int size() {
    return agentOf.length;
  }

  /** The number of distinct agents that made requests. */
  public int agents() {
    return requestsOf.length;
  }

  /** The ordinal of {@code agentId}, or -1 if that agent made no request. */
  public int agent(String agentId) {
    Integer a = agentIds.get(agentId);
    return a == null ? -1 : a;
  }

  /** The ordinal of the agent that made request {@code i}. */
  public int agentOf(int i) {
    return agentOf[i];
  }

  /** How many requests agent {@code a} made. */
  public int requestCount(int a) {
    return requestsOf[a].length;
  }

  /** The {@code p}-th request (0-based) of agent {@code a}, as a session request index. */
  public int requestOf(int a, int p) {
    return requestsOf[a][p];
  }

  /** The position of request {@code i} among its agent's requests. */
  public int position(int i) {
    return position[i];
  }

  /** The context epoch of request {@code i} within its agent (0 until the first compaction). */
  public int epoch(int i) {
    return epoch[i];
  }

  /** The previous request of request {@code i}'s agent, or -1. */
  public int previousOfAgent(int i) {
    int p = position[i];
    return p == 0 ? -1 : requestsOf[agentOf[i]][p - 1];
  }

  /** The next request of request {@code i}'s agent, or -1. */
  public int nextOfAgent(int i) {
    int[] list = requestsOf[agentOf[i]];
    int p = position[i];
    return p + 1 < list.length ? list[p + 1] : -1;
  }

  /** The first request of agent {@code a} with an index above {@code request}, or -1. */
  public int firstOfAgentAfter(int a, int request) {
    int[] list = requestsOf[a];
    int p = Arrays.binarySearch(list, request + 1);
    if (p < 0) {
      p = -p - 1;
    }
    return p < list.length ? list[p] : -1;
  }

  /** The latest request of agent {@code a} at or before {@code request}, or -1. */
  public int latestOfAgentAtOrBefore(int a, int request) {
    int[] list = requestsOf[a];
    int p = Arrays.binarySearch(list, request);
    if (p >= 0) {
      return list[p];
    }
    p = -p - 2;
    return p >= 0 ? list[p] : -1;
  }

  /**
   * The request that first sent {@code step}'s output to the model: the next request of the step's
   * agent after it, or -1 if there is none (the session ended, or the agent made no request).
   */
  public int carrier(Step step) {
    int a = agent(step.agentId());
    return a < 0 ? -1 : firstOfAgentAfter(a, step.request());
  }

  /** A fresh ledger of the context tokens claimed so far, one per detector run. */
  public Claims newClaims() {
    return new Claims(this);
  }

  /**
   * The context tokens of each request a detector has claimed, so that one detector never claims
   * more of a request's context than it had and never claims the same token twice.
   *
   * <p>Which tokens a claim takes follows how vendors bill them. Content a request carries from
   * earlier requests sits in the cached prefix when the request read from cache, otherwise it was
   * sent as input: {@link #claim} takes cache reads first, then fresh input, then cache writes.
   * Content that a request sends for the first time (a tool output the agent just received) sits in
   * the uncached tail of its prompt, which was billed as a cache write (1.25 or 2 times the input
   * rate at Anthropic) or, without caching, as input: {@link #claimNew} takes cache writes first,
   * then input, and cache reads only where a format reports neither.
   */
  public static final class Claims {
    private final PricedSession session;
    private final long[] claimedRead;
    private final long[] claimedInput;
    private final long[] claimedWrite5m;
    private final long[] claimedWrite1h;

    private Claims(Timeline t) {
      this.session = t.session;
      int n = t.size();
      claimedRead = new long[n];
      claimedInput = new long[n];
      claimedWrite5m = new long[n];
      claimedWrite1h = new long[n];
    }

    /** The context tokens of request {@code i} not yet claimed. */
    public long remaining(int i) {
      Usage u = session.request(i).usage();
      return u.context() - claimedRead[i] - claimedInput[i] - claimedWrite5m[i] - claimedWrite1h[i];
    }

    /**
     * Claims up to {@code tokens} unclaimed context tokens of request {@code i} that it carried
     * from earlier requests (cache reads first); returns the part claimed ({@link Usage#ZERO} if
     * nothing was left).
     */
    public Usage claim(int i, long tokens) {
      Usage u = session.request(i).usage();
      long want = Math.max(0, tokens);
      long read = Math.min(want, u.cacheRead() - claimedRead[i]);
      want -= read;
      long input = Math.min(want, u.input() - claimedInput[i]);
      want -= input;
      long w5 = Math.min(want, u.cacheWrite5m() - claimedWrite5m[i]);
      want -= w5;
      long w1 = Math.min(want, u.cacheWrite1h() - claimedWrite1h[i]);
      return record(i, input, w5, w1, read);
    }

    /**
     * Claims up to {@code tokens} unclaimed context tokens of request {@code i} that it sent for
     * the first time (cache writes first, then input); returns the part claimed.
     */
    public Usage claimNew(int i, long tokens) {
      Usage u = session.request(i).usage();
      long want = Math.max(0, tokens);
      long w5 = Math.min(want, u.cacheWrite5m() - claimedWrite5m[i]);
      want -= w5;
      long w1 = Math.min(want, u.cacheWrite1h() - claimedWrite1h[i]);
      want -= w1;
      long input = Math.min(want, u.input() - claimedInput[i]);
      want -= input;
      long read = Math.min(want, u.cacheRead() - claimedRead[i]);
      return record(i, input, w5, w1, read);
    }

    private Usage record(int i, long input, long w5, long w1, long read) {
      claimedRead[i] += read;
      claimedInput[i] += input;
      claimedWrite5m[i] += w5;
      claimedWrite1h[i] += w1;
      if (read + input + w5 + w1 == 0) {
        return Usage.ZERO;
      }
      return new Usage(input, w5, w1, read, 0, 0);
    }
  }

  /** Whether request {@code i} was made by the session's own agent. */
  public boolean isMain(int i) {
    return Request.MAIN_AGENT.equals(session.request(i).agentId());
  }
}
