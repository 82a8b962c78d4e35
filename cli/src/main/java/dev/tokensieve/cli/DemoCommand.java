package dev.tokensieve.cli;

import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.web.Demo;
import dev.tokensieve.web.auth.TokenFile;
import dev.tokensieve.web.store.UploadLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tokensieve demo}: the web app on a fresh store filled with generated sessions. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the web app on generated sessions: nothing of yours is read.",
      "A fresh data dir is filled with generated sessions of a few teams and users, "
          + "so every view has something to show."
    })
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ListenOptions listen = new ListenOptions();

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data dir to use (default: a new temporary one).")
  @Nullable Path data;

  @Option(
      names = "--sessions",
      paramLabel = "N",
      defaultValue = "150",
      description = "How many sessions to generate (default ${DEFAULT-VALUE}).")
  int sessions;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Random seed (default: the demo's own).")
  @Nullable Long seed;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path dir = data != null ? data : Files.createTempDirectory("tokensieve-demo-");
    // the demo holds generated data only: open on loopback, as serve is without tokens
    PrintWriter err = spec.commandLine().getErr();
    return ServeCommand.serve(
        err,
        listen.security(spec.commandLine(), TokenFile.in(dir), err),
        listen.port,
        dir,
        SessionAnalyzer.standard(PriceBook.bundled()),
        UploadLimits.DEFAULT,
        true,
        seed == null ? Demo.DEFAULT_SEED : seed,
        sessions);
  }
}
