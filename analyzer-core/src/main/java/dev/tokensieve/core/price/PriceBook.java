package dev.tokensieve.core.price;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Model prices: the bundled table, optionally overridden by a user's file.
 *
 * <p>Lookup normalises the model name the way traces spell it: provider prefixes ({@code
 * anthropic/}, {@code openrouter/openai/}, {@code models/}), region prefixes of Bedrock ids ({@code
 * us.anthropic.}), version suffixes ({@code -v1:0}) and, failing an exact match, a date suffix
 * ({@code -20250929}). A model that still has no price is unpriced: callers report it as such and
 * never count it as $0. Thread-safe.
 *
 * <p>The table format (bundled {@code prices.tsv}, also accepted by {@code --prices}) is one model
 * a line, tab- or whitespace-separated, prices in USD per million tokens: {@code model input output
 * cache_write_5m cache_write_1h cache_read [long_threshold long_input long_output long_cw5m
 * long_cw1h long_cache_read]}; {@code #} starts a comment.
 */
public final class PriceBook {
  private static final Pattern DATE_SUFFIX = Pattern.compile("-(20\\d{6}|\\d{4}-\\d{2}-\\d{2})$");
  private static final Pattern BEDROCK_VERSION = Pattern.compile("-v\\d+(:\\d+)?$");
  private static final Pattern SEPARATOR = Pattern.compile("[\\t ]+");

  private final Map<String, ModelPrice> prices;
  private final Map<String, Optional<ModelPrice>> resolved = new ConcurrentHashMap<>();

  private PriceBook(Map<String, ModelPrice> prices) {
    this.prices = Map.copyOf(prices);
  }

  /** The table bundled with TokenSieve. */
  public static PriceBook bundled() {
    return Bundled.INSTANCE;
  }

  /** A price book holding exactly {@code prices}. */
  public static PriceBook of(Collection<ModelPrice> prices) {
    Map<String, ModelPrice> map = new LinkedHashMap<>();
    for (ModelPrice p : prices) {
      map.put(normalise(p.model()), p);
    }
    return new PriceBook(map);
  }

  /** This book with {@code overrides} replacing or adding models. */
  public PriceBook with(PriceBook overrides) {
    Map<String, ModelPrice> map = new LinkedHashMap<>(prices);
    map.putAll(overrides.prices);
    return new PriceBook(map);
  }

  /** Every model this book prices. */
  public Collection<ModelPrice> all() {
    return prices.values();
  }

  /** The price of {@code model}, if this book knows it. */
  public Optional<ModelPrice> find(String model) {
    requireNonNull(model, "model");
    return resolved.computeIfAbsent(model, this::resolve);
  }

  /** The cost of {@code usage} on {@code model}, or empty if the model is unpriced. */
  public OptionalDouble cost(String model, Usage usage) {
    Optional<ModelPrice> p = find(model);
    return p.isPresent() ? OptionalDouble.of(p.get().cost(usage)) : OptionalDouble.empty();
  }

  private Optional<ModelPrice> resolve(String model) {
    String key = normalise(model);
    ModelPrice p = prices.get(key);
    if (p == null) {
      p = prices.get(DATE_SUFFIX.matcher(key).replaceFirst(""));
    }
    if (p == null) {
      // "claude-sonnet-4-5-20250929-thinking" or "gpt-5.1-codex-max-xhigh": longest known prefix
      String best = null;
      for (String k : prices.keySet()) {
        if (key.startsWith(k + "-") && (best == null || k.length() > best.length())) {
          best = k;
        }
      }
      p = best == null ? null : prices.get(best);
    }
    return Optional.ofNullable(p);
  }

  /** Lower-cases and strips provider, region and version decorations from a model name. */
  static String normalise(String model) {
    String m = model.trim().toLowerCase(Locale.ROOT);
    int slash = m.lastIndexOf('/');
    if (slash >= 0) {
      m = m.substring(slash + 1);
    }
    for (String prefix : new String[] {"us.", "eu.", "apac.", "global."}) {
      if (m.startsWith(prefix)) {
        m = m.substring(prefix.length());
      }
    }
    for (String prefix : new String[] {"anthropic.", "openai.", "google."}) {
      if (m.startsWith(prefix)) {
        m = m.substring(prefix.length());
      }
    }
    int at = m.indexOf('@'); // Vertex: claude-sonnet-4-5@20250929
    if (at > 0) {
      m = m.substring(0, at);
    }
    return BEDROCK_VERSION.matcher(m).replaceFirst("");
  }

  /**
   * Reads a table in the bundled format.
   *
   * @param source names the table in error messages
   * @throws IllegalArgumentException naming the source and line of a malformed row
   */
  public static PriceBook parseTable(Reader in, String source) {
    List<ModelPrice> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(in)) {
      int lineNo = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        int hash = line.indexOf('#');
        String body = (hash >= 0 ? line.substring(0, hash) : line).trim();
        if (body.isEmpty()) {
          continue;
        }
        rows.add(parseRow(SEPARATOR.split(body), source, lineNo));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read price table " + source, e);
    }
    return of(rows);
  }

  private static ModelPrice parseRow(String[] f, String source, int line) {
    if (f.length != 6 && f.length != 12) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s:%d: expected 6 or 12 columns (model input output cw5m cw1h cache_read [tier]), was %d",
              source,
              line,
              f.length));
    }
    try {
      double[] v = new double[f.length - 1];
      for (int i = 1; i < f.length; i++) {
        v[i - 1] = Double.parseDouble(f[i]);
      }
      ModelPrice.Rates base = ModelPrice.Rates.perMillion(v[0], v[1], v[2], v[3], v[4]);
      if (f.length == 6) {
        return ModelPrice.flat(f[0], base);
      }
      ModelPrice.Rates tier = ModelPrice.Rates.perMillion(v[6], v[7], v[8], v[9], v[10]);
      return new ModelPrice(f[0], base, (long) v[5], tier);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s:%d: %s", source, line, e.getMessage()), e);
    }
  }

  private static final class Bundled {
    static final PriceBook INSTANCE = load();

    private static PriceBook load() {
      InputStream in = PriceBook.class.getResourceAsStream("prices.tsv");
      if (in == null) {
        throw new IllegalStateException("bundled prices.tsv is missing from the jar");
      }
      return parseTable(new InputStreamReader(in, StandardCharsets.UTF_8), "bundled prices.tsv");
    }
  }
}
