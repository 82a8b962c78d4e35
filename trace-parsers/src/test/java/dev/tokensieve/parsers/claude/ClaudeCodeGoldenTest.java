package dev.tokensieve.parsers.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.parsers.Samples;
import dev.tokensieve.parsers.ScanSummary;
import dev.tokensieve.parsers.TraceScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our token and cost figures on the real samples equal ccusage's, session by session. */
final class ClaudeCodeGoldenTest {
  private static final Map<String, Session> SESSIONS = new TreeMap<>();
  private static ScanSummary summary;

  @BeforeAll
  static void scan() {
    summary =
        TraceScanner.create()
            .withThreads(2)
            .scan(
                List.of(Samples.resource("samples/claude-code")),
                s -> SESSIONS.put(s.id().value(), s));
  }

  record Expected(
      String id, long input, long output, long cacheWrite, long cacheRead, double cost) {}

  static Map<String, Expected> golden() throws IOException {
    Map<String, Expected> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Samples.resource("golden/claude-code-ccusage.tsv"))) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      out.put(
          f[0],
          new Expected(
              f[0],
              Long.parseLong(f[1]),
              Long.parseLong(f[2]),
              Long.parseLong(f[3]),
              Long.parseLong(f[4]),
              Double.parseDouble(f[5])));
    }
    return out;
  }

  @Test
  void scan_samples_readsEverySessionWithoutProblems() throws IOException {
    Map<String, Expected> golden = golden();
    golden.remove("TOTAL");
    assertThat(summary.problems()).isEmpty();
    assertThat(SESSIONS.keySet()).containsExactlyInAnyOrderElementsOf(golden.keySet());
  }

  @Test
  void tokens_equalCcusage_perSession() throws IOException {
    List<String> actual = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (Expected e : golden().values()) {
      if (e.id().equals("TOTAL")) {
        continue;
      }
      Usage u = SESSIONS.get(e.id()).usage();
      actual.add(
          e.id() + " " + u.input() + " " + u.output() + " " + u.cacheWrite() + " " + u.cacheRead());
      expected.add(
          e.id() + " " + e.input() + " " + e.output() + " " + e.cacheWrite() + " " + e.cacheRead());
    }
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void tokensAndCost_equalCcusage_inTotal() throws IOException {
    Expected total = golden().get("TOTAL");
    Usage sum = Usage.ZERO;
    double cost = 0;
    for (Session s : SESSIONS.values()) {
      sum = sum.plus(s.usage());
      cost += new PricedSession(s, PriceBook.bundled()).totalCost();
    }
    assertThat(new long[] {sum.input(), sum.output(), sum.cacheWrite(), sum.cacheRead()})
        .containsExactly(total.input(), total.output(), total.cacheWrite(), total.cacheRead());
    assertThat(cost).isCloseTo(total.cost(), within(1e-9));
  }

  @Test
  void cost_equalsCcusage_perSession() throws IOException {
    for (Expected e : golden().values()) {
      if (e.id().equals("TOTAL")) {
        continue;
      }
      PricedSession priced = new PricedSession(SESSIONS.get(e.id()), PriceBook.bundled());
      assertThat(priced.unpricedModels()).as(e.id()).isEmpty();
      assertThat(priced.totalCost()).as(e.id()).isCloseTo(e.cost(), within(1e-9));
    }
  }

  @Test
  void subAgentFilesWithoutParent_formTheirParentsSession() {
    Session s = SESSIONS.get("258c7280-ae70-4798-800f-63464d01a85d");
    assertThat(s.sources()).hasSize(2).allMatch(f -> f.contains("subagents"));
    assertThat(s.requests()).allMatch(r -> r.isSubAgent());
    assertThat(s.requests()).extracting(r -> r.agentId()).contains("a881341", "acompact-fffbd0");
  }

  @Test
  void prLink_becomesSessionAttribute() {
    Session s = SESSIONS.get("253fd5ef-38bf-4f4a-804a-98df5088a868");
    assertThat(s.attribute("pr.url")).hasValue("https://github.com/entireio/cli/pull/139");
    assertThat(s.project()).isEqualTo("/Users/alex/workspace/tmp/cli");
  }

  @Test
  void sampleSteps_includeInterruptsApiErrorsFailedToolsAndEdits() {
    List<dev.tokensieve.core.model.Step> all = new ArrayList<>();
    SESSIONS.values().forEach(s -> all.addAll(s.steps()));
    assertThat(all)
        .filteredOn(dev.tokensieve.core.model.Step.Interrupt.class::isInstance)
        .isNotEmpty();
    assertThat(all)
        .filteredOn(dev.tokensieve.core.model.Step.ApiError.class::isInstance)
        .isNotEmpty();
    assertThat(all)
        .filteredOn(dev.tokensieve.core.model.Step.ToolResult.class::isInstance)
        .map(dev.tokensieve.core.model.Step.ToolResult.class::cast)
        .anyMatch(r -> r.isError());
    assertThat(all).filteredOn(dev.tokensieve.core.model.Step.Edit.class::isInstance).isNotEmpty();
  }
}
