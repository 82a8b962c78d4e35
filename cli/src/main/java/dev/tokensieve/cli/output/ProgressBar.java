package dev.tokensieve.cli.output;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr for long runs: bytes read of the total, throughput, sessions.
 *
 * <p>Redrawn at most every {@link #REDRAW_NANOS} so that drawing never costs measurable time;
 * thread-safe, since parser threads report progress concurrently.
 */
public final class ProgressBar {
  /** Five redraws a second: smooth to the eye, negligible cost. */
  static final long REDRAW_NANOS = 200_000_000L;

  private static final int WIDTH = 28;

  private final PrintStream err;
  private final boolean enabled;
  private final LongSupplier clock;
  private final long started;
  private long lastDraw;
  private boolean drawn;

  /** A bar on {@code err}; a disabled bar draws nothing. */
  public ProgressBar(PrintStream err, boolean enabled, LongSupplier nanoClock) {
    this.err = err;
    this.enabled = enabled;
    this.clock = nanoClock;
    this.started = nanoClock.getAsLong();
    this.lastDraw = started;
  }

  /** Reports {@code done} of {@code total} bytes and {@code sessions} sessions so far. */
  public synchronized void update(long done, long total, long sessions) {
    if (!enabled) {
      return;
    }
    long now = clock.getAsLong();
    if (now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    drawn = true;
    err.print("\r" + line(done, total, sessions, now - started));
    err.flush();
  }

  /** Clears the bar so later output starts on a clean line. */
  public synchronized void finish() {
    if (enabled && drawn) {
      err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
      err.flush();
    }
  }

  static String line(long done, long total, long sessions, long elapsedNanos) {
    double fraction = total <= 0 ? 0 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = Math.max(1e-9, elapsedNanos / 1e9);
    return String.format(
        Locale.ROOT,
        "analyzing %3.0f%% [%s%s] %s of %s  %.0f MB/s  %,d sessions",
        100 * fraction,
        "=".repeat(filled),
        " ".repeat(WIDTH - filled),
        Numbers.bytes(done),
        Numbers.bytes(total),
        done / 1048576.0 / seconds,
        sessions);
  }
}
