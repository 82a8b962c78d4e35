package dev.tokensieve.cli.output;

import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.PSuccessBasis;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The self-contained HTML report of {@code tokensieve analyze --html FILE}: one file with inline
 * CSS and SVG charts, no script and nothing fetched, so it can be mailed or attached to a ticket.
 */
public final class HtmlOutput {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String PRODUCTIVE = "#2e7d32";
  private static final String INEFFICIENT = "#f9a825";
  private static final String WASTEFUL = "#c62828";

  /** Writes the report of {@code sessions} and {@code problems} to {@code out}. */
  public void write(List<SessionSummary> sessions, List<ParseProblem> problems, Writer out)
      throws IOException {
    List<SessionSummary> byCost = new ArrayList<>(sessions);
    byCost.sort(Comparator.comparingDouble(SessionSummary::costUsd).reversed());
    Usage total = Usage.ZERO;
    double cost = 0;
    double[] spend = new double[3];
    long requests = 0;
    for (SessionSummary s : sessions) {
      total = total.plus(s.tokens());
      cost += s.costUsd();
      requests += s.requests();
      spend[0] += s.spend().productive().costUsd();
      spend[1] += s.spend().inefficient().costUsd();
      spend[2] += s.spend().wasteful().costUsd();
    }
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>TokenSieve report</title><style>")
        .append(
            "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}")
        .append(
            "header{background:#1d2330;color:#fff;padding:18px 32px}header h1{margin:0;font-size:20px}")
        .append("header p{margin:4px 0 0;color:#b8c0cf}main{padding:24px 32px;max-width:1280px}")
        .append(
            ".cards{display:flex;gap:16px;flex-wrap:wrap}.card{background:#fff;border-radius:8px;padding:14px 18px;box-shadow:0 1px 3px #0002;min-width:170px}")
        .append(
            ".card b{display:block;font-size:22px}.card span{color:#5b6475;font-size:12px;text-transform:uppercase;letter-spacing:.04em}")
        .append(
            "section{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;margin-top:20px;padding:16px 20px}")
        .append(
            "h2{font-size:16px;margin:0 0 12px}table{border-collapse:collapse;width:100%;font-size:13px}")
        .append(
            "th,td{padding:6px 8px;border-bottom:1px solid #e6e8ec;text-align:left;vertical-align:top}")
        .append(
            "th{color:#5b6475;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}")
        .append(
            ".pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;color:#fff}")
        .append(
            ".productive{background:"
                + PRODUCTIVE
                + "}.inefficient{background:"
                + INEFFICIENT
                + "}.wasteful{background:"
                + WASTEFUL
                + "}")
        .append(
            ".SUCCESS{color:"
                + PRODUCTIVE
                + "}.FAILURE{color:"
                + WASTEFUL
                + "}.UNKNOWN{color:#5b6475}")
        .append("code{background:#f0f1f4;padding:0 4px;border-radius:3px}.muted{color:#5b6475}")
        .append("</style></head><body>");
    h.append("<header><h1>TokenSieve report</h1><p>")
        .append(sessions.size())
        .append(" sessions &middot; ")
        .append(Numbers.tokens(requests))
        .append(" requests &middot; ")
        .append(Numbers.tokens(total.total()))
        .append(" tokens</p></header><main>");

    h.append("<div class=\"cards\">");
    card(h, "Total cost", Numbers.usd(cost));
    card(h, "Productive", Numbers.usd(spend[0]) + " · " + Numbers.share(spend[0], cost));
    card(h, "Inefficient", Numbers.usd(spend[1]) + " · " + Numbers.share(spend[1], cost));
    card(h, "Wasteful", Numbers.usd(spend[2]) + " · " + Numbers.share(spend[2], cost));
    card(h, "Cache reads", Numbers.compact(total.cacheRead()) + " tokens");
    h.append("</div>");

    h.append("<section><h2>Spend by label</h2>");
    stackedBar(h, spend, cost, 1200, 28);
    h.append("<p class=\"muted\">").append(legend()).append("</p></section>");

    h.append("<section><h2>Most expensive sessions</h2>");
    sessionBars(h, byCost.subList(0, Math.min(25, byCost.size())));
    h.append("</section>");

    h.append("<section><h2>Sessions</h2><table><tr><th>Session</th><th>Agent</th><th>Project</th>")
        .append("<th>Started (UTC)</th><th class=n>Requests</th><th class=n>Tokens</th>")
        .append("<th class=n>Cost</th><th class=n>Wasteful</th><th>Outcome</th></tr>");
    for (SessionSummary s : byCost) {
      h.append("<tr><td><code>")
          .append(esc(s.id()))
          .append("</code></td><td>")
          .append(esc(s.agent()))
          .append("</td><td>")
          .append(esc(s.project() == null ? "-" : s.project()))
          .append("</td><td>")
          .append(s.startedAt() == null ? "-" : TIME.format(s.startedAt()))
          .append("</td><td class=n>")
          .append(s.requests())
          .append("</td><td class=n>")
          .append(Numbers.tokens(s.tokens().total()))
          .append("</td><td class=n>")
          .append(Numbers.usd(s.costUsd()))
          .append(s.unpricedModels().isEmpty() ? "" : " <span title=\"unpriced models\">*</span>")
          .append("</td><td class=n>")
          .append(Numbers.share(s.spend().wasteful().costUsd(), s.costUsd()))
          .append("</td><td class=\"")
          .append(s.outcome())
          .append("\">")
          .append(s.outcome())
          .append(
              s.pSuccessBasis() == PSuccessBasis.OUT_OF_DOMAIN
                  ? String.format(
                      Locale.ROOT,
                      " <span title=\"out of domain: the outcome model learnt from autonomous"
                          + " SWE-bench runs; this label follows the trace's evidence\">(p=%.2f,"
                          + " out of domain)</span>",
                      s.pSuccess())
                  : String.format(Locale.ROOT, " (p=%.2f)", s.pSuccess()))
          .append("</td></tr>");
    }
    h.append("</table></section>");

    findings(h, sessions);

    if (!problems.isEmpty()) {
      h.append("<section><h2>Problems (")
          .append(problems.size())
          .append(")</h2><table><tr><th>File</th><th class=n>Line</th><th>Problem</th></tr>");
      for (ParseProblem p : problems) {
        h.append("<tr><td><code>")
            .append(esc(p.file()))
            .append("</code></td><td class=n>")
            .append(p.line() > 0 ? Long.toString(p.line()) : "")
            .append("</td><td>")
            .append(esc(p.message()))
            .append("</td></tr>");
      }
      h.append("</table></section>");
    }
    h.append(
            "<p class=\"muted\">Generated by TokenSieve. Costs in USD; tokens = input + cache writes")
        .append(" + cache reads + output.</p></main></body></html>\n");
    out.write(h.toString());
  }

