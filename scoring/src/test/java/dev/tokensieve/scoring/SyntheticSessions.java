package dev.tokensieve.scoring;

import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Usage;
import java.util.SplittableRandom;

/**
 * Seeded, labelled synthetic sessions for label and model tests, until the datasets generator
 * lands. A latent skill decides success; the trace shows it only through noisy evidence (test runs,
 * edits, retries, interrupts, commits), as real traces do.
 */
public final class SyntheticSessions {
  /** A session and whether it succeeded. */
  public record Labelled(Session session, boolean success) {}

  private SyntheticSessions() {}

  /** The session for {@code seed}. */
  public static Labelled next(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double skill = r.nextDouble();
    boolean success = r.nextDouble() < 0.15 + 0.7 * skill;
    TestSessions s = TestSessions.session("syn-" + seed);
    int turns = 4 + r.nextInt(success ? 25 : 45);
    long context = 2_000 + r.nextInt(8_000);
    boolean lastPassed = false;
    int stuck = success ? 0 : r.nextInt(4);
    for (int t = 0; t < turns; t++) {
      context += 300 + r.nextInt(2_500);
      long fresh = 50 + r.nextInt(800);
      long cached = r.nextDouble() < 0.85 ? Math.max(0, context - fresh) : 0;
      long written = cached == 0 ? Math.max(0, context - fresh) : 0;
      s.request(new Usage(fresh, written, 0, cached, 40 + r.nextInt(900), 0));
      double u = r.nextDouble();
      if (u < 0.3) {
        s.edit("src/m" + r.nextInt(6) + ".py");
      } else if (u < 0.55) {
        boolean pass = r.nextDouble() < (success ? 0.35 + 0.6 * t / turns : 0.25);
        lastPassed = pass;
        s.shell(
            "pytest -q tests",
            pass ? (8 + r.nextInt(30)) + " passed in 1.2s\n" : "2 failed, 9 passed in 1.4s\n",
            pass ? 0 : 1);
      } else if (u < 0.75) {
        boolean err = r.nextDouble() < (success ? 0.1 : 0.3);
        s.shell(
            "grep -rn foo src/m" + r.nextInt(stuck + 3),
            err ? "grep: error" : "src/m.py:1: foo",
            err ? 2 : 0);
      } else if (u < 0.8 && r.nextDouble() < (success ? 0.05 : 0.25)) {
        s.interrupt();
      } else if (u < 0.82 && r.nextDouble() < 0.3) {
        s.apiError("overloaded_error");
      }
    }
    if (success && r.nextDouble() < 0.7) {
      if (!lastPassed && r.nextDouble() < 0.8) {
        s.request(200, context, 100).shell("pytest -q", "30 passed in 2.0s\n", 0);
      }
      if (r.nextDouble() < 0.5) {
        s.request(200, context, 100).shell("git commit -am fix", "[main abc1234] fix\n", 0);
      }
    }
    if (!success && r.nextDouble() < 0.3) {
      s.request(200, context, 100).shell("pytest -q", "1 failed, 29 passed in 2.0s\n", 1);
    }
    return new Labelled(s.build(), success);
  }
}
