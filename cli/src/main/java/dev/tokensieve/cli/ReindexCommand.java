package dev.tokensieve.cli;

import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.web.store.SessionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tokensieve reindex}: rebuilds the index from the raw files the store kept. */
@Command(
    name = "reindex",
    mixinStandardHelpOptions = true,
    description = {
      "Re-analyses the raw files the store kept and rebuilds its index.",
      "Run it after upgrading TokenSieve, or with new --prices or --teams, to see "
          + "old sessions with the new analysis."
    })
final class ReindexCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin DataDirOption dir = new DataDirOption();

  @CommandLine.Mixin AnalyzerOptions analysis = new AnalyzerOptions();

  @Override
  public Integer call() throws IOException {
    Path data = dir.data;
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(data)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "no data dir at " + data + " (see --data)");
    }
    try (SessionStore store = SessionStore.open(data, analysis.analyzer())) {
      SessionStore.ReindexResult r = store.reindex();
      for (ParseProblem p : r.problems()) {
        spec.commandLine().getErr().println("tokensieve: " + p);
      }
      out.printf(
          Locale.ROOT,
          "reindexed %d sessions from %d raw files in %s%s%n",
          r.sessions(),
          r.files(),
          data,
          r.problems().isEmpty() ? "" : " (" + r.problems().size() + " problems, on stderr)");
    }
    return 0;
  }
}
