package dev.tokensieve.core.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tokensieve.core.model.Usage;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

final class PriceBookTest {
  private final PriceBook book = PriceBook.bundled();

  @Test
  void find_resolvesNamesTheWayTracesSpellThem() {
    assertThat(book.find("claude-sonnet-4-5-20250929").orElseThrow().model())
        .isEqualTo("claude-sonnet-4-5");
    assertThat(book.find("us.anthropic.claude-opus-4-6-v1:0").orElseThrow().model())
        .isEqualTo("claude-opus-4-6");
    assertThat(book.find("claude-sonnet-4-5@20250929").orElseThrow().model())
        .isEqualTo("claude-sonnet-4-5");
    assertThat(book.find("openrouter/openai/gpt-5").orElseThrow().model()).isEqualTo("gpt-5");
    assertThat(book.find("gpt-5-mini-2025-08-07").orElseThrow().model()).isEqualTo("gpt-5-mini");
  }

  @Test
  void find_unknownModel_isUnpriced_neverZero() {
    assertThat(book.find("acme-llm-9")).isEmpty();
    assertThat(book.cost("acme-llm-9", Usage.of(1000, 1000))).isEmpty();
  }

  @Test
  void longContextRequest_isBilledWhollyAtTheLongRates_unlikeCcusage() {
    // 250k tokens of context on Sonnet 4.5: Anthropic bills the whole request at the >200k rates
    Usage u = new Usage(50_000, 0, 0, 200_000, 1_000, 0);

    double ours = book.cost("claude-sonnet-4-5-20250929", u).orElseThrow();

    double vendor = 50_000 * 6e-6 + 200_000 * 0.6e-6 + 1_000 * 22.5e-6;
    assertThat(ours).isCloseTo(vendor, within(1e-12));
    // ccusage prices only the tokens above 200k per kind at the higher rate; here no single kind
    // exceeds 200k, so it bills everything at the base rates: the deliberate difference
    double ccusage = 50_000 * 3e-6 + 200_000 * 0.3e-6 + 1_000 * 15e-6;
    assertThat(ours - ccusage).isCloseTo(0.2175, within(1e-9));
  }

  @Test
  void oneHourCacheWrites_costTwiceInput_fiveMinuteOnesAQuarterMore() {
    double cw5m = book.cost("claude-opus-4-6", new Usage(0, 1_000_000, 0, 0, 0, 0)).orElseThrow();
    double cw1h = book.cost("claude-opus-4-6", new Usage(0, 0, 1_000_000, 0, 0, 0)).orElseThrow();

    assertThat(cw5m).isCloseTo(6.25, within(1e-9));
    assertThat(cw1h).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void parseTable_badRow_namesSourceLineAndWhatWasWrong() {
    assertThatThrownBy(
            () -> PriceBook.parseTable(new StringReader("# prices\nmy-model 1 2 3\n"), "mine.tsv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "mine.tsv:2: expected 6 or 12 columns (model input output cw5m cw1h cache_read [tier]),"
                + " was 4");
    assertThatThrownBy(
            () -> PriceBook.parseTable(new StringReader("my-model 1 2 3 4 x\n"), "mine.tsv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("mine.tsv:1: ");
  }

  @Test
  void with_overridesAndAddsModels() {
    PriceBook mine =
        PriceBook.parseTable(
            new StringReader("claude-opus-4-6 1 2 0 0 0\nacme-llm-9 1 1 0 0 0\n"), "mine.tsv");

    PriceBook merged = book.with(mine);

    assertThat(merged.cost("claude-opus-4-6", Usage.of(1_000_000, 0)).orElseThrow())
        .isCloseTo(1.0, within(1e-9));
    assertThat(merged.find("acme-llm-9")).isPresent();
    assertThat(merged.find("gpt-5")).isPresent();
  }
}
