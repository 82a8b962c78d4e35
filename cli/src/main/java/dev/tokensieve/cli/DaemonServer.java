package dev.tokensieve.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The analysis daemon: a JVM that stays up between {@code analyze} runs so that each run after the
 * first finds its code compiled. A one-shot run spends about a second of CPU starting the JVM,
 * loading classes and compiling the parser before it reaches full speed (bench/README.md, round 5);
 * a warm one analysed 479 MB in 1.1-1.4 s where one-shot runs took 1.5-1.9 s (round 6).
 *
 * <p>It serves one run at a time ({@link DaemonWire}): a client that finds it busy runs the
 * analysis itself. It takes only runs whose paths are all absolute ({@link DaemonClient#servable}),
 * since a JVM cannot change its working directory and the report names files as they were given. It
 * reads the traces afresh on every run and keeps nothing from one run to the next but compiled code
 * and the bundled price table: its output is the same bytes a one-shot run prints.
 *
 * <p>It exits when idle for its idle time, when told to ({@code tokensieve daemon stop}), or when
 * its jar changes (a new build has its own daemon). Only one runs per {@link DaemonPlace}: it holds
 * the place's lock while it lives, so a second one started in a race exits at once, and a socket
 * left by one that was killed is replaced.
 */
final class DaemonServer {
  private static final Duration WATCH_EVERY = Duration.ofSeconds(1);

  private final DaemonPlace place;
  private final PrintStream log;
  private final Duration idle;
  private final Path code;
  private final String codeStamp;
  private final LongSupplier clock;

  /** Set while a run is in progress (tests set it to stand for one). */
  final AtomicBoolean busy = new AtomicBoolean();

  private final AtomicLong lastActive;
  private final AtomicLong runs = new AtomicLong();
  private final Instant started = Instant.now();
  private volatile @Nullable ServerSocketChannel server;
  private volatile String ending = "stopped";

  /**
   * A daemon at {@code place} that exits after {@code idle} without a run or when {@code code} (its
   * jar) changes, writing what it does to {@code log}.
   */
  DaemonServer(
      DaemonPlace place, Duration idle, Path code, LongSupplier nanoClock, PrintStream log) {
    this.log = log;
    this.place = place;
    this.idle = idle;
    this.code = code;
    this.codeStamp = stamp(code);
    this.clock = nanoClock;
    this.lastActive = new AtomicLong(nanoClock.getAsLong());
  }

  /** {@code DaemonServer DIR KEY IDLE_SECONDS}: what {@link DaemonClient} starts. */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: DaemonServer DIR KEY IDLE_SECONDS");
      System.exit(2);
    }
    DaemonPlace place = DaemonPlace.in(Path.of(args[0]), args[1]);
    DaemonServer daemon =
        new DaemonServer(
            place,
            Duration.ofSeconds(Long.parseLong(args[2])),
            DaemonPlace.code(),
            System::nanoTime,
            System.out); // the client sends it to DIR/KEY.log
    System.exit(daemon.serve() ? 0 : 1);
  }

  /**
   * Serves until idle, stopped, or the code changes. Returns false at once if another daemon holds
   * this place.
   */
  boolean serve() throws IOException {
    try (FileChannel lockFile =
            FileChannel.open(place.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = DaemonPlace.tryLock(lockFile)) {
      if (held == null) {
        log("another daemon holds " + place.lock() + "; exiting");
        return false;
      }
      Files.deleteIfExists(place.socket()); // left by a daemon that was killed
      removeDead();
      try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        s.bind(place.address());
        server = s;
        log("listening on " + place.socket() + " (pid " + ProcessHandle.current().pid() + ")");
        Thread watch = new Thread(this::watch, "tokensieve-daemon-watch");
        watch.setDaemon(true);
        watch.start();
        accept(s);
      } finally {
        Files.deleteIfExists(place.socket());
      }
      awaitIdle();
      log("exiting: " + ending);
      return true;
    }
  }

  /** Stops accepting: the run in progress, if any, finishes. */
  void stop(String why) {
    ending = why;
    ServerSocketChannel s = server;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        log("closing the socket: " + e.getMessage());
      }
    }
  }

  /** Removes the files of other builds' daemons that have exited: their locks are free. */
  private void removeDead() {
    try (Stream<Path> files = Files.list(place.dir())) {
      for (Path lock : files.filter(p -> p.toString().endsWith(".lock")).toList()) {
        String other = lock.getFileName().toString().replaceFirst("\\.lock$", "");
        if (!other.equals(place.key())) {
          new DaemonPlace(place.dir(), other).removeIfDead();
        }
      }
    } catch (IOException e) {
      log("tidying " + place.dir() + ": " + e.getMessage()); // harmless: a few small files stay
    }
  }

  private void accept(ServerSocketChannel s) throws IOException {
    while (true) {
      SocketChannel c;
      try {
        c = s.accept();
      } catch (ClosedChannelException e) { // closed by stop(), also while waiting here
        return;
      }
      Thread t = new Thread(() -> handle(c), "tokensieve-daemon-client");
      t.start();
    }
  }

  private void watch() {
    while (server != null && server.isOpen()) {
      try {
        Thread.sleep(WATCH_EVERY.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      if (!stamp(code).equals(codeStamp)) {
        stop("its code changed: " + code);
      } else if (!busy.get() && clock.getAsLong() - lastActive.get() > idle.toNanos()) {
        stop("idle for " + idle.toSeconds() + " s");
      }
    }
  }

  private void awaitIdle() {
    while (busy.get()) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void handle(SocketChannel c) {
    try (c) {
      DaemonWire.Frame f = DaemonWire.read(c, DaemonWire.MAX_REQUEST);
      if (f == null) {
        return;
      }
      DaemonWire.Request r = DaemonWire.Request.decode(f.payload());
      lastActive.set(clock.getAsLong());
      switch (r.kind()) {
        case DaemonWire.RUN -> run(c, r);
        case DaemonWire.STATUS -> DaemonWire.writeText(c, DaemonWire.TEXT, status());
        case DaemonWire.STOP -> {
          DaemonWire.writeText(c, DaemonWire.TEXT, "stopping " + place.key());
          stop("asked to stop");
        }
        default -> DaemonWire.writeText(c, DaemonWire.DECLINED, "unknown request " + r.kind());
      }
    } catch (IOException e) {
      log("a client: " + e); // it hung up, or is not ours: the daemon goes on
    } catch (RuntimeException | Error e) {
      log("failed: " + e);
      stop("failed: " + e); // after an OutOfMemoryError, say, a fresh JVM is the safe one
    }
  }

  private void run(SocketChannel c, DaemonWire.Request r) throws IOException {
    AnalyzeCommand cmd = QuickArgs.analyze(r.args().toArray(String[]::new));
    String unservable = cmd == null ? "not a plain analyze command" : DaemonClient.servable(cmd);
    if (cmd == null || unservable != null) {
      DaemonWire.writeText(c, DaemonWire.DECLINED, String.valueOf(unservable));
      return;
    }
    if (!busy.compareAndSet(false, true)) {
      DaemonWire.writeText(c, DaemonWire.BUSY, "busy");
      return;
    }
    AtomicBoolean done = new AtomicBoolean();
    try {
      cmd.terminal = r.terminal();
      Object lock = new Object();
      Utf8Out out =
          new Utf8Out(
              new BufferedOutputStream(
                  new DaemonWire.FrameStream(c, DaemonWire.OUT, lock), DaemonWire.MAX_FRAME));
      PrintWriter err =
          new PrintWriter(
              new OutputStreamWriter(
                  new DaemonWire.FrameStream(c, DaemonWire.ERR, lock), StandardCharsets.UTF_8),
              true);
      AtomicBoolean hungUp = watchHangUp(c, Thread.currentThread(), done);
      long t0 = clock.getAsLong();
      int code = Main.runQuick(cmd, out, err);
      done.set(true);
      double took = (clock.getAsLong() - t0) / 1e9;
      if (hungUp.get()) { // exit 1 if the interrupt stopped it, as it should
        log(
            String.format(
                "run %d: the client hung up; the run ended with exit %d after %.2f s",
                runs.incrementAndGet(), code, took));
        return;
      }
      DaemonWire.writeCode(c, code);
      log(String.format("run %d: exit %d in %.2f s", runs.incrementAndGet(), code, took));
    } finally {
      done.set(true);
      Thread.interrupted(); // a hang-up after the run ended interrupts nothing further
      lastActive.set(clock.getAsLong());
      busy.set(false);
    }
  }

  /**
   * Interrupts {@code worker} if the client hangs up before {@code done} (Ctrl-C cancels: the run
   * stops at its next wait for a parsed file); the flag returned says it did.
   */
  private static AtomicBoolean watchHangUp(SocketChannel c, Thread worker, AtomicBoolean done) {
    AtomicBoolean hungUp = new AtomicBoolean();
    Thread t =
        new Thread(
            () -> {
              try {
                int n = c.read(ByteBuffer.allocate(1));
                if (n >= 0) {
                  return; // a client sends nothing after its request; leave it be
                }
              } catch (IOException e) {
                // closed: below
              }
              if (!done.get()) {
                hungUp.set(true);
                worker.interrupt();
              }
            },
            "tokensieve-daemon-hangup");
    t.setDaemon(true);
    t.start();
    return hungUp;
  }

  private String status() {
    Runtime rt = Runtime.getRuntime();
    long idleFor = Duration.ofNanos(clock.getAsLong() - lastActive.get()).toSeconds();
    return String.format(
        "pid %d, up since %s, %d run(s), %s, idle %d s of %d s, heap %d of %d MB, %s",
        ProcessHandle.current().pid(),
        started,
        runs.get(),
        busy.get() ? "running" : "waiting",
        busy.get() ? 0 : idleFor,
        idle.toSeconds(),
        (rt.totalMemory() - rt.freeMemory()) >> 20,
        rt.totalMemory() >> 20,
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
  }

  private static String stamp(Path p) {
    try {
      return Files.size(p) + " " + Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return "gone";
    }
  }

  private void log(String message) {
    log.println(Instant.now() + " daemon " + place.key() + ": " + message);
    log.flush();
  }
}
