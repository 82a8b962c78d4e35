package dev.tokensieve.scoring.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class CiChecksTest {
  @Test
  void fromOutput_prChecksTerminalSummary_readsCounts() {
    String failing =
        "Some checks were not successful\n"
            + "0 cancelled, 1 failing, 3 successful, 0 skipped, and 0 pending checks\n\n"
            + "   NAME   DESCRIPTION  ELAPSED  URL\n"
            + "X  lint                 41s      https://github.com/acme/a/actions/runs/1/job/2\n";
    assertThat(CiChecks.fromOutput(failing))
        .contains(
            new CiChecks.Verdict(
                false, "0 cancelled, 1 failing, 3 successful, 0 skipped, and 0 pending checks"));
    String passing =
        "All checks were successful\n"
            + "0 cancelled, 0 failing, 4 successful, 0 skipped, and 0 pending checks\n";
    assertThat(CiChecks.fromOutput(passing).get().passed()).isTrue();
    String pending = "0 cancelled, 0 failing, 2 successful, 0 skipped, and 2 pending checks\n";
    assertThat(CiChecks.fromOutput(pending)).isEmpty();
  }

  @Test
  void fromOutput_prChecksPiped_readsRows() {
    String out =
        "lint\tfail\t41s\thttps://github.com/acme/a/actions/runs/1/job/2\t\n"
            + "test\tpass\t2m3s\thttps://github.com/acme/a/actions/runs/1/job/3\t\n";
    assertThat(CiChecks.fromOutput(out))
        .contains(new CiChecks.Verdict(false, "1 failing: lint\tfail"));
    assertThat(CiChecks.fromOutput("test\tpass\t2m3s\thttps://x\t\n"))
        .contains(new CiChecks.Verdict(true, "1 checks passed"));
  }

  @Test
  void fromOutput_runWatch_readsConclusion() {
    String out =
        "✓ main CI · 12345678\nTriggered via push about 2 minutes ago\n\nJOBS\n"
            + "✓ build in 1m2s (ID 987)\n\nRun CI (12345678) completed with 'success'\n";
    assertThat(CiChecks.fromOutput(out))
        .contains(new CiChecks.Verdict(true, "Run CI (12345678) completed with 'success'"));
    assertThat(CiChecks.fromOutput("X fix-login CI · 42\nTriggered via push\n").get().passed())
        .isFalse();
    assertThat(CiChecks.isCiCommand("gh pr checks 139 --watch")).isTrue();
    assertThat(CiChecks.isCiCommand("gh run watch --exit-status")).isTrue();
    assertThat(CiChecks.isCiCommand("gh pr view 139")).isFalse();
  }
}
