package dev.tokensieve.scoring.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokensieve.core.report.Outcome;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class OutcomeVerdictTest {
  private static List<OutcomeSignal> signals(SignalKind... kinds) {
    List<OutcomeSignal> out = new ArrayList<>();
    for (int i = 0; i < kinds.length; i++) {
      out.add(new OutcomeSignal(kinds[i], i, kinds[i].name()));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.2, 0.35, 0.36, 0.5, 0.64, 0.65, 0.9, 0.999, 1.0})
  void decide_labelNeverContradictsPSuccess_evenOnStrongFailureEvidence(double p) {
    // the mini-swe-agent case: submitted after a failing run of its own reproduction script
    List<OutcomeSignal> s =
        signals(
            SignalKind.TESTS_FAILED, SignalKind.ENDED_ON_FAILING_TESTS, SignalKind.TASK_COMPLETED);

    Outcome o = OutcomeVerdict.decide(s, p, Optional.empty());

    assertThat(o.pSuccess()).isEqualTo(p);
    OutcomeLabel expected =
        p >= OutcomeVerdict.SUCCESS_THRESHOLD
            ? OutcomeLabel.SUCCESS
            : p <= OutcomeVerdict.FAILURE_THRESHOLD ? OutcomeLabel.FAILURE : OutcomeLabel.UNKNOWN;
    assertThat(o.label()).isEqualTo(expected);
  }

  @Test
  void decide_noInformativeSignal_isUnknownWhateverTheModelSays() {
    Outcome o =
        OutcomeVerdict.decide(
            signals(SignalKind.INTERRUPT, SignalKind.NO_EDITS), 0.01, Optional.empty());

    assertThat(o.label()).isEqualTo(OutcomeLabel.UNKNOWN);
    assertThat(o.pSuccess()).isEqualTo(0.01);
  }

  @Test
  void decide_externalOutcome_decidesAndSetsPSuccess() {
    OutcomeSignal failed = new OutcomeSignal(SignalKind.EXTERNAL_FAILURE, 3, "resolved: false");

    Outcome o =
        OutcomeVerdict.decide(
            signals(SignalKind.TESTS_PASSED, SignalKind.COMMIT), 0.97, Optional.of(failed));

    assertThat(o.label()).isEqualTo(OutcomeLabel.FAILURE);
    assertThat(o.pSuccess()).isZero();
    assertThat(o.signals()).last().isEqualTo(failed);
  }

  @Test
  void decide_rejectsAProbabilityOutOfRange() {
    assertThatThrownBy(() -> OutcomeVerdict.decide(List.of(), 1.5, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pSuccess must be in [0, 1], was 1.5");
  }

  @Test
  void strongEvidence_passingTestsThenDelivery_isSuccess() {
    assertThat(
            OutcomeVerdict.strongEvidence(
                signals(SignalKind.TESTS_FAILED, SignalKind.TESTS_PASSED, SignalKind.COMMIT)))
        .isEqualTo(OutcomeVerdict.Evidence.STRONG_SUCCESS);
    assertThat(OutcomeVerdict.strongEvidence(signals(SignalKind.PR_CREATED)))
        .isEqualTo(OutcomeVerdict.Evidence.STRONG_SUCCESS);
  }

  @Test
  void strongEvidence_endingOnFailingTestsUndelivered_orAnErrorExit_isFailure() {
    assertThat(
            OutcomeVerdict.strongEvidence(
                signals(SignalKind.TESTS_FAILED, SignalKind.ENDED_ON_FAILING_TESTS)))
        .isEqualTo(OutcomeVerdict.Evidence.STRONG_FAILURE);
    assertThat(OutcomeVerdict.strongEvidence(signals(SignalKind.ERROR_EXIT)))
        .isEqualTo(OutcomeVerdict.Evidence.STRONG_FAILURE);
    assertThat(
            OutcomeVerdict.strongEvidence(
                signals(SignalKind.ERROR_EXIT, SignalKind.TASK_COMPLETED)))
        .isEqualTo(OutcomeVerdict.Evidence.NONE);
    assertThat(OutcomeVerdict.strongEvidence(signals(SignalKind.TESTS_PASSED)))
        .isEqualTo(OutcomeVerdict.Evidence.NONE);
  }
}
