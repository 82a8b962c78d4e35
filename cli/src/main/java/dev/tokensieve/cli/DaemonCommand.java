package dev.tokensieve.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tokensieve daemon status|stop}: shows or stops this user's analysis daemons. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Shows (status) or stops (stop) your analysis daemons.",
      "bin/tokensieve hands each analyze run whose paths are absolute to a daemon "
          + "that stays up between runs with its code compiled; it exits after 10 idle "
          + "minutes (TOKENSIEVE_DAEMON_IDLE=seconds), and TOKENSIEVE_DAEMON=off runs "
          + "every analysis in its own process."
    })
final class DaemonCommand implements Callable<Integer> {
  /** What to do. */
  enum Action {
    status,
    stop
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "ACTION",
      defaultValue = "status",
      description = "status (the default) or stop.")
  Action action = Action.status;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    String configured = System.getProperty("tokensieve.daemon.dir");
    Path dir = configured == null ? DaemonPlace.defaultDir(System.getenv()) : Path.of(configured);
    List<Path> sockets;
    try (Stream<Path> files = Files.list(dir)) {
      sockets = files.filter(p -> p.toString().endsWith(".sock")).sorted().toList();
    } catch (java.nio.file.NoSuchFileException e) {
      sockets = List.of();
    }
    int live = 0;
    for (Path socket : sockets) {
      String key = socket.getFileName().toString().replaceFirst("\\.sock$", "");
      String answer = ask(socket, action == Action.stop ? DaemonWire.STOP : DaemonWire.STATUS);
      if (answer != null) {
        live++;
        out.println(key + ": " + answer);
      } else if (new DaemonPlace(dir, key).removeIfDead()) {
        out.println(key + ": not running; removed its socket, log and lock");
      }
    }
    if (live == 0) {
      out.println("no daemon running (in " + dir + ")");
    }
    return 0;
  }

  /** The daemon's answer to {@code kind}, or null if nothing listens at {@code socket}. */
  private static @Nullable String ask(Path socket, byte kind) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      DaemonWire.write(ch, kind, new DaemonWire.Request(kind, false, List.of()).encode());
      DaemonWire.Frame f = DaemonWire.read(ch, DaemonWire.MAX_FRAME);
      return f == null ? null : f.text();
    } catch (IOException e) {
      return null;
    }
  }
}
