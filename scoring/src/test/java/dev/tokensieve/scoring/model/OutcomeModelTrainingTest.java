package dev.tokensieve.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The bundled model is what the code trains from the bundled training set. Both are written by
 * {@code tokensieve train} (cli module; the cli test {@code TrainCommandTest} checks that the
 * documented command reproduces the training set), from the repository root:
 *
 * <pre>
 * java -jar cli/target/tokensieve.jar train --real ../shared/samples/mini-swe-agent
 * </pre>
 *
 * Regenerate after changing features, detectors, parsers or the generator.
 */
final class OutcomeModelTrainingTest {
  @Test
  void bundledModel_isWhatTrainingOnTheBundledSetProduces() throws IOException {
    LogisticOutcomeModel bundled = LogisticOutcomeModel.bundled();
    String text;
    try (InputStream in =
        LogisticOutcomeModel.class.getResourceAsStream(LogisticOutcomeModel.RESOURCE)) {
      assertThat(in).isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    String retrained =
        OutcomeModelTrainer.trainToText(TrainingSet.bundled(), bundled.lambda(), bundled.name());

    assertThat(retrained)
        .as("outcome-model.txt is stale: rerun tokensieve train (see the class comment)")
        .isEqualTo(text);
  }

  @Test
  void bundledSet_holdsGeneratedAndRealSessions_withEveryFeature() {
    TrainingSet set = TrainingSet.bundled();

    assertThat(set.only("synthetic").size()).isGreaterThanOrEqualTo(300);
    assertThat(set.only("swebench-mini-swe-agent").size()).isEqualTo(40);
    double[] strongFailure =
        set.examples().stream()
            .mapToDouble(e -> e.features()[Feature.STRONG_FAILURE_EVIDENCE.ordinal()])
            .toArray();
    assertThat(strongFailure).contains(1.0);
  }

  @Test
  void bundledModel_separatesSyntheticSuccessFromFailure() {
    OutcomeModel m = OutcomeModel.bundled();
    TrainingSet synthetic = TrainingSet.bundled().only("synthetic");
    double ok = 0;
    double bad = 0;
    int nOk = 0;
    for (TrainingSet.Example e : synthetic.examples()) {
      double p = m.pSuccess(e.features());
      assertThat(p).isBetween(0.0, 1.0);
      if (e.success()) {
        ok += p;
        nOk++;
      } else {
        bad += p;
      }
    }
    assertThat(ok / nOk).isGreaterThan(bad / (synthetic.size() - nOk) + 0.2);
  }

  @Test
  void modelText_readsBackTheSameModel() {
    LogisticOutcomeModel bundled = LogisticOutcomeModel.bundled();
    LogisticOutcomeModel again =
        LogisticOutcomeModel.read(new java.io.StringReader(bundled.write()), "again");

    assertThat(again.write()).isEqualTo(bundled.write());
    assertThat(again.lambda()).isEqualTo(bundled.lambda());
  }
}
