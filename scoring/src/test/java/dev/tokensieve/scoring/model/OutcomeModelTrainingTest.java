package dev.tokensieve.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The bundled model is what the code trains from the bundled training set of real labelled runs.
 * Both are written by {@code tokensieve train} (see {@code datasets/real/README.md}), from the
 * repository root:
 *
 * <pre>
 * java -jar cli/target/tokensieve.jar train
 * </pre>
 *
 * Regenerate after changing features, detectors, parsers or the trainer.
 */
final class OutcomeModelTrainingTest {
  private static String bundledText() throws IOException {
    try (InputStream in =
        LogisticOutcomeModel.class.getResourceAsStream(LogisticOutcomeModel.RESOURCE)) {
      assertThat(in).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void bundledModel_isWhatTrainingOnTheBundledSetProduces() throws IOException {
    LogisticOutcomeModel bundled = LogisticOutcomeModel.bundled();

    String retrained =
        OutcomeModelTrainer.trainToText(
            TrainingSet.bundled(), OutcomeModelTrainer.Spec.SHIPPED, 42, bundled.name());

    assertThat(retrained)
        .as("outcome-model.txt is stale: rerun tokensieve train (see the class comment)")
        .isEqualTo(bundledText());
  }

  @Test
  void modelText_readsBackTheSameModel() {
    LogisticOutcomeModel bundled = LogisticOutcomeModel.bundled();
    LogisticOutcomeModel again = LogisticOutcomeModel.read(new StringReader(bundled.write()), "x");

    assertThat(again.write()).isEqualTo(bundled.write());
    assertThat(again.lambda()).isEqualTo(bundled.lambda());
  }

  @Test
  void bundledSet_isRealRunsOnly_eachWithItsProvenance() {
    TrainingSet set = TrainingSet.bundled();

    assertThat(set.size()).isGreaterThanOrEqualTo(800);
    assertThat(set.examples())
        .allSatisfy(
            e -> {
              assertThat(e.source()).isNotEqualTo("synthetic");
              assertThat(e.origin().repo())
                  .isIn("multi-swe-bench/experiments", "gruckion/mini-swe-agent");
              assertThat(e.origin().commit()).hasSize(40);
              assertThat(e.origin().agent()).isIn("swe-agent", "mini-swe-agent");
              assertThat(e.origin().model()).isNotBlank().isNotEqualTo("unknown");
            });
    assertThat(set.examples().stream().map(e -> e.origin().group()).distinct().count())
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void bundledModel_coversTheAutonomousAgents_only_andIgnoresPrCreated() {
    OutcomeModel m = OutcomeModel.bundled();
    double[] x = TrainingSet.bundled().examples().get(0).features();
    double[] withPr = x.clone();
    withPr[Feature.PR_CREATED.ordinal()] = 1;

    assertThat(m.covers("swe-agent")).isTrue();
    assertThat(m.covers("mini-swe-agent")).isTrue();
    assertThat(m.covers("claude-code")).isFalse();
    assertThat(m.covers("codex")).isFalse();
    // a PR is never evidence against success: the real-run model gives it no weight at all
    assertThat(m.pSuccess(withPr, "swe-agent", "gpt-4o-2024-05-13"))
        .isEqualTo(m.pSuccess(x, "swe-agent", "gpt-4o-2024-05-13"));
  }
}
