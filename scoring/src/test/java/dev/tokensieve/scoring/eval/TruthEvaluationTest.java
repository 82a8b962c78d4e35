package dev.tokensieve.scoring.eval;

import static org.assertj.core.api.Assertions.assertThat;

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

  private static final String HEAD = "{\"schema\": \"tokensieve.truth/v1\", \"sessions\": [\n";

  /** A truth document with one session whose findings are {@code finding} (on line 3). */
  private static String withFinding(String finding) {
    return HEAD
        + " {\"path\": \"a\", \"session\": \"s\", \"outcome\": \"SUCCESS\", \"findings\": [\n  "
        + finding
        + "]}]}";
  }

  private static String errorOf(String text) {
    try {
      TruthSet.parse("t.json", text);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("parsed: " + text);
  }

  @Test
  void parse_badEntries_sayFileLineAndWhat() {
    assertThat(
            errorOf(withFinding("{\"kind\": \"LOOPS\", \"firstRequest\": 0, \"lastRequest\": 1}")))
        .startsWith("t.json:3: unknown finding kind 'LOOPS', expected one of [RETRY_LOOP");
    assertThat(
            errorOf(
                withFinding("{\"kind\": \"RETRY_LOOP\", \"firstRequest\": 4, \"lastRequest\": 1}")))
        .isEqualTo("t.json:3: lastRequest 1 is before firstRequest 4");
    assertThat(
            errorOf(
                withFinding(
                    "{\"kind\": \"RETRY_LOOP\", \"firstRequest\": -1, \"lastRequest\": 1}")))
        .isEqualTo("t.json:3: firstRequest must be a request index (an integer >= 0), got -1");
    assertThat(errorOf(HEAD + " {\"path\": \"a\", \"outcome\": \"SUCCESS\"}]}"))
        .isEqualTo("t.json:2: a session entry needs a 'session' string");
    assertThat(
            errorOf(
                HEAD
                    + " {\"path\": \"a\", \"session\": \"s\", \"outcome\": \"SUCCESS\"},\n"
                    + " {\"path\": \"b\", \"session\": \"s\", \"outcome\": \"FAILURE\"}]}"))
        .isEqualTo("t.json:3: session 's' is annotated twice");
    assertThat(errorOf("{\"sessions\": []}"))
        .isEqualTo("t.json:1: schema is missing, expected 'tokensieve.truth/v1'");
    assertThat(errorOf("{\"schema\": \"tokensieve.truth/v1\",\n ["))
        .startsWith("t.json:2: not valid JSON: ");
  }
}
