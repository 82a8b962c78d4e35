package dev.tokensieve.scoring.model;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Labelled feature vectors the outcome model learns from.
 *
 * <p>CSV, one session a line: {@code source,id,success,agent,model,repo,commit,run,<Feature
 * names...>}. Columns are found by name, so a set written before a feature was added still reads
 * (the new feature is 0), and the provenance columns may be absent (they are then empty).
 *
 * @param examples the labelled sessions
 */
public record TrainingSet(List<Example> examples) {
  /** The training set bundled with TokenSieve. */
  public static final String RESOURCE = "training-set.csv";

  /** Copies the examples. */
  public TrainingSet {
    examples = List.copyOf(examples);
  }

  /** The provenance columns, in the order {@link #toCsv} writes them. */
  static final List<String> ORIGIN_COLUMNS = List.of("agent", "model", "repo", "commit", "run");

  /**
   * Where a labelled run comes from.
   *
   * @param agent the agent that ran it ({@code swe-agent}, {@code mini-swe-agent})
   * @param model the model the agent ran on, as the run names it
   * @param repo the public repository it was read from ({@code owner/name})
   * @param commit the commit of that repository
   * @param run the run's folder in that repository
   */
  public record Origin(String agent, String model, String repo, String commit, String run) {
    /** An origin that names nothing. */
    public static final Origin UNKNOWN = new Origin("", "", "", "", "");

    /** Checks that no field is null or holds a comma or line break (the CSV has no quoting). */
    public Origin {
      for (String v : List.of(agent, model, repo, commit, run)) {
        requireNonNull(v, "origin field");
        if (v.contains(",") || v.contains("\n")) {
          throw new IllegalArgumentException("origin fields may not hold ',' or a newline: " + v);
        }
      }
    }

    /** The (agent, model) group the outcome model normalises by: {@code agent/model}. */
    public String group() {
      return agent + "/" + model;
    }

    List<String> values() {
      return List.of(agent, model, repo, commit, run);
    }
  }

  /**
   * One labelled session.
   *
   * @param source where it came from (a run's folder name, {@code synthetic})
   * @param id the session id (for SWE-bench runs the task's instance id)
   * @param success whether it succeeded
   * @param features indexed by {@link Feature#ordinal()}
   * @param origin its provenance
   */
  public record Example(
      String source, String id, boolean success, double[] features, Origin origin) {
    /** An example with no provenance. */
    public Example(String source, String id, boolean success, double[] features) {
      this(source, id, success, features, Origin.UNKNOWN);
    }

    /** Checks the feature count and copies the vector. */
    public Example {
      requireNonNull(source, "source");
      requireNonNull(id, "id");
      requireNonNull(origin, "origin");
      if (features.length != Feature.COUNT) {
        throw new IllegalArgumentException(
            "features must have length " + Feature.COUNT + ", was " + features.length);
      }
      features = features.clone();
    }

    @Override
    public double[] features() {
      return features.clone();
    }
  }

  /** The bundled set. */
  public static TrainingSet bundled() {
    InputStream in = TrainingSet.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("bundled " + RESOURCE + " is missing from the jar");
    }
    return read(new InputStreamReader(in, StandardCharsets.UTF_8), "bundled " + RESOURCE);
  }

  /** The examples whose source is {@code source}. */
  public TrainingSet only(String source) {
    return new TrainingSet(examples.stream().filter(e -> e.source().equals(source)).toList());
  }

  /** The number of examples. */
  public int size() {
    return examples.size();
  }

  /** The feature matrix, one row per example. */
  double[][] x() {
    double[][] x = new double[examples.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = examples.get(i).features;
    }
    return x;
  }

  /** The labels, 1 for success. */
  int[] y() {
    int[] y = new int[examples.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = examples.get(i).success() ? 1 : 0;
    }
    return y;
  }

  /** The CSV form that {@link #read} reads back. */
  public String toCsv() {
    StringBuilder b = new StringBuilder("source,id,success");
    ORIGIN_COLUMNS.forEach(c -> b.append(',').append(c));
    for (Feature f : Feature.values()) {
      b.append(',').append(f.name());
    }
    b.append('\n');
    for (Example e : examples) {
      b.append(e.source()).append(',').append(e.id()).append(',').append(e.success() ? 1 : 0);
      e.origin().values().forEach(v -> b.append(',').append(v));
      for (double v : e.features) {
        b.append(',').append(String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1"));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /**
   * Reads the CSV form.
   *
   * @throws IllegalArgumentException naming {@code source} and the line of a malformed row
   */
  public static TrainingSet read(Reader in, String source) {
    List<Example> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(in)) {
      String header = r.readLine();
      if (header == null) {
        throw new IllegalArgumentException(source + ": empty training set");
      }
      String[] names = header.split(",");
      int[] column = new int[names.length];
      int[] origin = new int[ORIGIN_COLUMNS.size()];
      java.util.Arrays.fill(origin, -1);
      for (int i = 0; i < names.length; i++) {
        int o = ORIGIN_COLUMNS.indexOf(names[i].strip());
        if (o >= 0) {
          origin[o] = i;
        }
        column[i] = i < 3 || o >= 0 ? -1 : featureIndex(names[i], source);
      }
      int lineNo = 1;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length != names.length) {
          throw new IllegalArgumentException(
              source
                  + ":"
                  + lineNo
                  + ": expected "
                  + names.length
                  + " columns, was "
                  + cells.length);
        }
        double[] x = new double[Feature.COUNT];
        try {
          for (int i = 3; i < cells.length; i++) {
            if (column[i] >= 0) {
              x[column[i]] = Double.parseDouble(cells[i]);
            }
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(source + ":" + lineNo + ": " + e.getMessage(), e);
        }
        String[] o = new String[origin.length];
        for (int i = 0; i < o.length; i++) {
          o[i] = origin[i] < 0 ? "" : cells[origin[i]];
        }
        out.add(
            new Example(
                cells[0],
                cells[1],
                cells[2].equals("1"),
                x,
                new Origin(o[0], o[1], o[2], o[3], o[4])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read training set " + source, e);
    }
    return new TrainingSet(out);
  }

  private static int featureIndex(String name, String source) {
    try {
      return Feature.valueOf(name.strip()).ordinal();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ":1: unknown feature " + name, e);
    }
  }
}
