package dev.tokensieve.scoring.eval;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Precision and recall of the detectors against ground truth (the datasets generator writes which
 * waste it planted where). A finding matches a planted one of the same kind whose request range
 * overlaps it; each planted item matches at most one finding (see {@link #match}).
 */
public final class DetectorEvaluation {
  /** One planted piece of waste: its kind and request range (inclusive). */
  public record Planted(FindingKind kind, int firstRequest, int lastRequest) {
    /** Requires the kind. */
    public Planted {
      requireNonNull(kind, "kind");
    }
  }

  /** Counts for one kind. */
  public record Score(int truePositives, int falsePositives, int falseNegatives) {
    /** Found and planted over all found; 1 when nothing was found. */
    public double precision() {
      int found = truePositives + falsePositives;
      return found == 0 ? 1 : (double) truePositives / found;
    }

    /** Found and planted over all planted; 1 when nothing was planted. */
    public double recall() {
      int planted = truePositives + falseNegatives;
      return planted == 0 ? 1 : (double) truePositives / planted;
    }

    Score plus(Score o) {
      return new Score(
          truePositives + o.truePositives,
          falsePositives + o.falsePositives,
          falseNegatives + o.falseNegatives);
    }
  }

  private final Map<FindingKind, Score> scores = new EnumMap<>(FindingKind.class);

  /**
   * How one kind's findings in one session pair with the planted items: {@code matched[i]} is the
   * index of the planted item finding {@code i} matched, or -1 for a false positive; planted items
   * no finding matched are false negatives.
   */
  public record Match(int[] matched, List<Planted> missed) {
    /** Copies the list; the array is kept as given. */
    public Match {
      missed = List.copyOf(missed);
    }

    /** The findings that matched a planted item. */
    public int truePositives() {
      int tp = 0;
      for (int m : matched) {
        tp += m >= 0 ? 1 : 0;
      }
      return tp;
    }
  }

  /**
   * Pairs findings with planted items of their kind (the caller filters by kind): each finding, in
   * order, takes the first unused planted item whose range overlaps its own.
   */
  public static Match match(List<Planted> planted, List<Finding> findings) {
    boolean[] used = new boolean[planted.size()];
    int[] matched = new int[findings.size()];
    for (int j = 0; j < findings.size(); j++) {
      Finding finding = findings.get(j);
      matched[j] = -1;
      for (int i = 0; i < planted.size(); i++) {
        Planted x = planted.get(i);
        if (!used[i]
            && finding.firstRequest() <= x.lastRequest()
            && x.firstRequest() <= finding.lastRequest()) {
          used[i] = true;
          matched[j] = i;
          break;
        }
      }
    }
    List<Planted> missed = new ArrayList<>();
    for (int i = 0; i < planted.size(); i++) {
      if (!used[i]) {
        missed.add(planted.get(i));
      }
    }
    return new Match(matched, missed);
  }

  /** Adds one session's planted waste and the findings the detectors reported. */
  public DetectorEvaluation add(List<Planted> planted, List<Finding> findings) {
    for (FindingKind k : FindingKind.values()) {
      List<Planted> p = planted.stream().filter(x -> x.kind() == k).toList();
      List<Finding> f = findings.stream().filter(x -> x.kind() == k).toList();
      if (p.isEmpty() && f.isEmpty()) {
        continue;
      }
      int tp = match(p, f).truePositives();
      scores.merge(k, new Score(tp, f.size() - tp, p.size() - tp), Score::plus);
    }
    return this;
  }

  /** The scores so far, per kind that was planted or found. */
  public Map<FindingKind, Score> scores() {
    return Map.copyOf(scores);
  }
}
