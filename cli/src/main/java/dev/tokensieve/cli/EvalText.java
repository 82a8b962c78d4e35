package dev.tokensieve.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints {@code eval}'s measurements as readable text. */
final class EvalText {
  private final PrintWriter out;

  EvalText(PrintWriter out) {
    this.out = out;
  }

  void print(Map<String, Object> doc) {
    Map<?, ?> corpus = map(doc.get("corpus"));
    out.printf(
        Locale.ROOT,
        "TokenSieve evaluation: %s generated sessions (%s), seed %s; real runs: %s%n",
        corpus.get("sessions"),
        corpus.get("format"),
        corpus.get("seed"),
        corpus.get("realRuns"));
    if (corpus.containsKey("real")) {
      out.printf(
          Locale.ROOT,
          "real sessions: %s from %s%n",
          corpus.get("realSessions"),
          corpus.get("real"));
    }
    parser(map(doc.get("parser")));
    detectors(map(doc.get("detectors")));
    model(map(doc.get("outcomeModel")));
    labels(list(doc.get("labels")));
    List<?> problems = list(doc.get("problems"));
    if (!problems.isEmpty()) {
      out.println();
      out.println("Problems:");
      problems.forEach(p -> out.println("  " + p));
    }
  }

  private void parser(Map<?, ?> p) {
    out.println();
    out.println("(a) Parser accuracy: the generated corpus read back by the real scanner");
    int truth = num(p.get("groundTruthSessions"));
    out.printf(Locale.ROOT, "  sessions in ground truth  %d%n", truth);
    out.printf(Locale.ROOT, "  parsed and matched by id  %d%n", num(p.get("matched")));
    out.printf(
        Locale.ROOT,
        "  exact token totals        %d/%d (%s)%n",
        num(p.get("exactTokens")),
        truth,
        EvalCommand.pct(dbl(p.get("accuracy"))));
    out.printf(
        Locale.ROOT, "  exact request counts      %d/%d%n", num(p.get("exactRequests")), truth);
    for (String k : List.of("missing", "unexpected", "mismatches")) {
      List<?> l = list(p.get(k));
      for (int i = 0; i < Math.min(10, l.size()); i++) {
        out.println("  " + k + ": " + l.get(i));
      }
      if (l.size() > 10) {
        out.println("  ... " + (l.size() - 10) + " more " + k);
      }
    }
  }

  private void detectors(Map<?, ?> d) {
    out.println();
    out.println(
        "(b) Detectors vs ground truth (a finding matches a planted one of its kind whose request"
            + " range overlaps)");
    out.printf(
        Locale.ROOT,
        "  %-22s %8s %6s %5s %10s %7s   %s%n",
        "kind",
        "planted",
        "found",
        "TP",
        "precision",
        "recall",
        "false alarms on clean sessions");
    for (Object o : list(d.get("kinds"))) {
      Map<?, ?> k = map(o);
      out.printf(
          Locale.ROOT,
          "  %-22s %8d %6d %5d %10s %7s   %d (%.3f per session)%n",
          k.get("kind"),
          num(k.get("planted")),
          num(k.get("found")),
          num(k.get("truePositives")),
          EvalCommand.pct(dbl(k.get("precision"))),
          EvalCommand.pct(dbl(k.get("recall"))),
          num(k.get("falseAlarmsOnClean")),
          dbl(k.get("falseAlarmsPerCleanSession")));
    }
    out.printf(
        Locale.ROOT,
        "  clean sessions: %d (scenarios %s)%n",
        num(d.get("cleanSessions")),
        String.join(", ", strings(d.get("cleanScenarios"))));
  }

