package dev.tokensieve.cli;

import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.web.WebApp;
import dev.tokensieve.web.auth.Security;
import dev.tokensieve.web.auth.TokenFile;
import dev.tokensieve.web.store.SessionStore;
import dev.tokensieve.web.store.UploadLimits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tokensieve serve}: the web app on an embedded store. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the web app and the JSON API on a local store.",
      "The store is an embedded Lucene index under --data: upload traces, browse "
          + "sessions and their reports, compare teams, follow the IDE feed (JSON under "
          + "/api/v1)."
    })
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ListenOptions listen = new ListenOptions();

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "tokensieve-data",
      description = "Where the index and the raw uploaded files live (default ./${DEFAULT-VALUE}).")
  Path data = Path.of("tokensieve-data");

  @Option(
      names = "--max-upload",
      paramLabel = "SIZE",
      defaultValue = "1GB",
      description = "Largest file an upload may hold (default ${DEFAULT-VALUE}).")
  String maxUpload = "1GB";

  @CommandLine.Mixin AnalyzerOptions analysis = new AnalyzerOptions();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Security security = listen.security(spec.commandLine(), TokenFile.in(data), err);
    return serve(err, security, listen.port, data, analysis.analyzer(), limits(), false, 0, 0);
  }

  UploadLimits limits() {
    return UploadLimits.DEFAULT.withMaxFileBytes(GenerateCommand.parseSize(maxUpload));
  }

  /** Opens the store, optionally fills it with demo data, serves until the process is stopped. */
  static int serve(
      PrintWriter err,
      Security security,
      int port,
      Path data,
      SessionAnalyzer analyzer,
      UploadLimits limits,
      boolean demo,
      long seed,
      int sessions)
      throws InterruptedException {
    String host = security.bindHost();
    SessionStore store = SessionStore.open(data, analyzer, limits);
    if (store.debrisRemoved() > 0) {
      err.println(
          "tokensieve: removed "
              + store.debrisRemoved()
              + " leftovers of an interrupted upload in "
              + data);
    }
    if (demo && store.sessionCount() == 0) {
      err.println("tokensieve: generating " + sessions + " demo sessions in " + data + " ...");
      err.flush();
      int stored = dev.tokensieve.web.Demo.populate(store, seed, sessions);
      err.println("tokensieve: stored " + stored + " demo sessions");
    }
    WebApp app = WebApp.create(store, security).start(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  store.close();
                  stopped.countDown();
                },
                "tokensieve-shutdown"));
    String shown = host.equals("0.0.0.0") ? "localhost" : host;
    err.println(
        "tokensieve: serving "
            + store.sessionCount()
            + " sessions from "
            + data.toAbsolutePath()
            + " at http://"
            + shown
            + ":"
            + app.port()
            + "/  (Ctrl-C stops)");
    err.flush();
    stopped.await();
    return 0;
  }
}
