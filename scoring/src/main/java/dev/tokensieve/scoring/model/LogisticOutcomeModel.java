package dev.tokensieve.scoring.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Logistic regression on standardised features, stored as plain text that this class reads back (no
 * Java serialisation of library objects).
 *
 * <p>Text format, one item a line, {@code #} starts a comment:
 *
 * <pre>
 * name  logistic regression, lambda=0.1, 540 sessions
 * lambda  0.1
 * intercept  -0.123
 * FEATURE_NAME  mean  sd  coefficient
 * </pre>
 *
 * {@code lambda} is the L2 penalty it was trained with (absent in old files: 1), so that the model
 * can be retrained from its training set and compared. A feature missing from the text gets weight
 * 0, so that adding a feature does not invalidate a stored model; an unknown feature name is an
 * error.
 */
final class LogisticOutcomeModel implements OutcomeModel {
  static final String RESOURCE = "outcome-model.txt";

  private final String name;
  private final double lambda;
  private final double intercept;
  private final double[] mean;
  private final double[] sd;
  private final double[] coef;

  LogisticOutcomeModel(
      String name, double lambda, double intercept, double[] mean, double[] sd, double[] coef) {
    this.name = name;
    this.lambda = lambda;
    this.intercept = intercept;
    this.mean = mean.clone();
    this.sd = sd.clone();
    this.coef = coef.clone();
  }

  static LogisticOutcomeModel bundled() {
    return Bundled.INSTANCE;
  }

  @Override
  public String name() {
    return name;
  }

  /** The L2 penalty the model was trained with. */
  double lambda() {
    return lambda;
  }

  @Override
  public double pSuccess(double[] features) {
    if (features.length != Feature.COUNT) {
      throw new IllegalArgumentException(
          "features must have length " + Feature.COUNT + ", was " + features.length);
    }
    return sigmoid(logit(features));
  }

  double logit(double[] x) {
    double z = intercept;
    for (int i = 0; i < coef.length; i++) {
      z += coef[i] * standardise(x[i], i);
    }
    return z;
  }

  double standardise(double v, int i) {
    return sd[i] > 0 ? (v - mean[i]) / sd[i] : 0;
  }

  /** The coefficient of each feature on the standardised scale (its importance and sign). */
  double[] coefficients() {
    return coef.clone();
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** The text form that {@link #read} reads back. */
  String write() {
    StringBuilder b = new StringBuilder();
    b.append("# TokenSieve outcome model: logistic regression on standardised features.\n");
    b.append(
        "# Regenerate from the repository root: java -jar cli/target/tokensieve.jar train --real\n");
    b.append("# ../shared/samples/mini-swe-agent. Columns: feature mean sd coefficient.\n");
    b.append("name\t").append(name).append('\n');
    b.append("lambda\t").append(num(lambda)).append('\n');
    b.append("intercept\t").append(num(intercept)).append('\n');
    for (Feature f : Feature.values()) {
      int i = f.ordinal();
      b.append(f.name()).append('\t').append(num(mean[i])).append('\t').append(num(sd[i]));
      b.append('\t').append(num(coef[i])).append('\n');
    }
    return b.toString();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.10g", v);
  }

  /**
   * Reads a model in the text format.
   *
   * @throws IllegalArgumentException naming {@code source} and the line of a malformed item
   */
  static LogisticOutcomeModel read(Reader in, String source) {
    String name = source;
    double intercept = Double.NaN;
    double lambda = 1;
    double[] mean = new double[Feature.COUNT];
    double[] sd = new double[Feature.COUNT];
    double[] coef = new double[Feature.COUNT];
    Arrays.fill(sd, 0);
    try (BufferedReader r = new BufferedReader(in)) {
      int lineNo = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        String body = line.strip();
        if (body.isEmpty() || body.startsWith("#")) {
          continue;
        }
        String[] f = body.split("\t");
        try {
          if (f[0].equals("name")) {
            name = body.substring(5).strip();
          } else if (f[0].equals("lambda") && f.length == 2) {
            lambda = Double.parseDouble(f[1]);
          } else if (f[0].equals("intercept") && f.length == 2) {
            intercept = Double.parseDouble(f[1]);
          } else if (f.length == 4) {
            int i = Feature.valueOf(f[0]).ordinal();
            mean[i] = Double.parseDouble(f[1]);
            sd[i] = Double.parseDouble(f[2]);
            coef[i] = Double.parseDouble(f[3]);
          } else {
            throw new IllegalArgumentException("expected \"FEATURE mean sd coefficient\"");
          }
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              source + ":" + lineNo + ": " + e.getMessage() + ": \"" + body + "\"", e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read outcome model " + source, e);
    }
    if (Double.isNaN(intercept)) {
      throw new IllegalArgumentException(source + ": no intercept line");
    }
    return new LogisticOutcomeModel(name, lambda, intercept, mean, sd, coef);
  }

  private static final class Bundled {
    static final LogisticOutcomeModel INSTANCE = load();

    private static LogisticOutcomeModel load() {
      InputStream in = LogisticOutcomeModel.class.getResourceAsStream(RESOURCE);
      if (in == null) {
        throw new IllegalStateException("bundled " + RESOURCE + " is missing from the jar");
      }
      return read(new InputStreamReader(in, StandardCharsets.UTF_8), "bundled " + RESOURCE);
    }
  }
}
