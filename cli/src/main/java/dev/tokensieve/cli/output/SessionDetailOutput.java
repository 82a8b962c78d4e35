package dev.tokensieve.cli.output;

import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.LabelSpend;
import dev.tokensieve.core.report.ModelSpend;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.RequestLine;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.core.report.SpendBreakdown;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One session's full report in the terminal ({@code analyze --session ID}): what it was, its
 * outcome and the evidence, its spend by label, every finding with its evidence and requests, and
 * every request with its tokens, cost, label split and the findings that claim it.
 */
public final class SessionDetailOutput {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String REQUEST_ROW =
      "%5s  %-19s  %-28s %7s %7s %7s %7s %10s  %7s %7s %7s  %s";

  /** Prints {@code r} to {@code out}. */
  public void print(SessionReport r, PrintWriter out) {
    Session s = r.session();
    out.printf(Locale.ROOT, "Session %s (%s)%n", s.id().value(), s.agent());
    field(out, "project", s.project());
    field(out, "repo", s.repo());
    field(out, "branch", s.branch());
    field(out, "user", s.user());
    field(out, "team", s.team());
    if (s.startedAt() != null) {
      String ended = "";
      if (s.endedAt() != null) {
        Duration d = Duration.between(s.startedAt(), s.endedAt());
        ended =
            String.format(
                Locale.ROOT,
                ", ended %s UTC (%dh %02dm)",
                TIME.format(s.endedAt()),
                d.toHours(),
                d.toMinutesPart());
      }
      out.printf(Locale.ROOT, "  started  %s UTC%s%n", TIME.format(s.startedAt()), ended);
    }
    for (String source : s.sources()) {
      out.printf(Locale.ROOT, "  file     %s%n", source);
    }
    Usage t = r.tokens();
    out.printf(
        Locale.ROOT,
        "  %d requests, %s tokens: input %s, output %s, cache write %s, cache read %s%n",
        r.requests(),
        Numbers.tokens(t.total()),
        Numbers.tokens(t.input()),
        Numbers.tokens(t.output()),
        Numbers.tokens(t.cacheWrite()),
        Numbers.tokens(t.cacheRead()));
    String cost = "  cost " + Numbers.usd(r.costUsd());
    if (r.reportedCostUsd() != null) {
      cost += " as the trace reports it (" + Numbers.usd(r.listCostUsd()) + " at list prices)";
    }
    out.println(cost);
    for (ModelSpend m : r.models()) {
      out.printf(
          Locale.ROOT,
          "  model    %s: %d requests, %s%s%n",
          m.model(),
          m.requests(),
          Numbers.usd(m.costUsd()),
          m.priced() ? "" : " (unpriced)");
    }

    out.println();
    out.printf(
        Locale.ROOT, "Outcome: %s (pSuccess %.2f)%n", r.outcome().label(), r.outcome().pSuccess());
    if (r.outcome().signals().isEmpty()) {
      out.println("  no evidence in the trace (tests, commits, PRs, errors)");
    }
    for (OutcomeSignal sig : r.outcome().signals()) {
      out.printf(
          Locale.ROOT,
          "  %-8s %-22s %s%n",
          sig.request() < 0 ? "outside" : "req " + sig.request(),
          sig.kind(),
          oneLine(sig.evidence()));
    }

    out.println();
    SpendBreakdown b = r.spend();
    out.println("Spend:");
    spend(out, "productive", b.productive(), r.costUsd());
    spend(out, "inefficient", b.inefficient(), r.costUsd());
    spend(out, "wasteful", b.wasteful(), r.costUsd());

    out.println();
    List<Finding> findings = r.findings();
    if (findings.isEmpty()) {
      out.println("Findings: none");
    } else {
      out.printf(Locale.ROOT, "Findings (%d, in request order):%n", findings.size());
      for (Finding f : findings) {
        out.printf(
            Locale.ROOT,
            "  %-12s %-11s %-21s %10s  %s tokens%n",
            range(f),
            f.label().json(),
            f.kind(),
            Numbers.usd(f.costUsd()),
            Numbers.tokens(f.tokens()));
        out.printf(Locale.ROOT, "      %s%n", oneLine(f.summary()));
        for (String e : f.evidence()) {
          out.printf(Locale.ROOT, "      - %s%n", oneLine(e));
        }
      }
    }

    out.println();
    out.println("Requests (tokens by label; the findings that claim tokens of each):");
    out.printf(
        Locale.ROOT,
        REQUEST_ROW + "%n",
        "#",
        "Time (UTC)",
        "Model",
        "Input",
        "Output",
        "CacheW",
        "CacheR",
        "Cost",
        "Product",
        "Ineff",
        "Waste",
        "Findings");
    for (RequestLine l : r.requestLines()) {
      String row =
          String.format(
              Locale.ROOT,
              REQUEST_ROW,
              l.index(),
              TIME.format(l.at()),
              clip(l.model() + (l.agentId().equals("main") ? "" : " [" + l.agentId() + "]"), 28),
              Numbers.compact(l.usage().input()),
              Numbers.compact(l.usage().output()),
              Numbers.compact(l.usage().cacheWrite()),
              Numbers.compact(l.usage().cacheRead()),
              Numbers.usd(l.costUsd()),
              Numbers.compact(l.productiveTokens()),
              Numbers.compact(l.inefficientTokens()),
              Numbers.compact(l.wastefulTokens()),
              claimedBy(findings, l.index()));
      out.println(row.stripTrailing());
    }
  }

  /**
   * The lines that list {@code candidates}, the sessions an ambiguous {@code --session} prefix
   * matches: enough of each to choose.
   */
  public void printCandidates(List<SessionSummary> candidates, PrintWriter out) {
    for (SessionSummary s : candidates) {
      out.printf(
          Locale.ROOT,
          "  %-40s %-14s %-19s %10s%n",
          s.id(),
          s.agent(),
          s.startedAt() == null ? "-" : TIME.format(s.startedAt()),
          Numbers.usd(s.costUsd()));
    }
  }

  private static void field(PrintWriter out, String name, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      out.printf(Locale.ROOT, "  %-8s %s%n", name, value);
    }
  }

  private static void spend(PrintWriter out, String label, LabelSpend s, double total) {
    String reasons =
        s.reasons().isEmpty()
            ? ""
            : "  ("
                + s.reasons().stream().map(Object::toString).collect(Collectors.joining(", "))
                + ")";
    out.printf(
        Locale.ROOT,
        "  %-11s %10s %5s  %s tokens%s%n",
        label,
        Numbers.usd(s.costUsd()),
        Numbers.share(s.costUsd(), total),
        Numbers.tokens(s.tokens()),
        reasons);
  }

  private static String range(Finding f) {
    return f.firstRequest() == f.lastRequest()
        ? "req " + f.firstRequest()
        : "req " + f.firstRequest() + "-" + f.lastRequest();
  }

  private static String claimedBy(List<Finding> findings, int request) {
    List<String> kinds = new ArrayList<>();
    for (Finding f : findings) {
      String k = f.kind().toString();
      for (Charge c : f.charges()) {
        if (c.request() == request && c.tokens() > 0 && !kinds.contains(k)) {
          kinds.add(k);
        }
      }
    }
    return String.join(" ", kinds);
  }

  private static String oneLine(String text) {
    return text.replace("\r", "").replace('\n', ' ');
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }
}
