package dev.tokensieve.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.scoring.MiniSweTrajectories;
import dev.tokensieve.scoring.SyntheticSessions;
import dev.tokensieve.scoring.outcome.OutcomeSignals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Builds the training set and trains the shipped model; fails if the bundled resources differ from
 * what the code produces now. To regenerate them after changing features or the generator, run:
 *
 * <pre>
 * mvn -q -B -o -pl scoring -am test -Dtest=OutcomeModelTrainingTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dtokensieve.regenerate=true
 * </pre>
 */
final class OutcomeModelTrainingTest {
  static final int SYNTHETIC = 600;
  static final String REAL_SOURCE = "swebench-mini-swe-agent";
  private static final Path RESOURCES = Path.of("src/main/resources/dev/tokensieve/scoring/model");

  static TrainingSet build() {
    PriceBook prices = PriceBook.bundled();
    List<TrainingSet.Example> out = new ArrayList<>();
    for (long seed = 1; seed <= SYNTHETIC; seed++) {
      SyntheticSessions.Labelled l = SyntheticSessions.next(seed);
      out.add(example("synthetic", l.session(), l.success(), prices));
    }
    Map<String, Boolean> resolved = MiniSweTrajectories.outcomes();
    for (String id : MiniSweTrajectories.ids()) {
      out.add(example(REAL_SOURCE, MiniSweTrajectories.read(id), resolved.get(id), prices));
    }
    return new TrainingSet(out);
  }

  private static TrainingSet.Example example(
      String source, Session s, boolean success, PriceBook prices) {
    PricedSession priced = new PricedSession(s, prices);
    // no detectors yet on this branch: findings are empty until the detectors land on main
    return new TrainingSet.Example(
        source, s.id().value(), success, Features.of(priced, List.of(), OutcomeSignals.read(s)));
  }

  @Test
  void bundledTrainingSetAndModel_areWhatTheCodeProduces() throws IOException {
    TrainingSet set = build();
    String csv = set.toCsv();
    String model =
        OutcomeModelTrainer.trainToText(
            TrainingSet.read(new java.io.StringReader(csv), "fresh"),
            "logistic regression, lambda=" + OutcomeModelTrainer.LAMBDA + ", " + set.size()
                + " sessions (" + SYNTHETIC + " synthetic, " + (set.size() - SYNTHETIC)
                + " SWE-bench mini-swe-agent)");
    if (Boolean.getBoolean("tokensieve.regenerate")) {
      Files.writeString(RESOURCES.resolve(TrainingSet.RESOURCE), csv, StandardCharsets.UTF_8);
      Files.writeString(RESOURCES.resolve(LogisticOutcomeModel.RESOURCE), model, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(RESOURCES.resolve(TrainingSet.RESOURCE), StandardCharsets.UTF_8))
        .as("training-set.csv is stale: regenerate (see the class comment)")
        .isEqualTo(csv);
    assertThat(Files.readString(RESOURCES.resolve(LogisticOutcomeModel.RESOURCE), StandardCharsets.UTF_8))
        .as("outcome-model.txt is stale: regenerate (see the class comment)")
        .isEqualTo(model);
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
}
