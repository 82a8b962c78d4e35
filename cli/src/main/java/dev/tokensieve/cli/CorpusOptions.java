package dev.tokensieve.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The labelled corpus {@code eval} and {@code train} measure and learn from. */
final class CorpusOptions {
  @Option(
      names = "--sessions",
      paramLabel = "N",
      defaultValue = "400",
      description = "Generated sessions (default ${DEFAULT-VALUE}).")
  int sessions;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description =
          "Seed of the corpus, the cross-validation folds and the bootstrap (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--format",
      paramLabel = "F",
      defaultValue = "both",
      description = "claude-code, codex or both (default ${DEFAULT-VALUE}).")
  String format = "both";

  @Option(
      names = "--real",
      paramLabel = "DIR",
      description = "Real trajectories with known outcomes, e.g. ../shared/samples/mini-swe-agent.")
  @Nullable Path real;

  @Option(
      names = "--outcomes",
      paramLabel = "FILE",
      description = "Outcomes of the --real sessions (default DIR/outcomes.json).")
  @Nullable Path outcomes;

  /** The outcomes file of the real trajectories: the given one, else DIR/outcomes.json. */
  Path outcomesOf(Path realDir) {
    return outcomes != null ? outcomes : realDir.resolve("outcomes.json");
  }
}