  private static void findings(StringBuilder h, List<SessionSummary> sessions) {
    record Row(SessionSummary session, Finding finding) {}
    List<Row> rows = new ArrayList<>();
    Map<String, double[]> byKind = new LinkedHashMap<>();
    for (SessionSummary s : sessions) {
      for (Finding f : s.topFindings()) {
        rows.add(new Row(s, f));
        byKind.computeIfAbsent(f.kind().name(), k -> new double[2])[0] += f.costUsd();
        byKind.get(f.kind().name())[1]++;
      }
    }
    h.append("<section><h2>Findings</h2>");
    if (rows.isEmpty()) {
      h.append("<p>No waste patterns found.</p></section>");
      return;
    }
    h.append("<table><tr><th>Kind</th><th class=n>Findings</th><th class=n>Cost</th></tr>");
    byKind.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
        .forEach(
            e ->
                h.append("<tr><td>")
                    .append(e.getKey())
                    .append("</td><td class=n>")
                    .append((long) e.getValue()[1])
                    .append("</td><td class=n>")
                    .append(Numbers.usd(e.getValue()[0]))
                    .append("</td></tr>"));
    h.append("</table><h2 style=\"margin-top:18px\">Top findings by dollars</h2>");
    rows.sort(Comparator.comparingDouble((Row r) -> r.finding().costUsd()).reversed());
    h.append("<table><tr><th class=n>Cost</th><th>Label</th><th>Kind</th><th>Session</th>")
        .append("<th>Requests</th><th>What happened</th></tr>");
    for (Row r : rows.subList(0, Math.min(100, rows.size()))) {
      Finding f = r.finding();
      h.append("<tr><td class=n>")
          .append(Numbers.usd(f.costUsd()))
          .append("</td><td><span class=\"pill ")
          .append(f.label().json())
          .append("\">")
          .append(f.label().json())
          .append("</span></td><td>")
          .append(f.kind())
          .append("</td><td><code>")
          .append(esc(r.session().id()))
          .append("</code></td><td>")
          .append(f.firstRequest())
          .append(f.lastRequest() == f.firstRequest() ? "" : "–" + f.lastRequest())
          .append("</td><td>")
          .append(esc(f.summary()));
      for (String e : f.evidence()) {
        h.append("<br><span class=\"muted\">").append(esc(e)).append("</span>");
      }
      h.append("</td></tr>");
    }
    h.append("</table></section>");
  }

