package dev.tokensieve.scoring.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.core.testing.TraceBuilder;
import dev.tokensieve.scoring.SessionAnalyzer;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TruthEvaluationTest {
  private static final String FAILURE = "FAILED tests/test_api.py::test_sum - assert 3 == 4";

  private static SessionReport loop(String id) {
    // requests 0-2 run the same failing test three times: a RETRY_LOOP over [0, 2]
    TraceBuilder b = TraceBuilder.session(id).user("make the test pass");
    for (int i = 0; i < 3; i++) {
      b.bashFails("pytest tests/test_api.py", FAILURE);
    }
    return SessionAnalyzer.standard(PriceBook.bundled()).analyze(b.answer(50).build());
  }

  @Test
  void of_countsOverlapsAsMatches_andEachTruthEntryOnce() {
    TruthSet truth =
        TruthSet.parse(
            "t.json",
            "{\"schema\": \"tokensieve.truth/v1\", \"sessions\": [\n"
                + " {\"path\": \"a\", \"session\": \"hit\", \"outcome\": \"FAILURE\", \"findings\": [\n"
                + "   {\"kind\": \"RETRY_LOOP\", \"firstRequest\": 2, \"lastRequest\": 3},\n"
                + "   {\"kind\": \"CACHE_MISS\", \"firstRequest\": 1, \"lastRequest\": 1}]},\n"
                + " {\"path\": \"b\", \"session\": \"elsewhere\", \"outcome\": \"UNKNOWN\", \"findings\": [\n"
                + "   {\"kind\": \"RETRY_LOOP\", \"firstRequest\": 3, \"lastRequest\": 3}]},\n"
                + " {\"path\": \"c\", \"session\": \"gone\", \"outcome\": \"SUCCESS\"}]}");
    Map<String, SessionReport> reports = Map.of("hit", loop("hit"), "elsewhere", loop("elsewhere"));

    TruthEvaluation e = TruthEvaluation.of(truth, reports);

    assertThat(e.sessions()).isEqualTo(2);
    assertThat(e.missing()).containsExactly("gone (c)");
    // the loop is found over [0, 2]: it overlaps "hit"'s [2, 3] and misses "elsewhere"'s [3, 3]
    assertThat(e.score(FindingKind.RETRY_LOOP)).isEqualTo(new DetectorEvaluation.Score(1, 1, 1));
    assertThat(e.score(FindingKind.RETRY_LOOP).precision()).isEqualTo(0.5);
    assertThat(e.score(FindingKind.CACHE_MISS)).isEqualTo(new DetectorEvaluation.Score(0, 0, 1));
    assertThat(e.score(FindingKind.CACHE_MISS).recall()).isZero();
    assertThat(e.falsePositives())
        .filteredOn(m -> m.kind() == FindingKind.RETRY_LOOP)
        .extracting(TruthEvaluation.Miss::session, TruthEvaluation.Miss::firstRequest)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("elsewhere", 0));
    int counted = 0;
    for (OutcomeLabel t : OutcomeLabel.values()) {
      for (OutcomeLabel v : OutcomeLabel.values()) {
        counted += e.confusion(t, v);
      }
    }
    assertThat(counted).isEqualTo(2);
    assertThat(e.toMap()).containsKeys("kinds", "outcome", "falsePositives", "falseNegatives");
  }

  @Test
  void parse_badEntries_sayFileLineAndWhat() {
    String head = "{\"schema\": \"tokensieve.truth/v1\", \"sessions\": [\n";
    assertThatThrownBy(
            () ->
                TruthSet.parse(
                    "t.json",
                    head
                        + " {\"path\": \"a\", \"session\": \"s\", \"outcome\": \"SUCCESS\","
                        + " \"findings\": [\n  {\"kind\": \"LOOPS\", \"firstRequest\": 0,"
                        + " \"lastRequest\": 1}]}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "t.json:3: unknown finding kind 'LOOPS', expected one of [RETRY_LOOP");
    assertThatThrownBy(
            () ->
                TruthSet.parse(
                    "t.json",
                    head
                        + " {\"path\": \"a\", \"session\": \"s\", \"outcome\": \"SUCCESS\","
                        + " \"findings\": [\n  {\"kind\": \"RETRY_LOOP\", \"firstRequest\": 4,"
                        + " \"lastRequest\": 1}]}]}"))
        .hasMessage("t.json:3: lastRequest 1 is before firstRequest 4");
    assertThatThrownBy(
            () -> TruthSet.parse("t.json", head + " {\"path\": \"a\", \"outcome\": \"SUCCESS\"}]}"))
        .hasMessage("t.json:2: a session entry needs a 'session' string");
    assertThatThrownBy(
            () ->
                TruthSet.parse(
                    "t.json",
                    head
                        + " {\"path\": \"a\", \"session\": \"s\", \"outcome\": \"SUCCESS\"},\n"
                        + " {\"path\": \"b\", \"session\": \"s\", \"outcome\": \"FAILURE\"}]}"))
        .hasMessage("t.json:3: session 's' is annotated twice");
    assertThatThrownBy(() -> TruthSet.parse("t.json", "{\"sessions\": []}"))
        .hasMessage("t.json:1: schema is missing, expected 'tokensieve.truth/v1'");
    assertThatThrownBy(() -> TruthSet.parse("t.json", "{\"schema\": \"tokensieve.truth/v1\",\n ["))
        .hasMessageStartingWith("t.json:2: not valid JSON: ");
  }
}