  private void model(Map<?, ?> m) {
    out.println();
    out.printf(
        Locale.ROOT,
        "(c) Outcome model on real labelled runs: %d runs, %d resolved; model: %s%n",
        num(m.get("runs")),
        num(m.get("successes")),
        m.get("model"));
    for (Object o : list(m.get("groups"))) {
      Map<?, ?> g = map(o);
      out.printf(
          Locale.ROOT,
          "    %-46s %4d runs %4d resolved  %s %s%n",
          g.get("group"),
          num(g.get("runs")),
          num(g.get("successes")),
          g.get("source"),
          g.get("run"));
    }
    out.println("  features: " + String.join(", ", strings(m.get("features"))));
    out.println(
        "  AUC [bootstrap 95% interval]; baselines rank by minus one feature within the group");
    out.println("  held out of training (leave one agent/model out):");
    header();
    for (Object o : list(m.get("heldOut"))) {
      groupRow(map(o));
      out.printf(
          Locale.ROOT,
          "      normalised by %s; %s%n",
          map(o).get("normalisedBy"),
          bands(map(map(o).get("bands"))));
    }
    Map<?, ?> cv = map(m.get("taskCrossValidation"));
    Map<?, ?> auc = map(cv.get("auc"));
    out.printf(
        Locale.ROOT,
        "  %d-fold cross-validation grouped by task, all groups pooled (so the AUC includes the"
            + " groups' base rates): AUC %s  Brier %.4f  ECE %.4f%n",
        num(cv.get("folds")),
        ci(auc),
        dbl(cv.get("brier")),
        dbl(cv.get("ece")));
    out.println(
        "    each run labelled by its own group's bands (validated per agent/model), out of fold: "
            + pooledBands(map(cv.get("bands"))));
    for (Object o : list(cv.get("bandsPerGroup"))) {
      out.printf(Locale.ROOT, "      %-44s %s%n", map(o).get("group"), bands(map(o)));
    }
    out.println("  calibration (out-of-fold):");
    out.print(cv.get("reliability"));
    StringBuilder b =
        new StringBuilder("  shipped coefficients (standardised; + favours success):");
    for (Object o : list(m.get("coefficients"))) {
      Map<?, ?> f = map(o);
      b.append(
          String.format(Locale.ROOT, " %s %+.2f,", f.get("feature"), dbl(f.get("coefficient"))));
    }
    out.println(b.substring(0, b.length() - 1));
    out.printf(
        Locale.ROOT,
        "  PR_CREATED coefficient: %.2f (not a feature of the real-run model)%n",
        dbl(m.get("prCreatedCoefficient")));
    out.println("  verdict vs truth (rows: truth; columns: label SUCCESS / FAILURE / UNKNOWN):");
    for (Map.Entry<?, ?> e : map(m.get("verdicts")).entrySet()) {
      Map<?, ?> c = map(e.getValue());
      Map<?, ?> s = map(c.get("SUCCESS"));
      Map<?, ?> f = map(c.get("FAILURE"));
      out.printf(
          Locale.ROOT,
          "    %-54s truth SUCCESS %4d %4d %4d | truth FAILURE %4d %4d %4d%n",
          e.getKey(),
          num(s.get("SUCCESS")),
          num(s.get("FAILURE")),
          num(s.get("UNKNOWN")),
          num(f.get("SUCCESS")),
          num(f.get("FAILURE")),
          num(f.get("UNKNOWN")));
    }
  }

  private void header() {
    out.printf(
        Locale.ROOT,
        "    %-46s %5s %4s  %-20s %-20s %-20s %-20s %7s %7s%n",
        "group",
        "runs",
        "ok",
        "model",
        "minus cost",
        "minus prompt tokens",
        "minus steps",
        "Brier",
        "ECE");
  }

  private void groupRow(Map<?, ?> g) {
    out.printf(
        Locale.ROOT,
        "    %-46s %5d %4d  %-20s %-20s %-20s %-20s %7.4f %7.4f%n",
        g.get("group"),
        num(g.get("runs")),
        num(g.get("successes")),
        ci(map(g.get("model"))),
        ci(map(g.get("minusCost"))),
        ci(map(g.get("minusPromptTokens"))),
        ci(map(g.get("minusSteps"))),
        dbl(g.get("brier")),
        dbl(g.get("ece")));
  }

  private static String ci(Map<?, ?> i) {
    return String.format(
        Locale.ROOT, "%.3f [%.2f, %.2f]", dbl(i.get("auc")), dbl(i.get("lo")), dbl(i.get("hi")));
  }

  private static String pooledBands(Map<?, ?> b) {
    return String.format(
        Locale.ROOT,
        "SUCCESS %d runs, precision %s; FAILURE %d runs, precision %s; UNKNOWN %d",
        num(b.get("successRuns")),
        EvalCommand.pct(dbl(b.get("successPrecision"))),
        num(b.get("failureRuns")),
        EvalCommand.pct(dbl(b.get("failurePrecision"))),
        num(b.get("unknownRuns")));
  }

  private static String bands(Map<?, ?> b) {
    return String.format(
        Locale.ROOT,
        "SUCCESS (p >= %.2f) %d runs, precision %s; FAILURE (p <= %.2f) %d runs, precision %s;"
            + " UNKNOWN %d",
        dbl(b.get("successAt")),
        num(b.get("successRuns")),
        EvalCommand.pct(dbl(b.get("successPrecision"))),
        dbl(b.get("failureAt")),
        num(b.get("failureRuns")),
        EvalCommand.pct(dbl(b.get("failurePrecision"))),
        num(b.get("unknownRuns")));
  }

  private void labels(List<?> groups) {
    out.println();
    out.println(
        "(d) Spend labels: wasteful share, verdicts from the trace alone (no outcomes file)");
    out.printf(
        Locale.ROOT,
        "  %-28s %8s %10s %14s %15s %16s%n",
        "generated sessions",
        "sessions",
        "cost",
        "wasteful $",
        "wasteful tokens",
        "median session");
    for (Object o : groups) {
      Map<?, ?> g = map(o);
      out.printf(
          Locale.ROOT,
          "  %-28s %8d %10s %14s %15s %16s%n",
          g.get("group"),
          num(g.get("sessions")),
          String.format(Locale.ROOT, "$%.2f", dbl(g.get("costUsd"))),
          EvalCommand.pct(dbl(g.get("wastefulCostShare"))),
          EvalCommand.pct(dbl(g.get("wastefulTokenShare"))),
          EvalCommand.pct(dbl(g.get("medianSessionWastefulShare"))));
    }
  }

  private static Map<?, ?> map(Object o) {
    return (Map<?, ?>) o;
  }

  private static List<?> list(Object o) {
    return (List<?>) o;
  }

  private static List<String> strings(Object o) {
    return list(o).stream().map(String::valueOf).toList();
  }

  private static int num(Object o) {
    return ((Number) o).intValue();
  }

  private static double dbl(Object o) {
    return ((Number) o).doubleValue();
  }
}