  private static void card(StringBuilder h, String label, String value) {
    h.append("<div class=\"card\"><span>")
        .append(esc(label))
        .append("</span><b>")
        .append(esc(value))
        .append("</b></div>");
  }

  private static String legend() {
    return "<span class=\"pill productive\">productive</span> bought progress &nbsp; "
        + "<span class=\"pill inefficient\">inefficient</span> progress at an avoidable price &nbsp; "
        + "<span class=\"pill wasteful\">wasteful</span> bought nothing";
  }

  private static void stackedBar(StringBuilder h, double[] parts, double total, int w, int ht) {
    h.append("<svg role=\"img\" aria-label=\"spend by label\" width=\"100%\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(ht)
        .append("\" preserveAspectRatio=\"none\">");
    String[] colors = {PRODUCTIVE, INEFFICIENT, WASTEFUL};
    double x = 0;
    for (int i = 0; i < 3; i++) {
      double width = total <= 0 ? 0 : w * parts[i] / total;
      h.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"%d\" fill=\"%s\"/>",
              x,
              width,
              ht,
              colors[i]));
      x += width;
    }
    h.append("</svg>");
  }

  private static void sessionBars(StringBuilder h, List<SessionSummary> top) {
    if (top.isEmpty()) {
      h.append("<p>No sessions.</p>");
      return;
    }
    double max = Math.max(1e-9, top.get(0).costUsd());
    int rowH = 22;
    int labelW = 260;
    int barW = 800;
    h.append(
            "<svg role=\"img\" aria-label=\"most expensive sessions\" width=\"100%\" viewBox=\"0 0 ")
        .append(labelW + barW + 120)
        .append(' ')
        .append(rowH * top.size())
        .append("\" font-size=\"12\" font-family=\"system-ui,sans-serif\">");
    for (int i = 0; i < top.size(); i++) {
      SessionSummary s = top.get(i);
      double y = i * rowH;
      double x = labelW;
      double c = s.costUsd();
      double[] parts = {
        s.spend().productive().costUsd(),
        s.spend().inefficient().costUsd(),
        s.spend().wasteful().costUsd()
      };
      String[] colors = {PRODUCTIVE, INEFFICIENT, WASTEFUL};
      h.append(
          String.format(
              Locale.ROOT,
              "<text x=\"0\" y=\"%.1f\">%s</text>",
              y + 15,
              esc(
                  clip(s.id(), 12)
                      + "  "
                      + (s.project() == null ? "" : clip(tail(s.project()), 22)))));
      for (int k = 0; k < 3; k++) {
        double wdt = barW * parts[k] / max;
        h.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%d\" fill=\"%s\"/>",
                x,
                y + 3,
                wdt,
                rowH - 6,
                colors[k]));
        x += wdt;
      }
      h.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\">%s</text>",
              Math.max(x, labelW) + 6,
              y + 15,
              esc(Numbers.usd(c))));
    }
    h.append("</svg>");
  }

  private static String tail(String path) {
    String p = path.replace('\\', '/');
    int slash = p.lastIndexOf('/', p.length() - 2);
    return slash >= 0 ? p.substring(slash + 1) : p;
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }

  /** Escapes text for HTML element content and attribute values. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
