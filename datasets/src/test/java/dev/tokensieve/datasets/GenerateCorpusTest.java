package dev.tokensieve.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GenerateCorpusTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return GenerateCorpus.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void run_writesACorpus_andReportsItsSpeed(@TempDir Path dir) {
    int code = run("--out", dir.toString(), "--seed", "5", "--sessions", "3", "--format", "codex");
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("3 sessions, ")
        .contains(" MB/s; ")
        .contains(" -> ");
    assertThat(dir.resolve("codex/sessions")).isDirectory();
    assertThat(dir.resolve("ground-truth.jsonl")).isRegularFile();
  }

  @Test
  void run_rejectsAMissingOutputDirectory() {
    assertThat(run("--sessions", "3")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: --out is required\n");
  }

  @Test
  void run_rejectsAnUnknownFormat(@TempDir Path dir) {
    assertThat(run("--out", dir.toString(), "--sessions", "1", "--format", "gemini")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("error: unknown format 'gemini': expected claude-code or codex\n");
  }

  @Test
  void parseSize_readsDecimalUnits() {
    assertThat(GenerateCorpus.parseSize("500MB")).isEqualTo(500_000_000L);
    assertThat(GenerateCorpus.parseSize("2gb")).isEqualTo(2_000_000_000L);
    assertThat(GenerateCorpus.parseSize("64KB")).isEqualTo(64_000L);
    assertThat(GenerateCorpus.parseSize("1234")).isEqualTo(1234L);
  }

  @Test
  void parseSize_rejectsText() {
    assertThatThrownBy(() -> GenerateCorpus.parseSize("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a size: 'lots' (e.g. 500MB)");
  }
}
