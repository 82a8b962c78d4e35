package dev.tokensieve.scoring.model;

import dev.tokensieve.core.report.PSuccessBasis;
import dev.tokensieve.scoring.outcome.Estimate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Platt-calibrated logistic regression on a few features, each standardised either within the
 * session's (agent, model) group or over all training runs; stored as plain text that this class
 * reads back (no Java serialisation of library objects).
 *
 * <p>Size and cost mean different things for different agents and models (a strong model's resolved
 * run may cost more than a weak model's failed one), so those features are z-scored with the
 * statistics of the session's own group, shipped in the model: {@code agent/model} if the model was
 * seen in training, else {@code agent/*} if the agent was, else the global statistics.
 *
 * <p>Text format, one item a line, tab-separated, {@code #} starts a comment:
 *
 * <pre>
 * name     logistic regression on real runs, ...
 * lambda   10
 * intercept  -0.12
 * platt    1.05  -0.02                       calibrated p = sigmoid(a * logit + b)
 * success  0.81  0.87  120                   band: pSuccess at or above, precision, validation runs
 * failure  0.19  0.91  300
 * bands    swe-agent/gpt-4o  0.9  0.86  25  0.3  0.93  60   the same, validated on one group
 * agents   mini-swe-agent,swe-agent          agents the model was trained on (its domain)
 * term     COST_USD  group  -0.8  mean  sd   feature, scaling, coefficient, global mean and sd
 * group    swe-agent/gpt-4o  91  offset  mean  sd  mean  sd ...   per group-scaled term, in order
 * </pre>
 */
final class LogisticOutcomeModel implements OutcomeModel {
  static final String RESOURCE = "outcome-model.txt";

  /** How a term's feature is standardised. */
  enum Scale {
    /** Within the session's (agent, model) group, falling back to the agent, then to all runs. */
    GROUP,
    /** Over all training runs. */
    GLOBAL
  }

  /** One feature of the model, its scaling, coefficient and global statistics. */
  record Term(Feature feature, Scale scale, double coef, double mean, double sd) {}

  /**
   * A group's runs, its intercept offset (its fixed effect: how much likelier its runs succeed than
   * the average group's, all else equal) and its statistics for the group-scaled terms, in term
   * order.
   */
  record Stats(int n, double offset, double[] mean, double[] sd) {}

  /**
   * The validated bands: pSuccess at or above {@code successAt} is labelled SUCCESS, at or below
   * {@code failureAt} FAILURE; each with its precision and size on out-of-fold validation runs.
   * Infinite thresholds mean no band reached the required precision.
   */
  record Bands(
      double successAt,
      double successPrecision,
      int successRuns,
      double failureAt,
      double failurePrecision,
      int failureRuns) {
    /** No band: the label is always UNKNOWN. */
    static final Bands NONE =
        new Bands(Double.POSITIVE_INFINITY, Double.NaN, 0, Double.NEGATIVE_INFINITY, Double.NaN, 0);
  }

  private final String name;
  private final double lambda;
  private final double intercept;
  private final List<Term> terms;
  private final Map<String, Stats> groups;
  private final Set<String> agents;
  private final double plattA;
  private final double plattB;

  /** The bands by group key ({@code agent/model}, {@code agent/*}), {@code *} for all runs. */
  private final Map<String, Bands> bands;

  /** The key of the bands validated on all runs. */
  static final String ALL = "*";

  LogisticOutcomeModel(
      String name,
      double lambda,
      double intercept,
      List<Term> terms,
      Map<String, Stats> groups,
      Set<String> agents,
      double plattA,
      double plattB,
      Map<String, Bands> bands) {
    this.name = name;
    this.lambda = lambda;
    this.intercept = intercept;
    this.terms = List.copyOf(terms);
    this.groups = new LinkedHashMap<>(groups);
    this.agents = new TreeSet<>(agents);
    this.plattA = plattA;
    this.plattB = plattB;
    this.bands = new LinkedHashMap<>(bands);
    this.bands.putIfAbsent(ALL, Bands.NONE);
  }

  static LogisticOutcomeModel bundled() {
    return Bundled.INSTANCE;
  }

  /** This model with calibration {@code (a, b)} and {@code bands} (by group key, {@link #ALL}). */
  LogisticOutcomeModel calibrated(double a, double b, Map<String, Bands> bands) {
    return new LogisticOutcomeModel(name, lambda, intercept, terms, groups, agents, a, b, bands);
  }

  /** This model under another name. */
  LogisticOutcomeModel named(String newName) {
    return new LogisticOutcomeModel(
        newName, lambda, intercept, terms, groups, agents, plattA, plattB, bands);
  }

  @Override
  public String name() {
    return name;
  }

  /** The L2 penalty the model was trained with. */
  double lambda() {
    return lambda;
  }

  /** The group keys the model has statistics for ({@code agent/model}, {@code agent/*}). */
  Set<String> groupKeys() {
    return java.util.Collections.unmodifiableSet(groups.keySet());
  }

  /** The bands validated on all runs. */
  Bands bands() {
    return bands.get(ALL);
  }

  /**
   * The bands a session of {@code agent} on {@code model} is labelled by: those validated on its
   * own group only. A band's precision holds for the runs it was validated on, and a model the
   * training runs did not include has its own base rate (SWE-agent's pooled runs resolve 6% of Java
   * tasks; gpt-4 on SWE-bench's own test repositories resolves most), so an unseen model or agent
   * gets no band: UNKNOWN, with pSuccess shown.
   */
  Bands bandsFor(String agent, String model) {
    Bands b = bands.get(agent + "/" + model);
    return b != null ? b : Bands.NONE;
  }

  List<Term> terms() {
    return terms;
  }

  @Override
  public boolean covers(String agent) {
    return agents.contains(agent);
  }

  @Override
  public double pSuccess(double[] features) {
    return pSuccess(features, "", "");
  }

  @Override
  public double pSuccess(double[] features, String agent, String model) {
    if (features.length != Feature.COUNT) {
      throw new IllegalArgumentException(
          "features must have length " + Feature.COUNT + ", was " + features.length);
    }
    return sigmoid(plattA * logit(features, agent, model) + plattB);
  }

  @Override
  public Estimate estimate(double[] features, String agent, String model) {
    Bands bands = bandsFor(agent, model);
    return new Estimate(
        pSuccess(features, agent, model),
        covers(agent) ? PSuccessBasis.MODEL : PSuccessBasis.OUT_OF_DOMAIN,
        bands.successAt(),
        bands.successPrecision(),
        bands.failureAt(),
        bands.failurePrecision());
  }

  /** The uncalibrated logit. */
  double logit(double[] x, String agent, String model) {
    Stats g = statsFor(agent, model);
    double z = intercept + (g == null ? 0 : g.offset());
    int k = 0;
    for (Term t : terms) {
      double v = x[t.feature().ordinal()];
      double mean = t.mean();
      double sd = t.sd();
      if (t.scale() == Scale.GROUP) {
        if (g != null) {
          mean = g.mean()[k];
          sd = g.sd()[k];
        }
        k++;
      }
      z += t.coef() * (sd > 0 ? (v - mean) / sd : 0);
    }
    return z;
  }

  /** The statistics a session of {@code agent} on {@code model} is standardised with, or null. */
  Stats statsFor(String agent, String model) {
    Stats g = groups.get(agent + "/" + model);
    return g != null ? g : groups.get(agent + "/*");
  }

  /** The signed coefficient of each feature (0 for features the model does not use). */
  double[] coefficients() {
    double[] c = new double[Feature.COUNT];
    for (Term t : terms) {
      c[t.feature().ordinal()] = t.coef();
    }
    return c;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** The text form that {@link #read} reads back. */
  String write() {
    StringBuilder b = new StringBuilder();
    b.append("# TokenSieve outcome model: Platt-calibrated logistic regression on real labelled\n");
    b.append(
        "# agent runs (SWE-bench and Multi-SWE-bench); group terms are z-scored per agent/model.\n");
    b.append("# Regenerate from the repository root: java -jar cli/target/tokensieve.jar train\n");
    b.append("name\t").append(name).append('\n');
    b.append("lambda\t").append(num(lambda)).append('\n');
    b.append("intercept\t").append(num(intercept)).append('\n');
    b.append("platt\t").append(num(plattA)).append('\t').append(num(plattB)).append('\n');
    Bands all = bands.get(ALL);
    b.append("success\t").append(num(all.successAt())).append('\t');
    b.append(num(all.successPrecision())).append('\t').append(all.successRuns()).append('\n');
    b.append("failure\t").append(num(all.failureAt())).append('\t');
    b.append(num(all.failurePrecision())).append('\t').append(all.failureRuns()).append('\n');
    for (Map.Entry<String, Bands> e : bands.entrySet()) {
      if (e.getKey().equals(ALL)) {
        continue;
      }
      Bands g = e.getValue();
      b.append("bands\t").append(e.getKey());
      b.append('\t').append(num(g.successAt())).append('\t').append(num(g.successPrecision()));
      b.append('\t').append(g.successRuns());
      b.append('\t').append(num(g.failureAt())).append('\t').append(num(g.failurePrecision()));
      b.append('\t').append(g.failureRuns()).append('\n');
    }
    b.append("agents\t").append(String.join(",", agents)).append('\n');
    for (Term t : terms) {
      b.append("term\t").append(t.feature().name()).append('\t');
      b.append(t.scale().name().toLowerCase(Locale.ROOT)).append('\t').append(num(t.coef()));
      b.append('\t').append(num(t.mean())).append('\t').append(num(t.sd())).append('\n');
    }
    for (Map.Entry<String, Stats> g : groups.entrySet()) {
      b.append("group\t").append(g.getKey()).append('\t').append(g.getValue().n());
      b.append('\t').append(num(g.getValue().offset()));
      for (int k = 0; k < g.getValue().mean().length; k++) {
        b.append('\t').append(num(g.getValue().mean()[k]));
        b.append('\t').append(num(g.getValue().sd()[k]));
      }
      b.append('\n');
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
    double[] platt = {1, 0};
    Map<String, Bands> bands = new LinkedHashMap<>();
    double[] success = null;
    double[] failure = null;
    Set<String> agents = new TreeSet<>();
    List<Term> terms = new ArrayList<>();
    Map<String, Stats> groups = new LinkedHashMap<>();
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
          switch (f[0]) {
            case "name" -> name = body.substring(4).strip();
            case "lambda" -> lambda = Double.parseDouble(field(f, 1, 2));
            case "intercept" -> intercept = Double.parseDouble(field(f, 1, 2));
            case "platt" -> platt = numbers(f, 3);
            case "success" -> success = numbers(f, 4);
            case "failure" -> failure = numbers(f, 4);
            case "bands" -> {
              double[] v = numbers(f, 8, 2);
              bands.put(f[1], new Bands(v[0], v[1], (int) v[2], v[3], v[4], (int) v[5]));
            }
            case "agents" -> { // a model trained on no agent writes an empty list
              if (f.length > 1) {
                agents.addAll(Arrays.asList(field(f, 1, 2).split(",")));
              }
            }
            case "term" -> {
              double[] v = numbers(f, 6, 3);
              terms.add(
                  new Term(
                      Feature.valueOf(f[1]),
                      Scale.valueOf(f[2].toUpperCase(Locale.ROOT)),
                      v[0],
                      v[1],
                      v[2]));
            }
            case "group" -> {
              long grouped = terms.stream().filter(t -> t.scale() == Scale.GROUP).count();
              double[] v = numbers(f, (int) (4 + 2 * grouped), 3);
              double[] mean = new double[(int) grouped];
              double[] sd = new double[(int) grouped];
              for (int k = 0; k < grouped; k++) {
                mean[k] = v[1 + 2 * k];
                sd[k] = v[2 + 2 * k];
              }
              groups.put(f[1], new Stats(Integer.parseInt(f[2]), v[0], mean, sd));
            }
            default -> throw new IllegalArgumentException("unknown item " + f[0]);
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
    if (success != null && failure != null) {
      bands.put(
          ALL,
          new Bands(
              success[0], success[1], (int) success[2], failure[0], failure[1], (int) failure[2]));
    }
    return new LogisticOutcomeModel(
        name, lambda, intercept, terms, groups, agents, platt[0], platt[1], bands);
  }

  private static String field(String[] f, int i, int length) {
    if (f.length != length) {
      throw new IllegalArgumentException("expected " + length + " fields, was " + f.length);
    }
    return f[i];
  }

  private static double[] numbers(String[] f, int length) {
    return numbers(f, length, 1);
  }

  /** Fields {@code from..length-1} of {@code f} as numbers; {@code f} must have length fields. */
  private static double[] numbers(String[] f, int length, int from) {
    field(f, 0, length);
    double[] v = new double[length - from];
    for (int i = from; i < length; i++) {
      v[i - from] = Double.parseDouble(f[i]);
    }
    return v;
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
