package dev.tokensieve.cli;

import dev.tokensieve.datasets.CorpusGenerator;
import dev.tokensieve.datasets.CorpusSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code analyze} reads when no path is given: the agents' own folders ({@link AgentFolders}),
 * or, for a newcomer who has none, a generated sample corpus, said to be one on stderr and above
 * the table, so the first command always shows something and never passes made-up sessions off as
 * the user's.
 */
final class DefaultInput {
  /** Enough sessions to show every kind of finding, small enough to generate in a second. */
  static final int SAMPLE_SESSIONS = 120;

  private DefaultInput() {}

  /**
   * The folders to read, the teams file that goes with them (the sample's), if any, and whether
   * they are the generated sample.
   */
  record Input(List<Path> paths, @Nullable Path teams, boolean isSample) {}

  /** The agents' folders found in {@code candidates}, else the generated sample; says which. */
  static Input resolve(List<AgentFolders.Folder> candidates, PrintWriter err) {
    List<AgentFolders.Folder> present = new ArrayList<>();
    for (AgentFolders.Folder f : candidates) {
      if (f.isPresent()) {
        present.add(f);
      }
    }
    if (!present.isEmpty()) {
      List<String> read = new ArrayList<>();
      List<Path> paths = new ArrayList<>();
      for (AgentFolders.Folder f : present) {
        read.add(f.agent() + " in " + f.read());
        paths.add(f.read());
      }
      err.println(
          "tokensieve: reading "
              + String.join(", ", read)
              + " (pass a PATH to read something else)");
      return new Input(paths, null, false);
    }
    err.println("tokensieve: found no agent traces on this machine; looked for");
    Map<String, List<Path>> looked = new LinkedHashMap<>();
    for (AgentFolders.Folder f : candidates) {
      looked.computeIfAbsent(f.agent(), k -> new ArrayList<>()).add(f.mark());
    }
    looked.forEach(
        (agent, marks) ->
            err.printf(
                java.util.Locale.ROOT,
                "  %-12s %s%n",
                agent,
                String.join(", ", marks.stream().map(Path::toString).toList())));
    err.println("  (set $CLAUDE_CONFIG_DIR or $CODEX_HOME if yours are elsewhere, or pass a PATH)");
    err.println(
        "tokensieve: showing GENERATED SAMPLE DATA instead, "
            + SAMPLE_SESSIONS
            + " made-up sessions, so you can see the report (`analyze --sample` shows it again)");
    return sample();
  }

  /** The generated sample corpus, in a temporary folder deleted when the process exits. */
  static Input sample() {
    try {
      Path sample = Files.createTempDirectory("tokensieve-sample-");
      deleteOnExit(sample); // a sample, not the user's data: leave nothing behind
      new CorpusGenerator(42, Instant.parse("2026-09-01T09:00:00Z"))
          .generate(sample, CorpusSpec.sessions(SAMPLE_SESSIONS));
      return new Input(List.of(sample.resolve("claude-code")), sample.resolve("teams.json"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sample corpus: " + e.getMessage(), e);
    }
  }

  /** The line above the table of a sample run: the sessions below are not the user's. */
  static String sampleBanner() {
    return "GENERATED SAMPLE DATA: "
        + SAMPLE_SESSIONS
        + " made-up sessions, not yours (`analyze PATH` reads your traces)";
  }

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
}
