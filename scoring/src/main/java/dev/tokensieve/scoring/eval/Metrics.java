package dev.tokensieve.scoring.eval;

import java.util.Arrays;
import java.util.Locale;

/** Metrics of probabilistic predictions against 0/1 labels. */
public final class Metrics {
  private Metrics() {}

  /** The area under the ROC curve (Mann-Whitney, ties counted half); 0.5 if a class is missing. */
  public static double auc(double[] p, int[] y) {
    Integer[] idx = new Integer[p.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(p[a], p[b]));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < idx.length) {
      int j = i;
      while (j + 1 < idx.length && p[idx[j + 1]] == p[idx[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1; // average rank of the tie group
      for (int k = i; k <= j; k++) {
        if (y[idx[k]] == 1) {
          rankSumPos += rank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = p.length - pos;
    if (pos == 0 || neg == 0) {
      return 0.5;
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** The share of predictions on the right side of 0.5. */
  public static double accuracy(double[] p, int[] y) {
    int ok = 0;
    for (int i = 0; i < p.length; i++) {
      ok += (p[i] >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
    }
    return p.length == 0 ? 0 : (double) ok / p.length;
  }

  /** The mean squared error of the probabilities (lower is better; 0.25 is a coin). */
  public static double brier(double[] p, int[] y) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += (p[i] - y[i]) * (p[i] - y[i]);
    }
    return p.length == 0 ? 0 : s / p.length;
  }

  /**
   * Reliability: per equal-width bin of predicted p, the count, mean prediction and success rate.
   */
  public static String reliability(double[] p, int[] y, int bins) {
    int[] n = new int[bins];
    double[] mp = new double[bins];
    double[] rate = new double[bins];
    for (int i = 0; i < p.length; i++) {
      int b = Math.min(bins - 1, (int) (p[i] * bins));
      n[b]++;
      mp[b] += p[i];
      rate[b] += y[i];
    }
    StringBuilder out = new StringBuilder();
    for (int b = 0; b < bins; b++) {
      out.append(
          String.format(
              Locale.ROOT,
              "    p in [%.1f, %.1f): n=%4d  mean p=%s  observed=%s%n",
              (double) b / bins,
              (double) (b + 1) / bins,
              n[b],
              n[b] == 0 ? "  -  " : String.format(Locale.ROOT, "%.3f", mp[b] / n[b]),
              n[b] == 0 ? "  -  " : String.format(Locale.ROOT, "%.3f", rate[b] / n[b])));
    }
    return out.toString();
  }
}
