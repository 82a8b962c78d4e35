package dev.tokensieve.core.detect.model;

import dev.tokensieve.core.Checks;
import dev.tokensieve.core.detect.Amounts;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Finds {@link FindingKind#MODEL_OVERKILL}: a premium model (Opus, GPT-5 and o-series full models,
 * Gemini Pro) making trivial steps that the same vendor's cheaper model would make as well.
 *
 * <p>A step is trivial when its request wrote little ({@link #DEFAULT_MAX_OUTPUT_TOKENS}, thinking
 * included) and issued exactly one tool call that only looks: a read, a search, or a read-only
 * shell command ({@code ls}, {@code cat}, {@code git status}) whose result is small ({@link
 * #MAX_RESULT_TOKENS}). One finding per premium model; it claims, for each trivial request, the
 * excess of its cost over the cheaper model's list price for the same tokens, with the request's
 * tokens shared out in proportion to that excess (so that the claimed tokens and dollars describe
 * the same part of the request). Label: inefficient.
 *
 * <p>A whole session of trivial work on a premium model is overkill too, however short: a few short
 * turns ({@link #MAX_TRIVIAL_TURN_REQUESTS} requests at most each, {@link
 * #MAX_TRIVIAL_SESSION_REQUESTS} in all) that only chat, look at small things or write a file, with
 * small results, no failure, no interrupt and little output ({@link #MAX_TRIVIAL_SESSION_OUTPUT}),
 * such as "write a file about geese in docs" or "create SECRETS.md with these contents" on Opus
 * (real Claude Code sessions in the truth set). Trivial turns inside a session that also does real
 * work are not: switching to the cheaper model for them would write the whole cached prefix again
 * on that model, which costs more than the premium saves.
 */
public final class ModelOverkillDetector implements Detector {
  /** The stable id. */
  public static final String ID = "model-overkill";

  /**
   * The most output (thinking included) a trivial step writes: a tool call with a path or a short
   * command and a sentence around it is 50-200 tokens; more means the model reasoned about
   * something, and the premium may have been worth it.
   */
  public static final long DEFAULT_MAX_OUTPUT_TOKENS = 300;

  /**
   * Consecutive trivial steps (of one agent on one premium model, nothing else in between) needed
   * for a finding. Scattered lookups between edits and test runs are how any agent works, and a
   * burst of three or four (find the file, read it, read its caller) comes before most edits;
   * delegating those would cost a sub-agent's round trip. A survey of five or more lookups in a
   * row, with no edit or test between, is work a cheaper model or sub-agent would do as well.
   * (Measured with {@code tokensieve eval}: at 3 scattered steps, 17% of the findings were planted
   * overkill; the rest were ordinary exploration in sessions that simply ran on Opus or GPT-5.)
   */
  public static final int DEFAULT_MIN_STEPS = 5;

  /**
   * The largest result of a trivial step, in tokens. A trivial step looks at something small: a
   * working directory, a branch, a status or a short listing (tens of tokens). A read of a source
   * file or a search with hits brings hundreds to thousands of tokens into the premium model's
   * context: that is how it gathers what it then reasons about, and a cheaper model making the call
   * would not give it that understanding. (Measured with {@code tokensieve eval}: without this
   * bound, 35 of 59 findings were code-reading surveys of long sessions on Opus or GPT-5.)
   */
  public static final long MAX_RESULT_TOKENS = 200;

  /** The most requests of a session that is trivial as a whole. */
  public static final int MAX_TRIVIAL_SESSION_REQUESTS = 8;

  /** The most requests of one of its turns (from a user message to the next). */
  public static final int MAX_TRIVIAL_TURN_REQUESTS = 3;

  /**
   * The most output, in tokens, of a session that is trivial as a whole: a greeting, a short file
   * and the sentences around them. More means it wrote or reasoned enough for the premium to tell.
   */
  public static final long MAX_TRIVIAL_SESSION_OUTPUT = 1_500;

  /**
   * The largest context, in tokens, of a request in a session that is trivial as a whole. A fresh
   * Claude Code session starts at 15k to 45k (system prompt, tools, memory files); more means the
   * trace holds the tail of a longer conversation (resumed, or recorded in part: real transcripts
   * saved with each commit start with 98k and 139k already cached) whose earlier work is not in
   * view and need not have been trivial.
   */
  public static final long MAX_TRIVIAL_SESSION_CONTEXT = 60_000;

  /**
   * The cheaper model of each premium family, keyed by a lower-case fragment of the model name,
   * tried in order; names containing {@code mini}, {@code nano}, {@code flash} or {@code haiku} are
   * never premium.
   */
  public static final Map<String, String> DEFAULT_CHEAPER_MODELS = defaults();

  private final long maxOutputTokens;
  private final int minSteps;
  private final Map<String, String> cheaperModels;

  /** A detector with the default thresholds and model families. */
  public ModelOverkillDetector() {
    this(DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MIN_STEPS, DEFAULT_CHEAPER_MODELS);
  }

  /**
   * A detector with the given thresholds.
   *
   * @param maxOutputTokens the most output of a trivial step, in [1, 100000]
   * @param minSteps trivial steps needed for a finding, in [1, 100000]
   * @param cheaperModels the cheaper model per premium name fragment, in the order to try
   */
  public ModelOverkillDetector(
      long maxOutputTokens, int minSteps, Map<String, String> cheaperModels) {
    this.maxOutputTokens = Checks.inRange(maxOutputTokens, 1, 100_000, "maxOutputTokens");
    this.minSteps = Checks.inRange(minSteps, 1, 100_000, "minSteps");
    this.cheaperModels = new LinkedHashMap<>(cheaperModels);
  }

  private static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("opus", "claude-sonnet-4-5");
    m.put("gpt-5", "gpt-5-mini");
    m.put("gemini-3-pro", "gemini-2.5-flash");
    m.put("gemini-2.5-pro", "gemini-2.5-flash");
    m.put("o3", "o4-mini");
    m.put("o1", "o4-mini");
    return java.util.Collections.unmodifiableMap(m);
  }

  @Override
  public String id() {
    return ID;
  }

  /** The cheaper model for {@code model}, or null if it is not premium. */
  @Nullable String cheaperThan(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    int slash = m.lastIndexOf('/');
    m = m.substring(slash + 1);
    if (m.contains("mini") || m.contains("nano") || m.contains("flash") || m.contains("haiku")) {
      return null;
    }
    for (Map.Entry<String, String> e : cheaperModels.entrySet()) {
      String key = e.getKey();
      boolean match =
          key.startsWith("o") && key.length() == 2 ? m.startsWith(key) : m.contains(key);
      if (match) {
        return e.getValue();
      }
    }
    return null;
  }

  @Override
  public List<Finding> detect(PricedSession session) {
    Timeline timeline = Timeline.of(session);
    int n = session.size();
    int[] calls = new int[n];
    Step.ToolCall[] only = new Step.ToolCall[n];
    // a mutable sum per id, not merge(id, tokens, Long::sum): no boxing, no lambda per result
    Map<String, long[]> resultTokens = new HashMap<>();
    for (Step s : session.session().steps()) {
      if (s instanceof Step.ToolResult) {
        Step.ToolResult r = (Step.ToolResult) s;
        long[] sum = resultTokens.get(r.callId());
        if (sum == null) {
          resultTokens.put(r.callId(), new long[] {r.tokens()});
        } else {
          sum[0] += r.tokens();
        }
      }
      if (s instanceof Step.ToolCall && s.request() >= 0) {
        int agent = timeline.agent(s.agentId());
        int r = agent < 0 ? -1 : timeline.latestOfAgentAtOrBefore(agent, s.request());
        if (r >= 0) {
          calls[r]++;
          only[r] = (Step.ToolCall) s;
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    // the open run of each agent, by ordinal (findings are sorted by their requests at the end)
    @Nullable Overkill[] runs = new Overkill[timeline.agents()];
    // a session has few models and many requests: look each up once
    // (and once per run of requests to one model: the map's lambda is costly on the client JIT)
    Map<String, Optional<String>> cheaperByModel = new HashMap<>();
    @Nullable String lastModel = null;
    @Nullable String cheaper = null;
    for (int i = 0; i < n; i++) {
      int agent = timeline.agentOf(i);
      Step.ToolCall call = only[i];
      String model = session.request(i).model();
      if (!model.equals(lastModel)) {
        // get and put: sessions switch models often (sub-agents), and the lambda costs more
        Optional<String> known = cheaperByModel.get(model);
        if (known == null) {
          known = Optional.ofNullable(cheaperThan(model));
          cheaperByModel.put(model, known);
        }
        cheaper = known.orElse(null);
        lastModel = model;
      }
      // the command's regex last: the other tests rule most requests out first
      boolean trivial =
          calls[i] == 1
              && call != null
              && cheaper != null
              && tokensOf(resultTokens.get(call.callId())) <= MAX_RESULT_TOKENS
              && session.request(i).usage().output() <= maxOutputTokens
              && looksOnly(call);
      OptionalDouble cheap =
          trivial ? session.costOn(cheaper, i, session.request(i).usage()) : OptionalDouble.empty();
      double cost = session.cost(i);
      Overkill open = runs[agent];
      if (!trivial
          || cheap.isEmpty()
          || cost <= 0
          || cheap.getAsDouble() >= cost
          || (open != null && !open.model.equals(model))) {
        close(open, out);
        runs[agent] = null;
        if (!trivial || cheap.isEmpty() || cost <= 0 || cheap.getAsDouble() >= cost) {
          continue;
        }
        open = null;
      }
      if (open == null) {
        open = new Overkill(model, cheaper, call, i);
        runs[agent] = open;
      }
      open.add(
          excess(i, session.request(i).usage().total(), cost, cheap.getAsDouble()),
          cost,
          cheap.getAsDouble());
    }
    for (Overkill o : runs) {
      close(o, out);
    }
    if (out.isEmpty()) {
      Finding whole = trivialSession(session);
      if (whole != null) {
        out.add(whole);
      }
    }
    out.sort(
        java.util.Comparator.comparingInt(Finding::firstRequest)
            .thenComparingInt(Finding::lastRequest));
    return out;
  }

  /** The finding for a session whose every turn is trivial on a premium model, or null. */
  private @Nullable Finding trivialSession(PricedSession session) {
    int n = session.size();
    if (n == 0 || n > MAX_TRIVIAL_SESSION_REQUESTS) {
      return null;
    }
    String model = session.request(0).model();
    String cheaper = cheaperThan(model);
    if (cheaper == null) {
      return null;
    }
    long output = 0;
    for (int i = 0; i < n; i++) {
      if (session.request(i).isSubAgent() || !session.request(i).model().equals(model)) {
        return null;
      }
      output += session.request(i).usage().output();
      if (session.request(i).usage().context() > MAX_TRIVIAL_SESSION_CONTEXT) {
        return null;
      }
    }
    if (output > MAX_TRIVIAL_SESSION_OUTPUT) {
      return null;
    }
    int turnStart = 0;
    Step.@Nullable ToolCall example = null;
    for (Step s : session.session().steps()) {
      if (s instanceof Step.UserMessage) {
        if (s.request() + 1 - turnStart > MAX_TRIVIAL_TURN_REQUESTS) {
          return null;
        }
        turnStart = s.request() + 1;
      } else if (s instanceof Step.ToolCall) {
        Step.ToolCall c = (Step.ToolCall) s;
        if (!looksOnly(c) && c.kind() != ToolKind.WRITE && c.kind() != ToolKind.EDIT) {
          return null;
        }
        if (example == null) {
          example = c;
        }
      } else if (s instanceof Step.ToolResult) {
        Step.ToolResult r = (Step.ToolResult) s;
        boolean failed = r.isError() || (r.exitCode() != null && r.exitCode().intValue() != 0);
        if (failed || r.tokens() > MAX_RESULT_TOKENS) {
          return null;
        }
      } else if (!(s instanceof Step.Edit)) {
        return null; // an interrupt, an API error, a compaction: not a quiet trivial session
      }
    }
    if (n - turnStart > MAX_TRIVIAL_TURN_REQUESTS) {
      return null;
    }
    List<Charge> charges = new ArrayList<>();
    double premium = 0;
    double cheap = 0;
    for (int i = 0; i < n; i++) {
      double cost = session.cost(i);
      OptionalDouble alt = session.costOn(cheaper, i, session.request(i).usage());
      if (alt.isEmpty() || cost <= 0 || alt.getAsDouble() >= cost) {
        return null;
      }
      charges.add(excess(i, session.request(i).usage().total(), cost, alt.getAsDouble()));
      premium += cost;
      cheap += alt.getAsDouble();
    }
    String summary =
        model
            + " spent the whole session on trivial work ("
            + n
            + (n == 1 ? " request" : " requests")
            + " of chat, small lookups and file writes) that "
            + cheaper
            + " would have done for "
            + Amounts.usd(premium - cheap)
            + " less";
    List<String> evidence = new ArrayList<>();
    if (example != null) {
      evidence.add("e.g. " + example.tool() + " " + Amounts.quote(example.target()));
    }
    evidence.add(
        Amounts.tokens(output)
            + " output tokens in all; every result under "
            + Amounts.tokens(MAX_RESULT_TOKENS)
            + " tokens; no failure, no interrupt");
    evidence.add(costs(model, premium, cheaper, cheap));
    return new Finding(
        FindingKind.MODEL_OVERKILL, 0, n - 1, SpendLabel.INEFFICIENT, summary, evidence, charges);
  }

  /** The evidence line that prices the steps on both models. */
  private static String costs(String model, double premium, String cheaper, double cheap) {
    return "on "
        + model
        + ": "
        + Amounts.usd(premium)
        + "; on "
        + cheaper
        + ": "
        + Amounts.usd(cheap);
  }

  /**
   * Request {@code i}'s excess over the cheaper model, with the request's tokens shared out in
   * proportion to it, so that the claimed tokens and dollars describe the same part of the request.
   */
  private static Charge excess(int i, long total, double cost, double cheap) {
    double excess = cost - cheap;
    return new Charge(i, Math.min(total, Math.round(total * (excess / cost))), excess);
  }

  private static long tokensOf(long @Nullable [] sum) {
    return sum == null ? 0 : sum[0];
  }

  private void close(@Nullable Overkill run, List<Finding> out) {
    if (run != null && run.charges.size() >= minSteps) {
      out.add(run.finding(maxOutputTokens));
    }
  }

  private static boolean looksOnly(Step.ToolCall call) {
    return call.kind() == ToolKind.READ
        || call.kind() == ToolKind.SEARCH
        || (call.kind() == ToolKind.SHELL && Commands.isReadOnly(call.target()));
  }

  private static final class Overkill {
    final String model;
    final String cheaper;
    final Step.ToolCall example;
    final int exampleRequest;
    final List<Charge> charges = new ArrayList<>();
    double premiumUsd;
    double cheapUsd;

    Overkill(String model, String cheaper, Step.ToolCall example, int exampleRequest) {
      this.model = model;
      this.cheaper = cheaper;
      this.example = example;
      this.exampleRequest = exampleRequest;
    }

    void add(Charge c, double premium, double cheap) {
      charges.add(c);
      premiumUsd += premium;
      cheapUsd += cheap;
    }

    Finding finding(long maxOutput) {
      double excess = premiumUsd - cheapUsd;
      String summary =
          model
              + " made "
              + charges.size()
              + " trivial steps in a row (one read, search or listing, at most "
              + Amounts.tokens(maxOutput)
              + " output tokens) that "
              + cheaper
              + " would have made for "
              + Amounts.usd(excess)
              + " less";
      StringBuilder rs = new StringBuilder();
      for (int k = 0; k < charges.size(); k++) {
        rs.append(k == 0 ? "" : ", ").append(charges.get(k).request());
      }
      List<String> evidence =
          List.of(
              "trivial steps: requests " + rs,
              "e.g. request "
                  + exampleRequest
                  + ": "
                  + example.tool()
                  + " "
                  + Amounts.quote(example.target()),
              costs(model, premiumUsd, cheaper, cheapUsd));
      return new Finding(
          FindingKind.MODEL_OVERKILL,
          charges.get(0).request(),
          charges.get(charges.size() - 1).request(),
          SpendLabel.INEFFICIENT,
          summary,
          evidence,
          charges);
    }
  }
}
