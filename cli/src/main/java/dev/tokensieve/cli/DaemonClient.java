package dev.tokensieve.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * Hands an {@code analyze} run to the {@link DaemonServer} of this build, or, when there is none,
 * lets the caller run it here and then starts one for the next run.
 *
 * <p>On only when {@code bin/tokensieve} says so ({@code -Dtokensieve.daemon=on}; it does unless
 * {@code TOKENSIEVE_DAEMON=off}, or {@code CI} is set and {@code TOKENSIEVE_DAEMON} is not {@code
 * on}), so {@code java -jar} and the tests run in-process as before. {@code
 * -Dtokensieve.daemon.dir} ({@code TOKENSIEVE_DAEMON_DIR}) puts the sockets elsewhere. The launcher
 * names the daemon ({@code -Dtokensieve.daemon.key}, see {@link DaemonPlace}), for this client and
 * its perl one alike. The launcher also passes the JVM options a daemon runs with ({@code
 * -Dtokensieve.daemon.jvm}, the same as a one-shot run's) and its idle time ({@code
 * -Dtokensieve.daemon.idle}, seconds). The first run of a build, or after an idle exit, runs in its
 * own process as before and starts the daemon as it ends, in a session of its own ({@code setsid})
 * so that Ctrl-C at the terminal does not reach it.
 */
final class DaemonClient {
  /** Ten minutes: long enough to span a working session's reruns, short enough to be forgotten. */
  static final long DEFAULT_IDLE_SECONDS = 600;

  private static final List<Path> SETSID =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

  private final DaemonPlace place;
  private final String jvmOptions;
  private final long idleSeconds;
  private boolean absent;

  DaemonClient(DaemonPlace place, String jvmOptions, long idleSeconds) {
    this.place = place;
    this.jvmOptions = jvmOptions;
    this.idleSeconds = idleSeconds;
  }

  /**
   * The client for {@code cmd} as the system properties configure it, or null when the daemon is
   * off, cannot be used (a message on {@code err} says why), or would not take {@code cmd}.
   */
  static @Nullable DaemonClient configured(AnalyzeCommand cmd, PrintStream err) {
    if (!"on".equals(System.getProperty("tokensieve.daemon")) || servable(cmd) != null) {
      return null;
    }
    String key = System.getProperty("tokensieve.daemon.key");
    if (key == null) {
      return null; // the launcher names its daemons; a JVM started otherwise has none
    }
    String jvm = System.getProperty("tokensieve.daemon.jvm", "").trim();
    String dir = System.getProperty("tokensieve.daemon.dir");
    try {
      DaemonPlace place =
          DaemonPlace.in(dir == null ? DaemonPlace.defaultDir(System.getenv()) : Path.of(dir), key);
      long idle = Long.getLong("tokensieve.daemon.idle", DEFAULT_IDLE_SECONDS);
      return new DaemonClient(place, jvm, idle);
    } catch (IOException | RuntimeException e) {
      err.println("tokensieve: running without the daemon: " + e.getMessage());
      return null;
    }
  }

  /**
   * Null if the daemon can run {@code cmd}, else why not: it needs every path absolute (it has its
   * own working directory), and a PATH (with none, the folders read depend on the environment of
   * the process that reads them: $HOME, $CLAUDE_CONFIG_DIR, $CODEX_HOME).
   */
  static @Nullable String servable(AnalyzeCommand cmd) {
    if (cmd.paths.isEmpty()) {
      return "no PATH given";
    }
    List<@Nullable Path> files = new ArrayList<>(cmd.paths);
    files.addAll(
        Arrays.asList(cmd.html, cmd.outcomesFile, cmd.analysis.pricesFile, cmd.analysis.teamsFile));
    for (Path p : files) {
      if (p != null && !p.isAbsolute()) {
        return "relative path " + p;
      }
    }
    return null;
  }

  /**
   * Runs {@code args} in the daemon, relaying what it prints to {@code out} and {@code err}.
   * Returns the run's exit code, or null if the caller should run it: no daemon is listening (then
   * {@link #startIfAbsent} starts one), it is busy, or it declined.
   */
  @Nullable Integer run(String[] args, boolean terminal, OutputStream out, OutputStream err) {
    Sink errors = new Sink(err);
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      try {
        ch.connect(place.address());
      } catch (IOException e) {
        absent = true; // no socket, or one left by a daemon that died
        return null;
      }
      byte[] request = new DaemonWire.Request(DaemonWire.RUN, terminal, List.of(args)).encode();
      DaemonWire.write(ch, DaemonWire.RUN, request);
      return relay(ch, new Sink(out), errors);
    } catch (IOException e) {
      errors.print("tokensieve: the daemon failed (" + e + "); see " + place.log());
      return CommandLine.ExitCode.SOFTWARE; // a constant: loads no picocli class
    }
  }

  private @Nullable Integer relay(SocketChannel ch, Sink out, Sink err) throws IOException {
    boolean printed = false;
    while (true) {
      DaemonWire.Frame f = DaemonWire.read(ch, DaemonWire.MAX_FRAME);
      if (f == null) {
        if (!printed) {
          return null; // it went before saying anything: the run is still ours to do
        }
        err.print("tokensieve: the daemon stopped before the run ended; see " + place.log());
        return CommandLine.ExitCode.SOFTWARE;
      }
      switch (f.type()) {
        case DaemonWire.OUT -> out.write(f.payload());
        case DaemonWire.ERR -> err.write(f.payload());
        case DaemonWire.EXIT -> {
          return f.code();
        }
        case DaemonWire.BUSY, DaemonWire.DECLINED -> {
          return null;
        }
        default -> throw new IOException("unexpected frame " + f.type());
      }
      printed = true;
    }
  }

  /**
   * One of the client's output streams. A write that fails (a reader that went away, as {@code |
   * head} does) drops this and later output but not the run, which ends with its own exit code:
   * what the {@code PrintStream} of a run in this process does.
   */
  private static final class Sink {
    private final OutputStream to;
    private boolean broken;

    Sink(OutputStream to) {
      this.to = to;
    }

    void write(byte[] b) {
      if (!broken) {
        try {
          to.write(b);
          to.flush();
        } catch (IOException e) {
          broken = true;
        }
      }
    }

    void print(String line) {
      write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Starts a daemon if {@link #run} found none listening. Best effort: if it cannot start, the next
   * run looks again and runs in its own process meanwhile.
   */
  void startIfAbsent() {
    if (!absent) {
      return;
    }
    Path setsid = SETSID.stream().filter(Files::isExecutable).findFirst().orElse(null);
    if (setsid == null) {
      return; // without a session of its own, Ctrl-C in the terminal would kill it mid-run
    }
    List<String> command = new ArrayList<>();
    command.add(setsid.toString());
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (!jvmOptions.isEmpty()) {
      command.addAll(Arrays.asList(jvmOptions.split("\\s+")));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path")); // the jar, or the tests' class path
    command.add(DaemonServer.class.getName());
    command.add(place.dir().toString());
    command.add(place.key());
    command.add(Long.toString(idleSeconds));
    try {
      new ProcessBuilder(command)
          .directory(
              new File("/")) // it reads absolute paths only; a folder it sat in would stay busy
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.to(place.log().toFile()))
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      System.err.println("tokensieve: could not start the daemon: " + e.getMessage());
    }
  }
}
