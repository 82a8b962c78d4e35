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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokensieve train} with the documented seed reproduces the bundled training set.
 *
 * <p>The full documented run (400 generated sessions) takes about 25 s, too slow for a unit test,
 * so this trains on the first 40 generated sessions: the generator makes the i-th session from
 * (seed, i) alone, so they are the first rows of the bundled set, and the 40 real rows (copied from
 * scoring's test resources) are the bundled real rows. Only the corpus size differs.
 */
final class TrainCommandTest {
  /** scoring's copy of the real trajectories (see its samples/SOURCES.md). */
  static final Path REAL = Path.of("../scoring/src/test/resources/samples/mini-swe-agent");

  private static List<String> bundledRows() throws IOException {
    try (InputStream in = TrainingSet.class.getResourceAsStream(TrainingSet.RESOURCE)) {
      assertThat(in).isNotNull();
      return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
  }

  @Test
  void train_documentedSeed_reproducesTheBundledRows(@TempDir Path out) throws IOException {
    int n = 40;
    CommandRun run =
        CommandRun.of(
            "train",
            "--sessions",
            String.valueOf(n),
            "--seed",
            "42",
            "--format",
            "both",
            "--real",
            REAL.toString(),
            "--out",
            out.toString(),
            "--threads",
            "2");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("<- shipped").contains("wrote ");
    List<String> rows =
        Arrays.asList(Files.readString(out.resolve(TrainingSet.RESOURCE)).split("\n"));
    List<String> bundled = bundledRows();
    assertThat(rows.get(0)).isEqualTo(bundled.get(0)); // the header: every feature, in order
    // the last generated session may differ: a resumed pair cut by the limit becomes a clean one
    assertThat(rows.subList(1, n)).isEqualTo(bundled.subList(1, n));
    List<String> real =
        rows.stream().filter(r -> r.startsWith("swebench-mini-swe-agent,")).toList();
    assertThat(real)
        .hasSize(40)
        .isEqualTo(bundled.stream().filter(r -> r.startsWith("swebench-mini-swe-agent,")).toList());
    assertThat(Files.readString(out.resolve(TrainCommand.MODEL_FILE)))
        .contains("name\tlogistic regression, lambda=")
        .contains("(" + n + " generated: seed 42, claude-code+codex; 40 SWE-bench mini-swe-agent)");
  }

  @Test
  void train_withoutTheBundledFolder_asksForOut(@TempDir Path dir) {
    CommandRun run = CommandRun.of("train", "--out", dir.resolve("absent").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("--out: not a directory: " + dir.resolve("absent"));
  }
}
