package dev.tokensieve.scoring.eval;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.SessionReport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detectors and the outcome verdict measured against a {@link TruthSet} of hand-annotated real
 * sessions.
 *
 * <p>Matching rule (the one {@link DetectorEvaluation#match} applies): a finding is a true positive
 * when a truth entry of the same kind in the same session has a request range that overlaps the
 * finding's; each truth entry matches at most one finding, so a second finding on the same entry is
 * a false positive. A truth entry no finding matches is a false negative. Precision is 1 when a
 * kind was never found, recall is 1 when it was never annotated.
 *
 * <p>Outcomes: a 3×3 confusion matrix, the reader's outcome (rows) against the analyzer's verdict
 * from the trace alone (columns), and the share on the diagonal.
 */
public final class TruthEvaluation {
  /** One disagreement, for a person to read: a finding the truth lacks, or a truth entry missed. */
  public record Miss(
      String session, FindingKind kind, int firstRequest, int lastRequest, String what) {
    /** Requires every field. */
    public Miss {
      requireNonNull(session, "session");
      requireNonNull(kind, "kind");
      requireNonNull(what, "what");
    }
  }

  private final Map<FindingKind, int[]> counts = new EnumMap<>(FindingKind.class);
  private final int[][] confusion = new int[3][3];
  private final List<Miss> falsePositives = new ArrayList<>();
  private final List<Miss> falseNegatives = new ArrayList<>();
  private final List<String> missing = new ArrayList<>();
  private int sessions;

  private TruthEvaluation() {
    for (FindingKind k : kinds()) {
      counts.put(k, new int[3]);
    }
  }

  /** The finding kinds a truth set annotates: every detector's kind. */
  public static List<FindingKind> kinds() {
    List<FindingKind> out = new ArrayList<>();
    for (FindingKind k : FindingKind.values()) {
      if (k != FindingKind.FAILED_OUTCOME) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * Measures {@code reports} (by session id) against {@code truth}. A session the truth names but
   * the reports lack is listed in {@link #missing} and left out of every figure.
   */
  public static TruthEvaluation of(TruthSet truth, Map<String, SessionReport> reports) {
    TruthEvaluation e = new TruthEvaluation();
    for (TruthSet.Entry t : truth.entries()) {
      SessionReport r = reports.get(t.session());
      if (r == null) {
        e.missing.add(t.session() + " (" + t.path() + ")");
        continue;
      }
      e.add(t, r);
    }
    return e;
  }

  private void add(TruthSet.Entry truth, SessionReport report) {
    sessions++;
    confusion[truth.outcome().ordinal()][report.outcome().label().ordinal()]++;
    for (FindingKind k : kinds()) {
      List<DetectorEvaluation.Planted> planted =
          truth.findings().stream().filter(x -> x.kind() == k).toList();
      List<Finding> found = report.findings().stream().filter(x -> x.kind() == k).toList();
      DetectorEvaluation.Match m = DetectorEvaluation.match(planted, found);
      int[] c = counts.get(k);
      for (int j = 0; j < found.size(); j++) {
        if (m.matched()[j] >= 0) {
          c[0]++;
        } else {
          c[1]++;
          Finding f = found.get(j);
          falsePositives.add(
              new Miss(truth.session(), k, f.firstRequest(), f.lastRequest(), f.summary()));
        }
      }
      for (DetectorEvaluation.Planted p : m.missed()) {
        c[2]++;
        falseNegatives.add(
            new Miss(truth.session(), k, p.firstRequest(), p.lastRequest(), "not found"));
      }
    }
  }

  /** The sessions measured (named by the truth and present in the reports). */
  public int sessions() {
    return sessions;
  }

  /** Truth sessions that no report carried. */
  public List<String> missing() {
    return List.copyOf(missing);
  }

  /** The counts of {@code kind}. */
  public DetectorEvaluation.Score score(FindingKind kind) {
    int[] c = counts.get(requireNonNull(kind, "kind"));
    if (c == null) {
      throw new IllegalArgumentException("not a detector's kind: " + kind);
    }
    return new DetectorEvaluation.Score(c[0], c[1], c[2]);
  }

  /**
   * How many sessions the reader judged {@code truth} and the analyzer labelled {@code verdict}.
   */
  public int confusion(OutcomeLabel truth, OutcomeLabel verdict) {
    return confusion[truth.ordinal()][verdict.ordinal()];
  }

  /** The share of sessions whose verdict equals the reader's outcome. */
  public double outcomeAgreement() {
    int same = 0;
    for (OutcomeLabel l : OutcomeLabel.values()) {
      same += confusion[l.ordinal()][l.ordinal()];
    }
    return sessions == 0 ? 0 : (double) same / sessions;
  }

  /** Findings no truth entry matched. */
  public List<Miss> falsePositives() {
    return List.copyOf(falsePositives);
  }

  /** Truth entries no finding matched. */
  public List<Miss> falseNegatives() {
    return List.copyOf(falseNegatives);
  }

  /** The measurements as a JSON-ready tree (maps, lists, strings and numbers). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sessions", sessions);
    m.put(
        "matchingRule",
        "a finding matches a truth entry of the same kind and session whose request range"
            + " overlaps it; each truth entry matches at most one finding");
    List<Object> kinds = new ArrayList<>();
    for (FindingKind k : kinds()) {
      DetectorEvaluation.Score s = score(k);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kind", k.name());
      row.put("truth", s.truePositives() + s.falseNegatives());
      row.put("found", s.truePositives() + s.falsePositives());
      row.put("truePositives", s.truePositives());
      row.put("precision", s.precision());
      row.put("recall", s.recall());
      kinds.add(row);
    }
    m.put("kinds", kinds);
    Map<String, Object> outcomes = new LinkedHashMap<>();
    for (OutcomeLabel t : OutcomeLabel.values()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (OutcomeLabel v : OutcomeLabel.values()) {
        row.put(v.name(), confusion(t, v));
      }
      outcomes.put(t.name(), row);
    }
    Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("rows", "the reader's outcome");
    outcome.put("columns", "the analyzer's verdict from the trace");
    outcome.put("confusion", outcomes);
    outcome.put("agreement", outcomeAgreement());
    m.put("outcome", outcome);
    m.put("falsePositives", misses(falsePositives));
    m.put("falseNegatives", misses(falseNegatives));
    m.put("missing", missing());
    return m;
  }

  private static List<Object> misses(List<Miss> list) {
    List<Object> out = new ArrayList<>();
    for (Miss x : list) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("session", x.session());
      row.put("kind", x.kind().name());
      row.put("firstRequest", x.firstRequest());
      row.put("lastRequest", x.lastRequest());
      row.put("what", x.what());
      out.add(row);
    }
    return out;
  }
}
