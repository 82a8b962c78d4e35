package dev.tokensieve.core.detect;

import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.testing.TraceBuilder;
import java.util.SplittableRandom;

/** Random sessions with every kind of waste and mess mixed in, for never-throw properties. */
final class NoisySessions {
  private NoisySessions() {}

  static Session next(SplittableRandom r, String id) {
    TraceBuilder b = TraceBuilder.session(id);
    String[] models = {
      TraceBuilder.SONNET, TraceBuilder.OPUS, TraceBuilder.HAIKU, "gpt-5", "mystery"
    };
    String[] agents = {"main", "main", "main", "a1", "a2"};
    int n = r.nextInt(0, 120);
    for (int i = 0; i < n; i++) {
      b.agent(agents[r.nextInt(agents.length)]);
      if (r.nextInt(10) == 0) {
        b.model(models[r.nextInt(models.length)]);
      }
      String file = "f" + r.nextInt(4);
      switch (r.nextInt(12)) {
        case 0 -> b.bashFails("pytest", "1 failed in 0." + r.nextInt(9) + "s");
        case 1 -> b.read(file, "body of " + file, r.nextLong(0, 30_000));
        case 2 -> b.edit(file, "v" + r.nextInt(3), "v" + r.nextInt(3));
        case 3 -> b.pauseMinutes(r.nextInt(0, 90));
        case 4 -> b.compact();
        case 5 -> b.apiError("API Error: 529");
        case 6 -> b.interrupt();
        case 7 -> b.user("try again");
        case 8 -> b.turn(r.nextLong(0, 5_000), 0);
        case 9 ->
            b.request(
                new dev.tokensieve.core.model.Usage(
                    r.nextLong(0, 50_000),
                    r.nextLong(0, 50_000),
                    r.nextLong(0, 5_000),
                    r.nextLong(0, 200_000),
                    r.nextLong(0, 5_000),
                    0));
        case 10 -> b.turn(100).call(ToolKind.OTHER, "mcp", "x").result(false, null, "same", 900);
        default -> { // a burst of lookups: a survey of five or more is model overkill on Opus
          for (int k = r.nextInt(1, 7); k > 0; k--) {
            b.bash(r.nextBoolean() ? "ls" : "git status", "ok " + r.nextInt(3));
          }
        }
      }
    }
    return b.build();
  }
}
