package dev.tokensieve.parsers.prices;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.tokensieve.core.price.ModelPrice;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.parsers.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads LiteLLM's {@code model_prices_and_context_window.json} into a {@link PriceBook}.
 *
 * <p>Per model it reads {@code input_cost_per_token}, {@code output_cost_per_token}, {@code
 * cache_creation_input_token_cost} (5-minute writes; 0 if absent, as OpenAI and Google do not
 * charge writes), {@code cache_creation_input_token_cost_above_1hr} (1-hour writes; if absent twice
 * the input price, Anthropic's rate and ccusage's assumption), {@code cache_read_input_token_cost}
 * (if absent the input price) and the {@code *_above_200k_tokens} variants, which become a
 * long-context tier above 200,000 tokens. Entries without input and output prices (embeddings,
 * images, {@code sample_spec}) are skipped. A plain key ({@code claude-sonnet-4-5}) wins over a
 * provider-qualified one ({@code bedrock/...}) with the same model name; among qualified keys the
 * first in sorted order wins.
 */
public final class LiteLlmPrices {
  /** The context size above which LiteLLM's {@code *_above_200k_tokens} prices apply. */
  public static final long LONG_CONTEXT_THRESHOLD = 200_000;

  private LiteLlmPrices() {}

  /**
   * Reads a LiteLLM price file.
   *
   * @param source names the file in error messages
   * @throws IllegalArgumentException naming the source, line and problem if it is not LiteLLM JSON
   */
  public static PriceBook read(InputStream in, String source) {
    Map<String, Map<String, Double>> models = new TreeMap<>();
    try (JsonParser p = Json.FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException(source + ": expected a JSON object of models");
      }
      for (String model = p.nextFieldName(); model != null; model = p.nextFieldName()) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        Map<String, Double> fields = new TreeMap<>();
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
          JsonToken t = p.nextToken();
          if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            fields.put(f, p.getDoubleValue());
          } else {
            p.skipChildren();
          }
        }
        models.put(model, fields);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s:%d: %s",
              source,
              e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
              e.getOriginalMessage()),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read price file " + source, e);
    }
    return toBook(models, source);
  }

  private static PriceBook toBook(Map<String, Map<String, Double>> models, String source) {
    List<ModelPrice> qualified = new ArrayList<>();
    List<ModelPrice> plain = new ArrayList<>();
    Set<String> plainNames = new HashSet<>();
    Set<String> qualifiedNames = new HashSet<>();
    for (Map.Entry<String, Map<String, Double>> e : models.entrySet()) {
      String key = e.getKey();
      ModelPrice price;
      try {
        price = price(key, e.getValue());
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(source + ": model " + key + ": " + ex.getMessage(), ex);
      }
      if (price == null) {
        continue;
      }
      if (key.indexOf('/') < 0) {
        plain.add(price);
        plainNames.add(key.toLowerCase(Locale.ROOT));
      } else {
        qualified.add(price);
      }
    }
    List<ModelPrice> all = new ArrayList<>();
    for (ModelPrice q : qualified) {
      String name = q.model().substring(q.model().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      if (!plainNames.contains(name) && qualifiedNames.add(name)) {
        all.add(q);
      }
    }
    all.addAll(plain);
    return PriceBook.of(all);
  }

  private static @Nullable ModelPrice price(String model, Map<String, Double> f) {
    Double in = f.get("input_cost_per_token");
    Double out = f.get("output_cost_per_token");
    if (in == null || out == null) {
      return null;
    }
    double cw5 = f.getOrDefault("cache_creation_input_token_cost", 0d);
    double cw1 = f.getOrDefault("cache_creation_input_token_cost_above_1hr", 2 * in);
    double read = f.getOrDefault("cache_read_input_token_cost", in);
    ModelPrice.Rates base = new ModelPrice.Rates(in, out, cw5, cw1, read);
    Double longIn = f.get("input_cost_per_token_above_200k_tokens");
    if (longIn == null) {
      return ModelPrice.flat(model, base);
    }
    ModelPrice.Rates tier =
        new ModelPrice.Rates(
            longIn,
            f.getOrDefault("output_cost_per_token_above_200k_tokens", out),
            f.getOrDefault("cache_creation_input_token_cost_above_200k_tokens", cw5),
            f.getOrDefault(
                "cache_creation_input_token_cost_above_1hr_above_200k_tokens", 2 * longIn),
            f.getOrDefault("cache_read_input_token_cost_above_200k_tokens", read));
    return new ModelPrice(model, base, LONG_CONTEXT_THRESHOLD, tier);
  }
}
