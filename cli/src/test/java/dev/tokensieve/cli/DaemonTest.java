package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis daemon over its real Unix socket: a run there prints the bytes and exit code of a
 * run in this process, it declines what it cannot run alike, and it lives and dies as documented.
 */
final class DaemonTest {
  private static final Path SAMPLES =
      Path.of("../trace-parsers/src/test/resources/samples").toAbsolutePath().normalize();

  @TempDir Path tmp;
  private DaemonPlace place;
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);
  private final List<Served> servers = new ArrayList<>();

  @BeforeEach
  void place() throws IOException {
    place = DaemonPlace.in(tmp.resolve("daemons"), "0123456789abcdef");
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Served s : servers) {
      s.server().stop("test over");
      s.done().get(30, TimeUnit.SECONDS);
    }
  }

  /** A daemon serving on a thread of this JVM, and whether its serve() found the place free. */
  private record Served(DaemonServer server, CompletableFuture<Boolean> done) {}

  private Served serve(Duration idle) throws Exception {
    DaemonServer server = new DaemonServer(place, idle, DaemonPlace.code(), System::nanoTime, log);
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                done.complete(server.serve());
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            });
    t.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!listening() && !done.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Served s = new Served(server, done);
    servers.add(s);
    return s;
  }

  private boolean listening() {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(place.address());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String status() throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(place.address());
      byte[] request = new DaemonWire.Request(DaemonWire.STATUS, false, List.of()).encode();
      DaemonWire.write(ch, DaemonWire.STATUS, request);
      return DaemonWire.read(ch, DaemonWire.MAX_FRAME).text();
    }
  }

  private record Result(Integer code, String out, String err) {}

  private Result viaDaemon(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Integer code = client().run(args, false, out, err);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private DaemonClient client() {
    return new DaemonClient(place, "", 600);
  }

  private static Result here(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new Utf8Out(out),
            new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true),
            args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void run_inTheDaemon_printsTheBytesAndExitCodeOfARunHere_everyTime() throws Exception {
    serve(Duration.ofMinutes(10));
    String samples = SAMPLES.toString();
    String corrupt =
        AnalyzeCommandTest.corruptCorpus(Files.createDirectory(tmp.resolve("corrupt"))).toString();
    for (String[] args :
        List.of(
            new String[] {"analyze", samples, "--json", "--no-progress"},
            new String[] {"analyze", samples, "--json", "--request-lines", "--no-progress"},
            new String[] {"analyze", samples, "--no-progress", "--top", "5"},
            new String[] {"analyze", corrupt, "--strict", "--json", "--no-progress"},
            new String[] {"analyze", samples, "--json", "--no-progress"})) {
      Result expected = here(args);

      Result got = viaDaemon(args);

      assertThat(got).as(String.join(" ", args)).isEqualTo(expected);
    }
    assertThat(here("analyze", corrupt, "--strict", "--no-progress").code()).isEqualTo(2);
  }

  @Test
  void run_withAFileTheDaemonCannotRead_failsThereAsHere() throws Exception {
    serve(Duration.ofMinutes(10));
    String[] args = {
      "analyze", SAMPLES.toString(), "--prices", tmp.resolve("missing.csv").toString(), "--json"
    };

    Result got = viaDaemon(args);

    assertThat(got.code()).isEqualTo(1);
    assertThat(got).isEqualTo(here(args));
  }

  @Test
  void relativePathsAndTheSample_areLeftToTheClient() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CLAUDE_CONFIG_DIR") == null);
    serve(Duration.ofMinutes(10));
    String home = System.getProperty("user.home");
    System.setProperty("user.home", Files.createDirectory(tmp.resolve("newcomer")).toString());
    try {
      assertThat(viaDaemon("analyze", "samples", "--json")).isEqualTo(new Result(null, "", ""));
      assertThat(viaDaemon("analyze", "--json")).isEqualTo(new Result(null, "", ""));
      assertThat(viaDaemon("analyze", SAMPLES.toString(), "--teams", "t.json").code()).isNull();
      assertThat(DaemonClient.servable(QuickArgs.analyze("analyze", "samples")))
          .isEqualTo("relative path samples");
      assertThat(DaemonClient.servable(QuickArgs.analyze("analyze"))).isEqualTo("no PATH given");
      assertThat(DaemonClient.servable(QuickArgs.analyze("analyze", SAMPLES.toString()))).isNull();
    } finally {
      System.setProperty("user.home", home);
    }
  }

  private static final Path PERL_CLIENT = Path.of("../bin/tokensieve-client.pl");

  /** A run through bin/tokensieve's perl client: its exit code, stdout and stderr. */
  private Result viaPerl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("perl", PERL_CLIENT.toString()));
    command.add(place.socket().toString());
    command.addAll(List.of(args));
    Path out = tmp.resolve("perl.out");
    Path err = tmp.resolve("perl.err");
    Process p =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static boolean perlInstalled() {
    try {
      return new ProcessBuilder("perl", "-MIO::Socket::UNIX", "-e", "1").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void thePerlClient_printsWhatARunHerePrints_andLeavesTheRestToTheJvm() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(perlInstalled(), "perl is not installed");
    String samples = SAMPLES.toString();
    assertThat(viaPerl("analyze", samples, "--json").code()).as("no daemon yet").isEqualTo(100);
    Served s = serve(Duration.ofMinutes(10));
    String corrupt =
        AnalyzeCommandTest.corruptCorpus(Files.createDirectory(tmp.resolve("corrupt"))).toString();
    for (String[] args :
        List.of(
            new String[] {"analyze", samples, "--json", "--request-lines", "--no-progress"},
            new String[] {"analyze", samples, "--no-progress"},
            new String[] {"analyze", corrupt, "--strict", "--json", "--no-progress"})) {
      assertThat(viaPerl(args)).as(String.join(" ", args)).isEqualTo(here(args));
    }

    assertThat(viaPerl("analyze", "samples", "--json").code()).as("declined").isEqualTo(101);
    s.server().busy.set(true);
    assertThat(viaPerl("analyze", samples, "--json").code()).as("busy").isEqualTo(101);
    s.server().busy.set(false);
    Files.setPosixFilePermissions(place.dir(), PosixFilePermissions.fromString("rwxr-x---"));
    try {
      assertThat(viaPerl("analyze", samples, "--json").code()).as("not private").isEqualTo(100);
    } finally {
      Files.setPosixFilePermissions(place.dir(), PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aBusyDaemon_leavesTheRunToTheClient_thenServesAgain() throws Exception {
    Served s = serve(Duration.ofMinutes(10));
    String[] args = {"analyze", SAMPLES.toString(), "--json", "--no-progress"};
    s.server().busy.set(true);

    assertThat(viaDaemon(args).code()).isNull();

    s.server().busy.set(false);
    assertThat(viaDaemon(args).code()).isZero();
  }

  @Test
  void aClientThatHangsUp_leavesTheDaemonFreeForTheNext() throws Exception {
    serve(Duration.ofMinutes(10));
    String[] args = {"analyze", SAMPLES.toString(), "--json", "--request-lines", "--no-progress"};
    for (int i = 0; i < 3; i++) {
      try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        ch.connect(place.address());
        byte[] request = new DaemonWire.Request(DaemonWire.RUN, false, List.of(args)).encode();
        DaemonWire.write(ch, DaemonWire.RUN, request);
      }
    }

    Result next = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while ((next == null || next.code() == null) && System.nanoTime() < deadline) {
      next = viaDaemon(args); // null while it is still busy with a cancelled run
      Thread.sleep(20);
    }
    assertThat(next).isEqualTo(here(args));
  }

  @Test
  void aClientThatHangsUpMidRun_cancelsTheRun() throws Exception {
    serve(Duration.ofMinutes(10));
    Path big = tmp.resolve("big");
    new dev.tokensieve.datasets.CorpusGenerator(7, java.time.Instant.parse("2026-09-01T09:00:00Z"))
        .generate(big, dev.tokensieve.datasets.CorpusSpec.sessions(400));
    // the table: printed at the end, so only the interrupt, not a failed write, can stop the run
    String[] args = {"analyze", big.toString(), "--no-progress"};
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(place.address());
      byte[] request = new DaemonWire.Request(DaemonWire.RUN, false, List.of(args)).encode();
      DaemonWire.write(ch, DaemonWire.RUN, request);
      long begun = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!status().contains(", running,") && System.nanoTime() < begun) {
        Thread.sleep(5);
      }
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!logged.toString(StandardCharsets.UTF_8).contains("run 1: ")
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(logged.toString(StandardCharsets.UTF_8))
        .contains("run 1: the client hung up; the run ended with exit 1 after ");
  }

  @Test
  void noDaemon_orOneThatDied_leavesTheRunToTheClient_andANewOneTakesThePlace() throws Exception {
    String[] args = {"analyze", SAMPLES.toString(), "--json", "--no-progress"};
    assertThat(viaDaemon(args).code()).isNull();
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(place.address()); // closing leaves the socket file, as a killed daemon does
    }
    assertThat(place.socket()).exists();
    assertThat(viaDaemon(args).code()).isNull();

    serve(Duration.ofMinutes(10));

    assertThat(viaDaemon(args)).isEqualTo(here(args));
  }

  @Test
  void aSecondDaemon_atTheSamePlace_returnsAtOnce_andTheFirstServesOn() throws Exception {
    serve(Duration.ofMinutes(10));
    DaemonServer second =
        new DaemonServer(place, Duration.ofMinutes(10), DaemonPlace.code(), System::nanoTime, log);

    assertThat(second.serve()).isFalse();
    assertThat(viaDaemon("analyze", SAMPLES.toString(), "--json").code()).isZero();
  }

  @Test
  void anIdleDaemon_exits_andRemovesItsSocket() throws Exception {
    Served s = serve(Duration.ofSeconds(1));

    assertThat(s.done().get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(place.socket()).doesNotExist();
    assertThat(logged.toString(StandardCharsets.UTF_8)).contains("exiting: idle for 1 s");
    assertThat(serve(Duration.ofSeconds(1)).done().get(30, TimeUnit.SECONDS))
        .as("its lock is free for the next")
        .isTrue();
  }

  @Test
  void aDaemonWhoseCodeChanges_exits() throws Exception {
    Path jar = Files.writeString(tmp.resolve("tokensieve.jar"), "build 1");
    DaemonServer server =
        new DaemonServer(place, Duration.ofMinutes(10), jar, System::nanoTime, log);
    CompletableFuture<Boolean> done = CompletableFuture.supplyAsync(() -> serveQuietly(server));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!listening() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    Files.writeString(jar, "build 2, longer");

    assertThat(done.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(place.socket()).doesNotExist();
    assertThat(logged.toString(StandardCharsets.UTF_8))
        .contains("exiting: its code changed: " + jar);
  }

  private static boolean serveQuietly(DaemonServer server) {
    try {
      return server.serve();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void daemonCommand_showsAndStopsTheDaemons() throws Exception {
    Served s = serve(Duration.ofMinutes(10));
    viaDaemon("analyze", SAMPLES.toString(), "--json");
    System.setProperty("tokensieve.daemon.dir", place.dir().toString());
    try {
      CommandRun status = CommandRun.of("daemon", "status");
      assertThat(status.out()).startsWith(place.key() + ": pid ").contains("1 run(s), waiting");

      CommandRun stop = CommandRun.of("daemon", "stop");
      assertThat(stop.out()).isEqualTo(place.key() + ": stopping " + place.key() + "\n");
      assertThat(s.done().get(30, TimeUnit.SECONDS)).isTrue();

      assertThat(CommandRun.of("daemon").out()).startsWith("no daemon running (in ");
    } finally {
      System.clearProperty("tokensieve.daemon.dir");
    }
  }

  @Test
  void daemonCommand_removesTheFilesOfADaemonThatWasKilled() throws Exception {
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(place.address()); // closing leaves the socket file, as a killed daemon does
    }
    Files.writeString(place.log(), "listening\n");
    System.setProperty("tokensieve.daemon.dir", place.dir().toString());
    try {
      CommandRun status = CommandRun.of("daemon", "status");

      assertThat(status.out())
          .isEqualTo(
              place.key()
                  + ": not running; removed its socket, log and lock\n"
                  + "no daemon running (in "
                  + place.dir()
                  + ")\n");
      assertThat(place.socket()).doesNotExist();
      assertThat(place.log()).doesNotExist();
    } finally {
      System.clearProperty("tokensieve.daemon.dir");
    }
  }

  @Test
  void theClient_startsADaemonProcess_thatServesTheNextRun() throws Exception {
    DaemonClient client = new DaemonClient(place, "-Xmx256m -Xms32m -XX:+UseSerialGC", 120);
    String[] args = {"analyze", SAMPLES.toString(), "--json", "--no-progress"};
    assertThat(client.run(args, false, new ByteArrayOutputStream(), new ByteArrayOutputStream()))
        .isNull();

    client.startIfAbsent();

    Result got = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while ((got == null || got.code() == null) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      got = viaDaemon(args);
    }
    assertThat(got)
        .as("log: %s", Files.exists(place.log()) ? Files.readString(place.log()) : "")
        .isEqualTo(here(args));
    System.setProperty("tokensieve.daemon.dir", place.dir().toString());
    try {
      assertThat(CommandRun.of("daemon", "stop").out()).contains("stopping " + place.key());
    } finally {
      System.clearProperty("tokensieve.daemon.dir");
    }
    deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (Files.exists(place.socket()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(place.socket()).doesNotExist();
    assertThat(Files.readString(place.log())).contains("listening on", "run 1: exit 0", "exiting");
  }

  @Test
  void place_isMadePrivate_andOneOthersCouldReachIsRefused() throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(place.dir())))
        .isEqualTo("rwx------");
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), place.dir());

    assertThatThrownBy(() -> DaemonPlace.in(open, "k"))
        .hasMessageContaining("has mode rwxr-xr-x, not rwx------");
    assertThatThrownBy(() -> DaemonPlace.in(link, "k")).hasMessageContaining("is not a directory");
    assertThatThrownBy(() -> DaemonPlace.in(tmp.resolve("x".repeat(120)), "k"))
        .hasMessageContaining("too long for a Unix socket");
  }

  /**
   * The key bin/tokensieve gives the daemon of an analyze run in {@code env} with {@code umask}:
   * the launcher runs a stand-in java that prints its arguments.
   */
  private String launcherKey(Map<String, String> env, String umask) throws Exception {
    Path bin = tmp.resolve("bin");
    if (!Files.exists(bin)) {
      Files.createDirectory(bin);
      Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
      Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    ProcessBuilder pb =
        new ProcessBuilder(
            "sh", "-c", "umask " + umask + " && exec ../bin/tokensieve analyze /traces --json");
    pb.environment().clear();
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().put("TOKENSIEVE_DAEMON", "on");
    pb.environment().put("TOKENSIEVE_DAEMON_DIR", place.dir().toString());
    pb.environment().put("TOKENSIEVE_CDS", "off");
    pb.environment().putAll(env);
    Process p = pb.redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(printed).isZero();
    assertThat(printed).contains("-Dtokensieve.daemon.dir=" + place.dir() + "\n");
    return printed
        .lines()
        .filter(l -> l.startsWith("-Dtokensieve.daemon.key="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no key in " + printed))
        .substring("-Dtokensieve.daemon.key=".length());
  }

  @Test
  void theLaunchersKey_changesWithWhatARunDependsOn_only() throws Exception {
    Path jar = Files.writeString(tmp.resolve("tokensieve.jar"), "build 1");
    Map<String, String> env =
        new HashMap<>(Map.of("TOKENSIEVE_JAR", jar.toString(), "HOME", "/home/ann", "TZ", "UTC"));
    String key = launcherKey(env, "022");

    assertThat(key).matches("[0-9a-f]{16}").isEqualTo(launcherKey(env, "022"));
    assertThat(launcherKey(env, "077")).as("umask").isNotEqualTo(key);
    env.put("TERM", "xterm");
    assertThat(launcherKey(env, "022")).as("TERM").isEqualTo(key);
    env.put("LANG", "de_DE.UTF-8");
    String german = launcherKey(env, "022");
    assertThat(german).as("LANG").isNotEqualTo(key);
    env.put("JAVA_OPTS", "-Xmx1g");
    assertThat(launcherKey(env, "022")).as("JAVA_OPTS").isNotEqualTo(german);
    env.remove("JAVA_OPTS");
    Files.writeString(jar, "build 2, longer");
    assertThat(launcherKey(env, "022")).as("a new build").isNotEqualTo(german);
  }

  @Test
  void wire_readsWhatItWrites_andRefusesWhatIsNotOurs() throws IOException {
    DaemonWire.Request r =
        new DaemonWire.Request(DaemonWire.RUN, true, List.of("analyze", "/tmp/ä b"));

    assertThat(DaemonWire.Request.decode(r.encode())).isEqualTo(r);
    byte[] foreign = r.encode();
    foreign[0] = 'G';
    assertThatThrownBy(() -> DaemonWire.Request.decode(foreign))
        .hasMessage("not a tokensieve daemon request");
    byte[] truncated = java.util.Arrays.copyOf(r.encode(), r.encode().length - 3);
    assertThatThrownBy(() -> DaemonWire.Request.decode(truncated)).isInstanceOf(IOException.class);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        SocketChannel a = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(place.address());
      a.connect(place.address());
      try (SocketChannel b = server.accept()) {
        DaemonWire.write(a, DaemonWire.OUT, "hello".getBytes(StandardCharsets.UTF_8));
        a.write(ByteBuffer.wrap(new byte[] {DaemonWire.OUT, 0x7f, 0, 0, 0}));

        assertThat(DaemonWire.read(b, 16).text()).isEqualTo("hello");
        assertThatThrownBy(() -> DaemonWire.read(b, 16)).hasMessageContaining("at most 16");
      }
    }
  }
}
