package dev.tokensieve.cli;

import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.SessionReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * A session printed request by request, each with the steps that follow it (the tool calls it
 * issued and their results, edits, user messages...), numbered as {@code analyze --json} numbers
 * requests: what a person reads to annotate a truth set. The detectors' findings and the verdict
 * come last, so that the reader meets the trace before the analyzer's opinion of it.
 */
final class SessionDump {
  private static final int WIDTH = 240;

  private SessionDump() {}

  static void print(Session s, SessionReport report, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "== %s (%s) %d requests, %s to %s%n   %s%n",
        s.id(),
        s.agent(),
        s.requests().size(),
        s.startedAt(),
        s.endedAt(),
        String.join(", ", s.sources()));
    List<Step> steps = s.steps();
    int next = 0;
    for (int i = -1; i < s.requests().size(); i++) {
      if (i >= 0) {
        Request r = s.requests().get(i);
        Usage u = r.usage();
        out.printf(
            Locale.ROOT,
            "#%d %s %s%s in=%d cw=%d cr=%d out=%d ctx=%d%n",
            i,
            r.at(),
            r.model(),
            r.isSubAgent() ? " [" + r.agentId() + "]" : "",
            u.input(),
            u.cacheWrite5m() + u.cacheWrite1h(),
            u.cacheRead(),
            u.output(),
            u.input() + u.cacheWrite5m() + u.cacheWrite1h() + u.cacheRead());
      }
      while (next < steps.size() && steps.get(next).request() <= i) {
        out.println("    " + step(steps.get(next++)));
      }
    }
    out.printf(
        Locale.ROOT,
        "-- verdict %s (pSuccess %.3f)%n",
        report.outcome().label(),
        report.outcome().pSuccess());
    for (Finding f : report.findings()) {
      out.printf(
          Locale.ROOT,
          "-- %s [%d-%d] %s%n",
          f.kind(),
          f.firstRequest(),
          f.lastRequest(),
          f.summary());
    }
    out.println();
  }

  private static String step(Step st) {
    String who = Request.MAIN_AGENT.equals(st.agentId()) ? "" : "[" + st.agentId() + "] ";
    if (st instanceof Step.ToolCall c) {
      return who + "call " + c.kind() + " " + c.tool() + ": " + line(c.target());
    }
    if (st instanceof Step.ToolResult r) {
      return who
          + "  -> "
          + (r.isError() ? "ERROR " : "")
          + (r.exitCode() == null ? "" : "exit " + r.exitCode() + " ")
          + r.tokens()
          + " tok "
          + r.digest().substring(0, Math.min(8, r.digest().length()))
          + ": "
          + line(r.excerpt());
    }
    if (st instanceof Step.Edit e) {
      return who
          + "edit "
          + e.file()
          + " "
          + shortDigest(e.before())
          + " -> "
          + shortDigest(e.after());
    }
    if (st instanceof Step.UserMessage m) {
      return who + "USER (" + m.tokens() + " tok): " + line(m.excerpt());
    }
    if (st instanceof Step.Interrupt) {
      return who + "INTERRUPT";
    }
    if (st instanceof Step.Compaction c) {
      return who + "COMPACTION pre=" + c.preTokens();
    }
    if (st instanceof Step.ApiError a) {
      return who + "API ERROR " + line(a.message());
    }
    return who + st;
  }

  private static String shortDigest(String d) {
    return d.isEmpty() ? "(new)" : d.substring(0, Math.min(8, d.length()));
  }

  private static String line(String text) {
    String t = text.replaceAll("\\s+", " ").strip();
    return t.length() <= WIDTH ? t : t.substring(0, WIDTH) + "…";
  }
}
