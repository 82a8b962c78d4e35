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
 * <p>CSV, one session a line: {@code source,id,success,<Feature names...>}. Columns are found by
 * name, so a set written before a feature was added still reads (the new feature is 0).
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

  /**
   * One labelled session.
   *
   * @param source where it came from ({@code swebench-mini-swe-agent}, {@code synthetic})
   * @param id the session id
   * @param success whether it succeeded
   * @param features indexed by {@link Feature#ordinal()}
   */
  public record Example(String source, String id, boolean success, double[] features) {
    /** Checks the feature count and copies the vector. */
    public Example {
      requireNonNull(source, "source");
      requireNonNull(id, "id");
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
    for (Feature f : Feature.values()) {
      b.append(',').append(f.name());
    }
    b.append('\n');
    for (Example e : examples) {
      b.append(e.source()).append(',').append(e.id()).append(',').append(e.success() ? 1 : 0);
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
      for (int i = 0; i < names.length; i++) {
        column[i] = i < 3 ? -1 : featureIndex(names[i], source);
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
            x[column[i]] = Double.parseDouble(cells[i]);
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(source + ":" + lineNo + ": " + e.getMessage(), e);
        }
        out.add(new Example(cells[0], cells[1], cells[2].equals("1"), x));
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
