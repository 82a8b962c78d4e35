package dev.tokensieve.cli.output;

import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.ModelSpend;
import dev.tokensieve.core.report.PSuccessBasis;
import dev.tokensieve.core.report.SpendBreakdown;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The readable table {@code tokensieve analyze} prints by default: sessions by cost, totals. */
public final class TableOutput {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String ROW = "%-22s %-14s %-22s %-16s %5s %7s %7s %7s %7s %10s %6s %-16s%n";

  private final int maxSessions;
  private final int maxFindings;

  /**
   * A table of at most {@code maxSessions} sessions (the most expensive) and {@code maxFindings}
   * findings.
   */
  public TableOutput(int maxSessions, int maxFindings) {
    this.maxSessions = maxSessions;
    this.maxFindings = maxFindings;
  }

  /** Prints the table of {@code sessions} with the corpus {@code problems}. */
  public void print(List<SessionSummary> sessions, List<ParseProblem> problems, PrintWriter out) {
    List<SessionSummary> byCost = new ArrayList<>(sessions);
    byCost.sort(Comparator.comparingDouble(SessionSummary::costUsd).reversed());

    Usage total = Usage.ZERO;
    double cost = 0;
    long requests = 0;
    double[] spend = new double[3];
    long[] spendTokens = new long[3];
    Map<String, Integer> unpriced = new TreeMap<>();
    for (SessionSummary s : sessions) {
      total = total.plus(s.tokens());
      cost += s.costUsd();
      requests += s.requests();
      SpendBreakdown b = s.spend();
      spend[0] += b.productive().costUsd();
      spend[1] += b.inefficient().costUsd();
      spend[2] += b.wasteful().costUsd();
      spendTokens[0] += b.productive().tokens();
      spendTokens[1] += b.inefficient().tokens();
      spendTokens[2] += b.wasteful().tokens();
      for (String m : s.unpricedModels()) {
        unpriced.merge(m, 1, Integer::sum);
      }
    }

    out.printf(
        Locale.ROOT,
        "TokenSieve: %d sessions, %s requests, %s tokens, %s%n%n",
        sessions.size(),
        Numbers.tokens(requests),
        Numbers.tokens(total.total()),
        Numbers.usd(cost));
    if (sessions.isEmpty()) {
      out.println("No sessions found.");
    } else {
      out.printf(
          Locale.ROOT,
          ROW,
          "Session",
          "Agent",
          "Project",
          "Started (UTC)",
          "Req",
          "Input",
          "Output",
          "CacheW",
          "CacheR",
          "Cost",
          "Waste",
          "Outcome");
      int shown = Math.min(maxSessions, byCost.size());
      for (SessionSummary s : byCost.subList(0, shown)) {
        out.printf(
            Locale.ROOT,
            ROW,
            SessionIds.shown(s.id(), SessionIds.WIDTH),
            clip(s.agent(), 14),
            clip(shortProject(s.project()), 22),
            s.startedAt() == null ? "-" : TIME.format(s.startedAt()),
            s.requests(),
            Numbers.compact(s.tokens().input()),
            Numbers.compact(s.tokens().output()),
            Numbers.compact(s.tokens().cacheWrite()),
            Numbers.compact(s.tokens().cacheRead()),
            Numbers.usd(s.costUsd()) + (s.unpricedModels().isEmpty() ? "" : "*"),
            Numbers.share(s.spend().wasteful().costUsd(), s.costUsd()),
            outcome(s));
      }
      if (shown < byCost.size()) {
        out.printf(
            Locale.ROOT,
            "... and %d cheaper sessions (--top N shows more, --json shows all)%n",
            byCost.size() - shown);
      }
      out.printf(
          Locale.ROOT,
          ROW,
          "Total",
          "",
          "",
          "",
          requests,
          Numbers.compact(total.input()),
          Numbers.compact(total.output()),
          Numbers.compact(total.cacheWrite()),
          Numbers.compact(total.cacheRead()),
          Numbers.usd(cost),
          Numbers.share(spend[2], cost),
          "");
      out.println();
      out.printf(
          Locale.ROOT,
          "Spend: productive %s (%s)   inefficient %s (%s)   wasteful %s (%s)%n",
          Numbers.usd(spend[0]),
          Numbers.share(spend[0], cost),
          Numbers.usd(spend[1]),
          Numbers.share(spend[1], cost),
          Numbers.usd(spend[2]),
          Numbers.share(spend[2], cost));
      if (sessions.stream().anyMatch(s -> s.pSuccessBasis() == PSuccessBasis.OUT_OF_DOMAIN)) {
        out.println(
            "(p) in parentheses: out of domain. The outcome model learnt from autonomous SWE-bench"
                + " runs (swe-agent, mini-swe-agent); for other agents the label follows the"
                + " trace's evidence, not p.");
      }
      printModels(sessions, cost, out);
      printReconciliation(sessions, out);
      printFindings(sessions, out);
    }
    if (!unpriced.isEmpty()) {
      out.println();
      out.println(
          "* Unpriced models (their tokens are counted, their cost is not; add them with --prices):");
      unpriced.forEach(
          (m, n) -> out.printf(Locale.ROOT, "    %s (%d session%s)%n", m, n, n == 1 ? "" : "s"));
    }
    if (!problems.isEmpty()) {
      out.println();
      out.printf(
          Locale.ROOT,
          "%d file%s or line%s could not be read (listed on stderr and in --json).%n",
          problems.size(),
          problems.size() == 1 ? "" : "s",
          problems.size() == 1 ? "" : "s");
    }
  }

