package dev.tokensieve.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class ProgressBarTest {
  @Test
  void line_showsShareBarBytesThroughputAndSessions() {
    String line = ProgressBar.line(50L << 20, 200L << 20, 1234, 2_000_000_000L);

    assertThat(line)
        .isEqualTo(
            "analyzing  25% [=======                     ] 50.0 MB of 200.0 MB  25 MB/s"
                + "  1,234 sessions");
  }

  @Test
  void update_redrawsAtMostFiveTimesASecond_andDisabledDrawsNothing() {
    AtomicLong now = new AtomicLong();
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), true, now::get);
    StringWriter quiet = new StringWriter();
    ProgressBar off = new ProgressBar(new PrintWriter(quiet), false, now::get);

    now.set(ProgressBar.REDRAW_NANOS);
    bar.update(1, 10, 0);
    off.update(1, 10, 0);
    now.addAndGet(ProgressBar.REDRAW_NANOS / 2);
    bar.update(2, 10, 0); // too soon: skipped
    now.addAndGet(ProgressBar.REDRAW_NANOS);
    bar.update(3, 10, 0);
    bar.finish();

    // two draws ("\r" + line each) and the clearing ("\r" + blanks + "\r"); the skipped 20% never
    assertThat(out.toString().chars().filter(c -> c == '\r').count()).isEqualTo(4);
    assertThat(out.toString())
        .contains("analyzing  10%")
        .contains("analyzing  30%")
        .doesNotContain("analyzing  20%");
    assertThat(quiet.toString()).isEmpty();
  }
}
