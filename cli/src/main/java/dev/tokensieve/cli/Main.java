package dev.tokensieve.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tokensieve} command: the composition root of the CLI. */
@Command(
    name = "tokensieve",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Finds where coding agents' tokens went and labels every token of spend productive,",
      "inefficient or wasteful, judged by what the session achieved."
    },
    subcommands = {
      AnalyzeCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      ReindexCommand.class,
      GenerateCommand.class,
      EvalCommand.class,
      TrainCommand.class,
      PricesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line on the process's streams and returns the exit code. */
  public static int run(String... args) {
    return run(
        new java.io.PrintWriter(
            new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8),
            true),
        new java.io.PrintWriter(
            new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8),
            true),
        args);
  }

  /** Runs the command line writing to {@code out} and {@code err}; returns the exit code. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          line.getErr().println("tokensieve: " + ex.getMessage());
          return CommandLine.ExitCode.SOFTWARE;
        });
    try {
      return cmd.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"tokensieve " + (v == null ? "dev" : v)};
    }
  }
}
