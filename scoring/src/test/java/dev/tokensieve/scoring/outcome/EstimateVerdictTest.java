package dev.tokensieve.scoring.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokensieve.core.report.Outcome;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.PSuccessBasis;
import dev.tokensieve.core.report.SignalKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verdict from a model estimate: validated bands in domain, the trace's evidence outside. */
final class EstimateVerdictTest {
  private static Estimate inDomain(double p) {
    return new Estimate(p, PSuccessBasis.MODEL, 0.8, 0.88, 0.3, 0.9);
  }

  private static Estimate outOfDomain(double p) {
    return new Estimate(p, PSuccessBasis.OUT_OF_DOMAIN, 0.8, 0.88, 0.3, 0.9);
  }

  private static final List<OutcomeSignal> SUBMITTED =
      List.of(new OutcomeSignal(SignalKind.TASK_COMPLETED, 3, "exit_status: submitted"));

  @ParameterizedTest
  @CsvSource({
    "0.95, SUCCESS",
    "0.80, SUCCESS",
    "0.79, UNKNOWN",
    "0.31, UNKNOWN",
    "0.30, FAILURE",
    "0.02, FAILURE"
  })
  void inDomain_labelFollowsTheBands(double p, OutcomeLabel expected) {
    Outcome o = OutcomeVerdict.decide(SUBMITTED, inDomain(p), Optional.empty());

    assertThat(o.label()).isEqualTo(expected);
    assertThat(o.pSuccess()).isEqualTo(p);
    assertThat(o.basis()).isEqualTo(PSuccessBasis.MODEL);
    assertThat(o.reason()).startsWith(String.format(java.util.Locale.ROOT, "pSuccess %.2f", p));
  }

  @Test
  void inDomain_successBand_namesItsPrecision() {
    Outcome o = OutcomeVerdict.decide(SUBMITTED, inDomain(0.9), Optional.empty());

    assertThat(o.reason())
        .isEqualTo(
            "pSuccess 0.90 is in the success band (>= 0.80, 88% precise on validation runs)");
  }

  @Test
  void outOfDomain_noSignal_isUnknown_andSaysWhyAConfidentPIsIgnored() {
    // the case: a session with no outcome signal shown as UNKNOWN beside 0.998
    Outcome o = OutcomeVerdict.decide(List.of(), outOfDomain(0.998), Optional.empty());

    assertThat(o.label()).isEqualTo(OutcomeLabel.UNKNOWN);
    assertThat(o.pSuccess()).isEqualTo(0.998);
    assertThat(o.basis()).isEqualTo(PSuccessBasis.OUT_OF_DOMAIN);
    assertThat(o.reason())
        .startsWith("pSuccess 1.00 is out of domain")
        .endsWith("the label waits for decisive evidence, and the trace has none");
  }

  @Test
  void outOfDomain_followsStrongEvidence_whateverPSays() {
    List<OutcomeSignal> delivered =
        List.of(
            new OutcomeSignal(SignalKind.TESTS_PASSED, 1, "12 passed"),
            new OutcomeSignal(SignalKind.COMMIT, 2, "git commit"));
    List<OutcomeSignal> errored =
        List.of(new OutcomeSignal(SignalKind.ERROR_EXIT, 4, "exit_status: exit_cost"));

    Outcome ok = OutcomeVerdict.decide(delivered, outOfDomain(0.05), Optional.empty());
    Outcome bad = OutcomeVerdict.decide(errored, outOfDomain(0.97), Optional.empty());

    assertThat(ok.label()).isEqualTo(OutcomeLabel.SUCCESS);
    assertThat(ok.reason()).contains("tests passed and the work was delivered");
    assertThat(bad.label()).isEqualTo(OutcomeLabel.FAILURE);
    assertThat(bad.reason()).contains("an error exit");
  }

  @Test
  void external_decides_withBasisExternal() {
    OutcomeSignal ext = new OutcomeSignal(SignalKind.EXTERNAL_FAILURE, -1, "resolved: false");

    Outcome o = OutcomeVerdict.decide(SUBMITTED, inDomain(0.99), Optional.of(ext));

    assertThat(o.label()).isEqualTo(OutcomeLabel.FAILURE);
    assertThat(o.pSuccess()).isZero();
    assertThat(o.basis()).isEqualTo(PSuccessBasis.EXTERNAL);
    assertThat(o.signals()).endsWith(ext);
  }

  @Test
  void estimate_bandsThatOverlap_areRejected() {
    assertThatThrownBy(() -> new Estimate(0.5, PSuccessBasis.MODEL, 0.4, 0.9, 0.6, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must lie below the success band");
  }
}