  /** How many models the table lists; --json lists them all. */
  private static final int SHOWN_MODELS = 8;

  /**
   * The spend of each model, every request booked to its own model (a session that switched models
   * counts under each).
   */
  private static void printModels(List<SessionSummary> sessions, double cost, PrintWriter out) {
    Map<String, double[]> byModel = new TreeMap<>(); // sessions, requests, cost, wasteful, ineff.
    Map<String, Boolean> priced = new TreeMap<>();
    for (SessionSummary s : sessions) {
      for (ModelSpend m : s.models()) {
        double[] v = byModel.computeIfAbsent(m.model(), k -> new double[5]);
        v[0]++;
        v[1] += m.requests();
        v[2] += m.costUsd();
        v[3] += m.spend().wasteful().costUsd();
        v[4] += m.spend().inefficient().costUsd();
        priced.merge(m.model(), m.priced(), Boolean::logicalAnd);
      }
    }
    if (byModel.isEmpty()) {
      return;
    }
    List<Map.Entry<String, double[]>> rows = new ArrayList<>(byModel.entrySet());
    rows.sort(
        Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[2])
            .reversed()
            .thenComparing(Map.Entry::getKey));
    out.println();
    out.println("Spend by model (each request booked to its own model):");
    String row = "  %-34s %8s %8s %10s %6s %6s %6s%n";
    out.printf(Locale.ROOT, row, "Model", "Sessions", "Req", "Cost", "Share", "Ineff", "Waste");
    for (Map.Entry<String, double[]> e : rows.subList(0, Math.min(SHOWN_MODELS, rows.size()))) {
      double[] v = e.getValue();
      out.printf(
          Locale.ROOT,
          row,
          clip(e.getKey(), 34),
          (long) v[0],
          Numbers.tokens((long) v[1]),
          Numbers.usd(v[2]) + (priced.get(e.getKey()) ? "" : "*"),
          Numbers.share(v[2], cost),
          Numbers.share(v[4], v[2]),
          Numbers.share(v[3], v[2]));
    }
    if (rows.size() > SHOWN_MODELS) {
      out.printf(
          Locale.ROOT,
          "  ... and %d more models (--json lists them all)%n",
          rows.size() - SHOWN_MODELS);
    }
  }

  /**
   * Where traces state their own cost (mini-swe-agent, OpenHands, Claude Code OTel), sets it beside
   * the list price of the same requests: the seed of reconciling bills with telemetry.
   */
  private static void printReconciliation(List<SessionSummary> sessions, PrintWriter out) {
    int n = 0;
    double reported = 0;
    double list = 0;
    for (SessionSummary s : sessions) {
      if (s.reportedCostUsd() != null) {
        n++;
        reported += s.reportedCostUsd();
        list += s.listCostUsd();
      }
    }
    if (n == 0) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "Reported cost: %d session%s state their own cost, %s, against %s at list prices (%s%s).%n",
        n,
        n == 1 ? "" : "s",
        Numbers.usd(reported),
        Numbers.usd(list),
        reported >= list ? "+" : "-",
        Numbers.usd(Math.abs(reported - list)));
  }

  private void printFindings(List<SessionSummary> sessions, PrintWriter out) {
    record Row(SessionSummary session, Finding finding) {}
    List<Row> rows = new ArrayList<>();
    long count = 0;
    for (SessionSummary s : sessions) {
      count += s.findingCount();
      for (Finding f : s.topFindings()) {
        rows.add(new Row(s, f));
      }
    }
    if (rows.isEmpty()) {
      out.println();
      out.println("No waste patterns found.");
      return;
    }
    rows.sort(Comparator.comparingDouble((Row r) -> r.finding().costUsd()).reversed());
    out.println();
    out.printf(
        Locale.ROOT,
        "Top findings by dollars (%d of %d; all of them in --json):%n",
        Math.min(maxFindings, rows.size()),
        count);
    for (Row r : rows.subList(0, Math.min(maxFindings, rows.size()))) {
      Finding f = r.finding();
      String range =
          f.firstRequest() == f.lastRequest()
              ? "req " + f.firstRequest()
              : "req " + f.firstRequest() + "-" + f.lastRequest();
      out.printf(
          Locale.ROOT,
          "  %10s  %-11s %-21s %-22s %-12s %s%n",
          Numbers.usd(f.costUsd()),
          f.label().json(),
          f.kind(),
          SessionIds.shown(r.session().id(), SessionIds.WIDTH),
          range,
          f.summary());
    }
  }

  private static String shortProject(@org.jspecify.annotations.Nullable String project) {
    if (project == null || project.isBlank()) {
      return "-";
    }
    String p = project.replace('\\', '/');
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    int slash = p.lastIndexOf('/');
    return slash >= 0 && slash < p.length() - 1 ? p.substring(slash + 1) : p;
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }

  /**
   * The outcome cell: the label and pSuccess; pSuccess in parentheses where the label does not rest
   * on it (out of domain), {@code ext} where an outcomes file decided.
   */
  static String outcome(SessionSummary s) {
    return switch (s.pSuccessBasis()) {
      case MODEL -> String.format(Locale.ROOT, "%s %.2f", s.outcome(), s.pSuccess());
      case OUT_OF_DOMAIN -> String.format(Locale.ROOT, "%s (%.2f)", s.outcome(), s.pSuccess());
      case EXTERNAL -> s.outcome() + " ext";
    };
  }
}
