package dev.tokensieve.parsers.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.price.ModelPrice;
import dev.tokensieve.core.price.PriceBook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PriceFilesTest {
  private static final String LITELLM =
      """
      {
        "sample_spec": {"max_tokens": "LEGACY", "input_cost_per_token": 0, "output_cost_per_token": 0},
        "claude-sonnet-4-5": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
          "cache_creation_input_token_cost": 3.75e-06, "cache_read_input_token_cost": 3e-07,
          "input_cost_per_token_above_200k_tokens": 6e-06,
          "output_cost_per_token_above_200k_tokens": 2.25e-05,
          "cache_creation_input_token_cost_above_200k_tokens": 7.5e-06,
          "cache_read_input_token_cost_above_200k_tokens": 6e-07,
          "litellm_provider": "anthropic", "mode": "chat"},
        "bedrock/eu/claude-sonnet-4-5": {"input_cost_per_token": 9, "output_cost_per_token": 9},
        "openrouter/x-ai/grok-9": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
        "text-embedding-3": {"input_cost_per_token": 1e-07, "mode": "embedding"}
      }
      """;

  @Test
  void liteLlmJson_becomesRatesWithALongContextTier(@TempDir Path dir) throws IOException {
    PriceBook book = PriceFiles.load(Files.writeString(dir.resolve("p.json"), LITELLM));
    ModelPrice sonnet = book.find("claude-sonnet-4-5-20250929").orElseThrow();
    assertThat(sonnet.base()).isEqualTo(new ModelPrice.Rates(3e-6, 1.5e-5, 3.75e-6, 6e-6, 3e-7));
    assertThat(sonnet.longContextThreshold()).isEqualTo(200_000);
    assertThat(sonnet.longContext())
        .isEqualTo(new ModelPrice.Rates(6e-6, 2.25e-5, 7.5e-6, 1.2e-5, 6e-7));
    ModelPrice grok = book.find("grok-9").orElseThrow();
    assertThat(grok.base()).isEqualTo(new ModelPrice.Rates(1e-6, 2e-6, 0, 2e-6, 1e-6));
    assertThat(book.find("text-embedding-3")).isEmpty();
    assertThat(book.cost("claude-sonnet-4-5", new Usage(1_000_000, 0, 0, 0, 0, 0)).getAsDouble())
        .isCloseTo(6.0, within(1e-9));
  }

  @Test
  void tsvFile_isReadInTheBundledFormat(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("p.tsv"), "# mine\nmy-model 1 2 3 4 5\n");
    assertThat(PriceFiles.load(f).find("my-model").orElseThrow().base())
        .isEqualTo(ModelPrice.Rates.perMillion(1, 2, 3, 4, 5));
  }

  @Test
  void malformedJson_failsNamingFileAndLine(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("p.json"), "{\n\"a\": {\"input_cost_per_token\": }\n}");
    assertThatThrownBy(() -> PriceFiles.load(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(f + ":2: Unexpected character ('}'");
  }
}
