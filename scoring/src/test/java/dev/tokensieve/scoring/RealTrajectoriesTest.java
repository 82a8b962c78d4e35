package dev.tokensieve.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SessionId;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.core.report.SignalKind;
import dev.tokensieve.scoring.outcome.OutcomesFile;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pipeline on 40 real SWE-bench mini-swe-agent trajectories with their resolved outcomes. */
final class RealTrajectoriesTest {
  static Iterable<String> ids() {
    return MiniSweTrajectories.ids();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void analyze_externalOutcomeDecides_andSpendAddsUp(String id) {
    Map<SessionId, Boolean> resolved = new LinkedHashMap<>();
    MiniSweTrajectories.outcomes().forEach((k, v) -> resolved.put(new SessionId(k), v));
    SessionAnalyzer analyzer =
        SessionAnalyzer.standard(PriceBook.bundled())
            .withOutcomes(OutcomesFile.of(resolved, "outcomes.json"));
    Session s = MiniSweTrajectories.read(id);
    SessionReport r = analyzer.analyze(s);
    boolean ok = resolved.get(new SessionId(id));
    assertThat(r.outcome().label()).isEqualTo(ok ? OutcomeLabel.SUCCESS : OutcomeLabel.FAILURE);
    assertThat(r.outcome().signals())
        .extracting(sig -> sig.kind())
        .contains(
            SignalKind.TASK_COMPLETED,
            ok ? SignalKind.EXTERNAL_SUCCESS : SignalKind.EXTERNAL_FAILURE);
    assertThat(r.spend().tokens()).isEqualTo(s.usage().total());
    assertThat(r.spend().costUsd()).isCloseTo(r.costUsd(), within(1e-6));
    assertThat(r.reportedCostUsd()).isNotNull();
    if (!ok) {
      assertThat(r.spend().productive().tokens()).isZero();
    }
  }
}
