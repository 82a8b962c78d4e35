package dev.tokensieve.cli;

import dev.tokensieve.datasets.CorpusGenerator;
import dev.tokensieve.datasets.CorpusSpec;
import dev.tokensieve.parsers.TraceScanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What {@code analyze} reads when no path is given: the user's own Claude Code folder, or, for a
 * newcomer who has none, a generated sample corpus, so the first command always shows something.
 */
final class DefaultInput {
  /** Enough sessions to show every kind of finding, small enough to generate in a second. */
  static final int SAMPLE_SESSIONS = 120;

  private DefaultInput() {}

  private static void deleteOnExit(Path dir) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                    paths
                        .sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
                  } catch (IOException | UncheckedIOException e) {
                    // best effort: the OS cleans its temporary directory too
                  }
                },
                "tokensieve-sample-cleanup"));
  }

  /** The folder to read, and the teams file that goes with it (the sample's), if any. */
  record Input(Path path, @Nullable Path teams) {}

  static Input resolve(PrintWriter err) {
    Path dir = TraceScanner.defaultClaudeConfigDir();
    if (Files.isDirectory(dir.resolve("projects"))) {
      err.println("tokensieve: reading " + dir + " (pass a PATH to read something else)");
      return new Input(dir, null);
    }
    try {
      Path sample = Files.createTempDirectory("tokensieve-sample-");
      deleteOnExit(sample); // a sample, not the user's data: leave nothing behind
      new CorpusGenerator(42, Instant.parse("2026-09-01T09:00:00Z"))
          .generate(sample, CorpusSpec.sessions(SAMPLE_SESSIONS));
      err.println(
          "tokensieve: no Claude Code transcripts at "
              + dir
              + "; analysing "
              + SAMPLE_SESSIONS
              + " generated sample sessions in "
              + sample
              + " instead (pass a PATH to read your own)");
      return new Input(sample.resolve("claude-code"), sample.resolve("teams.json"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sample corpus: " + e.getMessage(), e);
    }
  }
}
