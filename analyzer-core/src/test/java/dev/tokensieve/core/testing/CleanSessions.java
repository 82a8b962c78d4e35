package dev.tokensieve.core.testing;

import dev.tokensieve.core.model.Session;
import java.util.SplittableRandom;

/**
 * Random sessions with no waste in them: productive iteration (read distinct files, edit, run the
 * tests, a different edit, tests pass), no pauses, no repeats, modest outputs. Detectors should
 * find nothing in them; the same seed gives the same session.
 */
public final class CleanSessions {
  private CleanSessions() {}

  /** A clean session drawn from {@code random}. */
  public static Session next(SplittableRandom random, String id) {
    TraceBuilder b = TraceBuilder.session(id);
    b.user("please fix issue #" + random.nextInt(1, 1000));
    int tasks = random.nextInt(1, 5);
    int serial = 0;
    for (int t = 0; t < tasks; t++) {
      String file = "src/module" + t + ".py";
      b.glob("src/**/*.py", "src/module" + t + ".py\nsrc/util" + t + ".py");
      b.read(
          file,
          "def f" + t + "():\n    return " + random.nextInt() + "\n",
          random.nextLong(100, 800));
      if (random.nextInt(4) == 0) {
        b.agent("sub-" + t);
        b.read("docs/d" + t + ".md", "notes " + random.nextLong(), random.nextLong(100, 600));
        b.answer(random.nextLong(50, 300));
        b.mainAgent();
      }
      int attempts = random.nextInt(1, 4);
      for (int a = 0; a < attempts; a++) {
        serial++;
        b.edit(file, "v" + (serial - 1), "v" + serial);
        String test = "pytest tests/test_module" + t + ".py";
        if (a < attempts - 1) {
          b.bashFails(
              test,
              "FAILED test_module"
                  + t
                  + " - assert "
                  + serial
                  + " == "
                  + (serial + 7)
                  + "\n"
                  + "x".repeat(random.nextInt(10, 400)));
        } else {
          b.bash(test, serial + " passed in 0." + random.nextInt(10, 99) + "s");
        }
      }
      b.pause(java.time.Duration.ofSeconds(random.nextInt(0, 120)));
    }
    b.bash(
        "git commit -am 'fix issue'", "[main " + Integer.toHexString(random.nextInt()) + "] fix");
    b.answer(random.nextLong(50, 400));
    return b.build();
  }
}
