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
    Bins bs = Bins.of(p, y, bins);
    int[] n = bs.n();
    double[] mp = bs.sumP();
    double[] rate = bs.successes();
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

  /**
   * The expected calibration error: over {@code bins} equal-width bins of predicted p, the
   * run-weighted mean of |mean prediction - observed success rate| (0 is perfect).
   */
  public static double ece(double[] p, int[] y, int bins) {
    Bins bs = Bins.of(p, y, bins);
    int[] n = bs.n();
    double[] mp = bs.sumP();
    double[] rate = bs.successes();
    double e = 0;
    for (int b = 0; b < bins; b++) {
      if (n[b] > 0) {
        e += Math.abs(mp[b] - rate[b]) / p.length;
      }
    }
    return p.length == 0 ? 0 : e;
  }

  /**
   * The 2.5th and 97.5th percentiles of the AUC over {@code resamples} bootstrap resamples of the
   * runs (drawn with replacement, seeded); resamples missing a class are drawn again.
   */
  public static double[] bootstrapAuc(double[] score, int[] y, int resamples, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    int pos = 0;
    for (int v : y) {
      pos += v;
    }
    if (pos == 0 || pos == y.length) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double[] aucs = new double[resamples];
    double[] s = new double[score.length];
    int[] t = new int[y.length];
    for (int k = 0; k < resamples; k++) {
      int drawnPos;
      do {
        drawnPos = 0;
        for (int i = 0; i < s.length; i++) {
          int j = r.nextInt(s.length);
          s[i] = score[j];
          t[i] = y[j];
          drawnPos += y[j];
        }
      } while (drawnPos == 0 || drawnPos == s.length);
      aucs[k] = auc(s, t);
    }
    Arrays.sort(aucs);
    return new double[] {
      aucs[(int) Math.floor(0.025 * (resamples - 1))],
      aucs[(int) Math.ceil(0.975 * (resamples - 1))]
    };
  }

  /** Per equal-width bin of predicted p: the count, the sum of p and the successes. */
  private record Bins(int[] n, double[] sumP, double[] successes) {
    static Bins of(double[] p, int[] y, int bins) {
      Bins b = new Bins(new int[bins], new double[bins], new double[bins]);
      for (int i = 0; i < p.length; i++) {
        int k = Math.min(bins - 1, (int) (p[i] * bins));
        b.n[k]++;
        b.sumP[k] += p[i];
        b.successes[k] += y[i];
      }
      return b;
    }
  }
}
