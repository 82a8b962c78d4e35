package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel parsing and analysis must not change a byte of the output: {@code --threads 1} is the
 * reference every faster configuration is held to (issue #7).
 */
final class ParallelAnalysisTest {
  private static final Path SAMPLES = Path.of("../trace-parsers/src/test/resources/samples");

  @Test
  void json_withManyThreads_isByteIdenticalToOneThread_onAGeneratedCorpus(@TempDir Path dir) {
    Path corpus = dir.resolve("corpus");
    assertThat(
            AnalyzeCommandTest.run(
                    "generate", "--out", corpus.toString(), "--sessions", "60", "--seed", "7")
                .exit())
        .isZero();
    String claude = corpus.resolve("claude-code").toString();

    String one = analyze(claude, "--threads", "1");
    assertThat(one).contains("\"sessions\"").hasSizeGreaterThan(10_000);
    assertThat(analyze(claude)).isEqualTo(one);
    assertThat(analyze(claude, "--threads", "3")).isEqualTo(one);
    assertThat(analyze(claude, "--threads", "8", "--request-lines"))
        .isEqualTo(analyze(claude, "--threads", "1", "--request-lines"));
  }

  @Test
  void json_withManyThreads_isByteIdenticalToOneThread_onEverySampleFormat() {
    String samples = SAMPLES.toString();
    String one = analyze(samples, "--threads", "1");
    assertThat(one).contains("claude-code").contains("codex");
    assertThat(analyze(samples, "--threads", "4")).isEqualTo(one);
  }

  private static String analyze(String path, String... options) {
    List<String> args = new ArrayList<>(List.of("analyze", path, "--json", "--no-progress"));
    args.addAll(List.of(options));
    AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(args.toArray(new String[0]));
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out();
  }
}
