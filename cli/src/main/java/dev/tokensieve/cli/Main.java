package dev.tokensieve.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tokensieve} command: the composition root of the CLI. */
@Command(
    name = "tokensieve",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Finds where coding agents' tokens went and labels every token of spend "
          + "productive, inefficient or wasteful, judged by what the session achieved."
    })
public final class Main implements Runnable {
  /**
   * The subcommands by name, in the order usage lists them. They are added by {@link #commandLine}
   * rather than listed in {@code @Command(subcommands = ...)}: picocli builds the model of every
   * listed subcommand (loading its classes and reflecting over its options and mixins) before it
   * parses a word (about 50 ms of CPU at every start, measured on one session). MainTest checks
   * these names are the commands' own. Made on use: a run QuickArgs reads loads no picocli class.
   */
  static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("analyze", AnalyzeCommand.class);
    m.put("serve", ServeCommand.class);
    m.put("demo", DemoCommand.class);
    m.put("reindex", ReindexCommand.class);
    m.put("tokens", TokensCommand.class);
    m.put("generate", GenerateCommand.class);
    m.put("eval", EvalCommand.class);
    m.put("train", TrainCommand.class);
    m.put("prices", PricesCommand.class);
    m.put("daemon", DaemonCommand.class);
    m.put("help", CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(m);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    AnalyzeCommand quick = QuickArgs.analyze(args);
    DaemonClient daemon = quick == null ? null : DaemonClient.configured(quick, System.err);
    if (daemon != null) {
      Integer code =
          daemon.run(
              args,
              quick.terminal,
              new java.io.FileOutputStream(java.io.FileDescriptor.out),
              new java.io.FileOutputStream(java.io.FileDescriptor.err));
      if (code != null) {
        System.exit(code);
      }
    }
    int code = run(args);
    if (daemon != null) {
      daemon.startIfAbsent(); // for the next run
    }
    System.exit(code);
  }

  /** Runs the command line on the process's streams and returns the exit code. */
  public static int run(String... args) {
    return run(
        new Utf8Out(System.out),
        new java.io.PrintWriter(
            new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8),
            true),
        args);
  }

  /** Runs the command line writing to {@code out} and {@code err}; returns the exit code. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    AnalyzeCommand quick = QuickArgs.analyze(args);
    if (quick != null) {
      return runQuick(quick, out, err);
    }
    CommandLine cmd = commandLine(args);
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

  /** Runs an analyze command QuickArgs read, as picocli would; returns the exit code. */
  static int runQuick(AnalyzeCommand quick, java.io.PrintWriter out, java.io.PrintWriter err) {
    try {
      return quick.run(out, err);
    } catch (Exception ex) { // as the execution exception handler in run
      err.println("tokensieve: " + ex.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The command tree {@code args} need: when the first word names a subcommand other than {@code
   * help}, the root with only that subcommand (it is all picocli will parse), else the root with
   * all of them, for usage, help and suggestions. Settings given to the result reach its
   * subcommands.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cmd = new CommandLine(new Main());
    Class<?> only = args.length > 0 && !args[0].equals("help") ? subcommands().get(args[0]) : null;
    if (only != null) {
      cmd.addSubcommand(only);
    } else {
      for (Class<?> c : subcommands().values()) {
        cmd.addSubcommand(c);
      }
    }
    return cmd;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The version the build wrote ({@code build.properties}, Maven-filtered) and, when built in a git
   * checkout, the commit ({@code commit.txt}, from {@code git describe --always --dirty}).
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws java.io.IOException {
      java.util.Properties build = new java.util.Properties();
      try (java.io.InputStream in = Main.class.getResourceAsStream("build.properties")) {
        if (in != null) {
          build.load(in);
        }
      }
      String commit = "";
      try (java.io.InputStream in = Main.class.getResourceAsStream("commit.txt")) {
        if (in != null) {
          commit = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        }
      }
      String version = build.getProperty("version", "unknown (not built by Maven)");
      return new String[] {
        "tokensieve " + version + (commit.isEmpty() ? "" : " (git " + commit + ")")
      };
    }
  }
}
