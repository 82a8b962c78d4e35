package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.scoring.model.TrainingSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokensieve train} rebuilds the bundled training set's rows from the runs themselves, and
 * the bundled model from the bundled training set.
 *
 * <p>The full rebuild ({@code train --runs} over the 862 extracted runs, see {@code
 * datasets/real/README.md}) takes about a minute, too slow for a unit test, so this rebuilds the
 * rows of the 40 runs of one of those runs that scoring's test resources hold (gzipped, byte for
 * byte otherwise): the parser and feature code must give exactly the bundled rows.
 */
final class TrainCommandTest {
  /** scoring's copy of 40 real trajectories (see its samples/SOURCES.md). */
  static final Path REAL = Path.of("../scoring/src/test/resources/samples/mini-swe-agent");

  /** The run folder name and provenance {@code datasets/real/extract.sh} gives those runs. */
  static final String RUN = "mini-swebench-verified-gemini-3-pro";

  private static String resource(Class<?> c, String name) throws IOException {
    try (InputStream in = c.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** {@code root/RUN/} holding the 40 trajectories, their outcomes and the run's provenance. */
  static Path runs(Path root, String properties) throws IOException {
    Path run = Files.createDirectories(root.resolve(RUN));
    Files.createDirectories(run.resolve("trajs"));
    try (Stream<Path> files = Files.list(REAL.resolve("trajs"))) {
      for (Path f : files.toList()) {
        Files.copy(f, run.resolve("trajs").resolve(f.getFileName()));
      }
    }
    Files.copy(REAL.resolve("outcomes.json"), run.resolve("outcomes.json"));
    Files.writeString(run.resolve(LabelledSessions.RUN_PROPERTIES), properties);
    return run;
  }

  static final String PROPERTIES =
      """
      repo=gruckion/mini-swe-agent
      commit=d12a71affd95403b036b2bdbd827349b77bfffb9
      run=swebench_results/20251118_gemini-3-pro-74pct
      agent=mini-swe-agent
      model=gemini-3-pro-preview
      """;

  @Test
  void trainRuns_rebuildsTheBundledRowsOfThoseRuns(@TempDir Path dir) throws IOException {
    runs(dir.resolve("runs"), PROPERTIES);
    Path out = Files.createDirectories(dir.resolve("out"));

    CommandRun run =
        CommandRun.of(
            "train",
            "--runs",
            dir.resolve("runs").toString(),
            "--out",
            out.toString(),
            "--threads",
            "2");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("parsed 40 labelled runs").contains("wrote ");
    List<String> rows =
        Arrays.asList(Files.readString(out.resolve(TrainingSet.RESOURCE)).split("\n"));
    List<String> bundled =
        Arrays.asList(resource(TrainingSet.class, TrainingSet.RESOURCE).split("\n"));
    assertThat(rows.get(0)).isEqualTo(bundled.get(0)); // the header: provenance, every feature
    assertThat(rows.subList(1, rows.size()))
        .hasSize(40)
        .allSatisfy(
            r ->
                assertThat(r)
                    .startsWith(RUN + ",")
                    .contains(
                        ",mini-swe-agent,gemini-3-pro-preview,gruckion/mini-swe-agent,"
                            + "d12a71affd95403b036b2bdbd827349b77bfffb9,"))
        .isSubsetOf(bundled);
    assertThat(Files.readString(out.resolve(TrainCommand.MODEL_FILE)))
        .contains("name\tlogistic regression on 40 real runs (20 resolved) of 1 agent/model");
  }

  @Test
  void train_onTheBundledSet_writesTheBundledModel(@TempDir Path out) throws IOException {
    Path csv = out.resolve(TrainingSet.RESOURCE);
    Files.writeString(csv, resource(TrainingSet.class, TrainingSet.RESOURCE));

    CommandRun run = CommandRun.of("train", "--out", out.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(Files.readString(out.resolve(TrainCommand.MODEL_FILE)))
        .as("the bundled outcome-model.txt is stale: rerun tokensieve train")
        .isEqualTo(resource(TrainingSet.class, TrainCommand.MODEL_FILE));
  }

  @Test
  void trainRuns_aRunWithoutItsModel_isReportedAndLeftOut(@TempDir Path dir) throws IOException {
    runs(dir.resolve("runs"), PROPERTIES.replace("model=gemini-3-pro-preview\n", ""));

    CommandRun run =
        CommandRun.of("train", "--runs", dir.resolve("runs").toString(), "--out", dir.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains(RUN + "/" + LabelledSessions.RUN_PROPERTIES + ": missing model")
        .contains("the training set needs both successes and failures");
  }

  @Test
  void trainRuns_aFolderWithNoRuns_isRejected(@TempDir Path dir) {
    CommandRun run = CommandRun.of("train", "--runs", dir.toString(), "--out", dir.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("--runs: no folder under " + dir + " holds a run.properties");
  }

  @Test
  void train_withoutTheBundledFolder_asksForOut(@TempDir Path dir) {
    CommandRun run = CommandRun.of("train", "--out", dir.resolve("absent").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("--out: not a directory: " + dir.resolve("absent"));
  }
}
