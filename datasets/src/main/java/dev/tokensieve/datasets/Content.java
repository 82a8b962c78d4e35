package dev.tokensieve.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The texts sessions are made of: source files, test runner output in each runner's real format,
 * git and gh output, logs and prose. Built from line pools prepared once per generator, so that a
 * megabyte of text costs a few array look-ups per line, not a random draw per character.
 */
final class Content {
  private static final String[] WORDS = {
    "refund",
    "invoice",
    "ledger",
    "account",
    "balance",
    "currency",
    "payment",
    "order",
    "cart",
    "session",
    "token",
    "cache",
    "retry",
    "deploy",
    "config",
    "cluster",
    "metric",
    "event",
    "stream",
    "batch",
    "record",
    "schema",
    "user",
    "tenant",
    "limit",
    "window",
    "queue",
    "worker",
    "handler",
    "router",
    "client",
    "server",
    "parser",
    "buffer",
    "rounding",
    "amount",
    "status"
  };
  private static final String[] PROSE = {
    "Let me look at how the", "I'll check the", "The failing test expects", "Now I understand the",
    "This means the", "I need to update the", "Looking at the", "The issue is that the",
    "Let me run the tests again to", "I'll fix the", "The error comes from the", "Next, the"
  };
  private static final int POOL = 512;

  private final List<String[]> pools = new ArrayList<>();

  Content(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed ^ 0xC0FFEEL);
    for (Toolchain t : Toolchain.values()) {
      String[] pool = new String[POOL];
      for (int i = 0; i < POOL; i++) {
        pool[i] = codeLine(t, rnd);
      }
      pools.add(pool);
    }
  }

  static String word(SplittableRandom rnd) {
    return WORDS[rnd.nextInt(WORDS.length)];
  }

  static String camel(SplittableRandom rnd) {
    String a = word(rnd);
    String b = word(rnd);
    return a + Character.toUpperCase(b.charAt(0)) + b.substring(1);
  }

  private static String codeLine(Toolchain t, SplittableRandom rnd) {
    String a = word(rnd);
    String b = word(rnd);
    String c = camel(rnd);
    int n = rnd.nextInt(100);
    int indent = 4 * rnd.nextInt(3);
    String pad = " ".repeat(indent);
    switch (t) {
      case PYTEST:
        switch (rnd.nextInt(6)) {
          case 0:
            return pad + "def " + a + "_" + b + "(self, " + b + ", limit=" + n + "):";
          case 1:
            return pad + "    " + a + " = self." + b + "_" + a + ".get(" + b + ", " + n + ")";
          case 2:
            return pad + "if " + a + " is None or " + b + " > " + n + ":";
          case 3:
            return pad + "    return Decimal(" + a + ").quantize(Decimal(\"0.01\"))";
          case 4:
            return pad + "# " + a + " must be normalised before the " + b + " is stored";
          default:
            return pad + "logger.debug(\"" + a + " %s " + b + "\", " + c + ")";
        }
      case GO:
        switch (rnd.nextInt(6)) {
          case 0:
            return "func (s *"
                + cap(a)
                + "Store) "
                + cap(c)
                + "(ctx context.Context, id string) error {";
          case 1:
            return "\t" + c + ", err := s." + b + ".Get(ctx, id)";
          case 2:
            return "\tif err != nil {\n\t\treturn fmt.Errorf(\""
                + a
                + " "
                + b
                + ": %w\", err)\n\t}";
          case 3:
            return "\t// " + cap(a) + " is retried at most " + n + " times.";
          case 4:
            return "\treturn s." + a + "." + cap(b) + "(" + c + ")";
          default:
            return "}";
        }
      case MAVEN:
        switch (rnd.nextInt(6)) {
          case 0:
            return pad + "public " + cap(a) + " " + c + "(" + cap(b) + " " + b + ") {";
          case 1:
            return pad
                + "    var "
                + a
                + " = "
                + b
                + "Repository.findBy"
                + cap(a)
                + "("
                + b
                + ".id());";
          case 2:
            return pad + "    if (" + a + ".compareTo(BigDecimal.valueOf(" + n + ")) > 0) {";
          case 3:
            return pad + "    return " + a + ".setScale(2, RoundingMode.HALF_EVEN);";
          case 4:
            return pad + "// " + cap(a) + " must not exceed the " + b + " limit.";
          default:
            return pad + "}";
        }
      case JEST:
        switch (rnd.nextInt(6)) {
          case 0:
            return "export function " + c + "(" + a + ": " + cap(b) + "): " + cap(a) + " {";
          case 1:
            return "  const " + a + " = use" + cap(b) + "(" + n + ");";
          case 2:
            return "  if (!" + a + "?." + b + ") return null;";
          case 3:
            return "  return <" + cap(a) + "Card " + b + "={" + c + "} />;";
          case 4:
            return "  // " + a + " updates when the " + b + " changes";
          default:
            return "}";
        }
      default:
        switch (rnd.nextInt(6)) {
          case 0:
            return "pub fn " + a + "_" + b + "(&self, " + b + ": &" + cap(a) + ") -> Result<u64> {";
          case 1:
            return "    let " + a + " = self." + b + ".get(&" + c + ")?;";
          case 2:
            return "    if " + a + " > " + n + " {";
          case 3:
            return "    Ok(" + a + ".saturating_sub(" + n + "))";
          case 4:
            return "    // " + cap(a) + " wraps on overflow; " + b + " does not.";
          default:
            return "}";
        }
    }
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The text of a source file: deterministic in ({@code fileSeed}, {@code version}). */
  String file(Toolchain t, long fileSeed, int version, int lines) {
    String[] pool = pools.get(t.ordinal());
    SplittableRandom rnd = new SplittableRandom(fileSeed * 31 + version);
    StringBuilder sb = new StringBuilder(lines * 48);
    for (int i = 0; i < lines; i++) {
      sb.append(pool[rnd.nextInt(POOL)]).append('\n');
    }
    return sb.toString();
  }

  /** {@code text} numbered the way Claude Code's Read tool returns it ({@code " 1→..."}). */
  static String numbered(String text) {
    StringBuilder sb = new StringBuilder(text.length() + text.length() / 6);
    int line = 1;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String n = Integer.toString(line++);
      for (int i = n.length(); i < 6; i++) {
        sb.append(' ');
      }
      sb.append(n).append('\u2192').append(text, start, end).append('\n');
      start = end + 1;
    }
    return sb.toString();
  }

  /** A source path in the toolchain's layout. */
  static String sourcePath(Toolchain t, SplittableRandom rnd) {
    String a = word(rnd);
    String b = word(rnd);
    switch (t) {
      case PYTEST:
        return "src/" + a + "/" + b + "s" + t.extension;
      case GO:
        return "internal/" + a + "/" + b + t.extension;
      case MAVEN:
        return "src/main/java/com/acme/" + a + "/" + cap(b) + "Service" + t.extension;
      case JEST:
        return "src/" + a + "/" + cap(b) + "Panel" + t.extension;
      default:
        return "src/" + a + "/" + b + t.extension;
    }
  }

  /** Prose of about {@code words} words, for assistant text and thinking. */
  static String prose(SplittableRandom rnd, int words) {
    StringBuilder sb = new StringBuilder(words * 7);
    int w = 0;
    while (w < words) {
      sb.append(PROSE[rnd.nextInt(PROSE.length)]).append(' ').append(word(rnd)).append(' ');
      sb.append(word(rnd)).append(rnd.nextInt(4) == 0 ? ".\n" : ". ");
      w += 8;
    }
    return sb.toString().trim();
  }

  /** The result of one test run in the runner's real output format; exit code 0 iff none fail. */
  record TestRun(String output, int exitCode, int failed, int passed) {}

  static TestRun testRun(
      Toolchain t, String repo, long namesSeed, int failed, int passed, double seconds) {
    SplittableRandom rnd = new SplittableRandom(namesSeed);
    String secs = String.format(Locale.ROOT, "%.2f", seconds);
    StringBuilder sb = new StringBuilder(512 + failed * 600);
    int total = failed + passed;
    switch (t) {
      case PYTEST:
        {
          sb.append(
                  "============================= test session starts ==============================\n")
              .append("platform linux -- Python 3.12.3, pytest-8.3.2, pluggy-1.5.0\n")
              .append("rootdir: /src/")
              .append(repo)
              .append('\n')
              .append("configfile: pyproject.toml\n")
              .append("collected ")
              .append(total)
              .append(" items\n\n");
          int left = total;
          int fails = failed;
          int mod = 0;
          while (left > 0) {
            int n = Math.min(left, 8 + rnd.nextInt(12));
            sb.append("tests/test_").append(word(rnd)).append(mod++).append(".py ");
            for (int i = 0; i < n; i++) {
              if (fails > 0 && rnd.nextInt(3) == 0) {
                sb.append('F');
                fails--;
              } else {
                sb.append('.');
              }
            }
            left -= n;
            sb.append(" [").append(100 * (total - left) / total).append("%]\n");
          }
          if (failed > 0) {
            sb.append(
                "\n=================================== FAILURES ===================================\n");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < failed; i++) {
              String name = "test_" + word(rnd) + "_" + word(rnd);
              names.add(name);
              sb.append("____________________________ ")
                  .append(name)
                  .append(" ____________________________\n\n")
                  .append("    def ")
                  .append(name)
                  .append("():\n")
                  .append(">       assert compute_")
                  .append(word(rnd))
                  .append("(Decimal(\"10.005\")) == Decimal(\"10.00\")\n")
                  .append("E       AssertionError: assert Decimal('10.01') == Decimal('10.00')\n\n")
                  .append("tests/test_")
                  .append(word(rnd))
                  .append(".py:")
                  .append(20 + rnd.nextInt(200))
                  .append(": AssertionError\n");
            }
            sb.append(
                "=========================== short test summary info ============================\n");
            for (String n : names) {
              sb.append("FAILED tests/test_api.py::").append(n).append(" - AssertionError\n");
            }
            sb.append("========================= ")
                .append(failed)
                .append(" failed, ")
                .append(passed)
                .append(" passed in ")
                .append(secs)
                .append("s =========================\n");
          } else {
            sb.append("============================== ")
                .append(passed)
                .append(" passed in ")
                .append(secs)
                .append("s ==============================\n");
          }
          break;
        }
      case GO:
        {
          int fails = failed;
          int pkgs = 2 + rnd.nextInt(5);
          for (int p = 0; p < pkgs; p++) {
            String pkg = "github.com/acme/" + repo + "/internal/" + word(rnd);
            boolean fail = fails > 0 && (p == pkgs - 1 || rnd.nextBoolean());
            if (fail) {
              int here = p == pkgs - 1 ? fails : 1 + rnd.nextInt(fails);
              for (int i = 0; i < here; i++) {
                String test = "Test" + cap(word(rnd)) + cap(word(rnd));
                sb.append("--- FAIL: ")
                    .append(test)
                    .append(" (0.00s)\n")
                    .append("    ")
                    .append(word(rnd))
                    .append("_test.go:")
                    .append(10 + rnd.nextInt(300))
                    .append(": got ")
                    .append(rnd.nextInt(10))
                    .append(", want ")
                    .append(10 + rnd.nextInt(10))
                    .append('\n');
              }
              fails -= here;
              sb.append("FAIL\nFAIL\t").append(pkg).append('\t').append(secs).append("s\n");
            } else {
              sb.append("ok  \t")
                  .append(pkg)
                  .append('\t')
                  .append(String.format(Locale.ROOT, "%.3f", seconds / pkgs))
                  .append("s\n");
            }
          }
          if (failed > 0) {
            sb.append("FAIL\n");
          }
          break;
        }
      case MAVEN:
        {
          sb.append(
                  "[INFO] -------------------------------------------------------\n[INFO]  T E S T S\n")
              .append("[INFO] -------------------------------------------------------\n");
          int classes = 2 + rnd.nextInt(4);
          int per = Math.max(1, total / classes);
          int fails = failed;
          for (int c = 0; c < classes; c++) {
            int run = c == classes - 1 ? total - per * (classes - 1) : per;
            int f = c == classes - 1 ? fails : Math.min(fails, rnd.nextInt(2));
            fails -= f;
            String cls = "com.acme." + word(rnd) + "." + cap(word(rnd)) + "ServiceTest";
            sb.append("[INFO] Running ").append(cls).append('\n');
            sb.append(f > 0 ? "[ERROR] " : "[INFO] ")
                .append("Tests run: ")
                .append(run)
                .append(", Failures: ")
                .append(f)
                .append(", Errors: 0, Skipped: 0, Time elapsed: ")
                .append(secs)
                .append(" s")
                .append(f > 0 ? " <<< FAILURE! -- in " + cls : " -- in " + cls)
                .append('\n');
            for (int i = 0; i < f; i++) {
              sb.append("[ERROR] ")
                  .append(cls)
                  .append('.')
                  .append(word(rnd))
                  .append(cap(word(rnd)))
                  .append(
                      " -- Time elapsed: 0.012 s <<< FAILURE!\norg.opentest4j.AssertionFailedError: expected: <10.00> but was: <10.01>\n")
                  .append("\tat com.acme.")
                  .append(word(rnd))
                  .append(".Test.java:")
                  .append(30 + rnd.nextInt(90))
                  .append('\n');
            }
          }
          sb.append("[INFO] \n[INFO] Results:\n[INFO] \n");
          sb.append(failed > 0 ? "[ERROR] " : "[INFO] ")
              .append("Tests run: ")
              .append(total)
              .append(", Failures: ")
              .append(failed)
              .append(", Errors: 0, Skipped: 0\n[INFO] \n")
              .append(
                  "[INFO] ------------------------------------------------------------------------\n")
              .append(failed > 0 ? "[INFO] BUILD FAILURE\n" : "[INFO] BUILD SUCCESS\n")
              .append(
                  "[INFO] ------------------------------------------------------------------------\n")
              .append("[INFO] Total time:  ")
              .append(secs)
              .append(" s\n");
          break;
        }
      case JEST:
        {
          int suites = 2 + rnd.nextInt(4);
          int fails = failed;
          int failedSuites = 0;
          for (int s = 0; s < suites; s++) {
            boolean fail = fails > 0 && (s == suites - 1 || rnd.nextBoolean());
            String file = "src/" + word(rnd) + "/" + cap(word(rnd)) + ".test.ts";
            sb.append(fail ? "FAIL " : "PASS ").append(file).append('\n');
            if (fail) {
              failedSuites++;
              int here = s == suites - 1 ? fails : 1;
              fails -= here;
              for (int i = 0; i < here; i++) {
                sb.append("  \u25cf ")
                    .append(cap(word(rnd)))
                    .append(" \u203a ")
                    .append(word(rnd))
                    .append(" renders the ")
                    .append(word(rnd))
                    .append("\n\n    expect(received).toBe(expected) // Object.is equality\n\n")
                    .append("    Expected: \"10.00\"\n    Received: \"10.01\"\n\n");
              }
            }
          }
          sb.append("\nTest Suites: ");
          if (failedSuites > 0) {
            sb.append(failedSuites).append(" failed, ");
          }
          sb.append(suites - failedSuites)
              .append(" passed, ")
              .append(suites)
              .append(" total\nTests:       ");
          if (failed > 0) {
            sb.append(failed).append(" failed, ");
          }
          sb.append(passed)
              .append(" passed, ")
              .append(total)
              .append(" total\nSnapshots:   0 total\nTime:        ")
              .append(secs)
              .append(" s\nRan all test suites.\n");
          break;
        }
      default:
        {
          sb.append("   Compiling ")
              .append(repo)
              .append(" v0.4.2 (/src/")
              .append(repo)
              .append(")\n")
              .append("    Finished `test` profile [unoptimized + debuginfo] target(s) in 3.41s\n")
              .append("     Running unittests src/lib.rs (target/debug/deps/")
              .append(repo.replace('-', '_'))
              .append("-")
              .append(Ids.hex(rnd, 16))
              .append(")\n\nrunning ")
              .append(total)
              .append(" tests\n");
          List<String> fails = new ArrayList<>();
          int f = failed;
          for (int i = 0; i < total; i++) {
            String name = word(rnd) + "::tests::" + word(rnd) + "_" + word(rnd);
            boolean fail = f > 0 && (total - i <= f || rnd.nextInt(4) == 0);
            if (fail) {
              f--;
              fails.add(name);
            }
            sb.append("test ").append(name).append(fail ? " ... FAILED\n" : " ... ok\n");
          }
          if (!fails.isEmpty()) {
            sb.append("\nfailures:\n\n");
            for (String n : fails) {
              sb.append("---- ")
                  .append(n)
                  .append(" stdout ----\nthread '")
                  .append(n)
                  .append("' panicked at src/lib.rs:")
                  .append(40 + rnd.nextInt(200))
                  .append(":9:\nassertion `left == right` failed\n  left: 1001\n right: 1000\n\n");
            }
            sb.append("failures:\n");
            for (String n : fails) {
              sb.append("    ").append(n).append('\n');
            }
          }
          sb.append("\ntest result: ")
              .append(failed > 0 ? "FAILED" : "ok")
              .append(". ")
              .append(passed)
              .append(" passed; ")
              .append(failed)
              .append(" failed; 0 ignored; 0 measured; 0 filtered out; finished in ")
              .append(secs)
              .append("s\n");
          if (failed > 0) {
            sb.append("\nerror: test failed, to rerun pass `--lib`\n");
          }
          break;
        }
    }
    return new TestRun(
        sb.toString(),
        failed > 0 ? (t == Toolchain.GO ? 1 : t == Toolchain.CARGO ? 101 : 1) : 0,
        failed,
        passed);
  }

  /** {@code git commit} output: {@code [branch abc1234] message} and the change summary. */
  static String gitCommit(String branch, String hash, String message, int files, int ins, int del) {
    return "["
        + branch
        + " "
        + hash
        + "] "
        + message
        + "\n "
        + files
        + " file"
        + (files == 1 ? "" : "s")
        + " changed, "
        + ins
        + " insertions(+), "
        + del
        + " deletions(-)\n";
  }

  /** {@code git status --short} output. */
  static String gitStatus(List<String> changed) {
    StringBuilder sb = new StringBuilder();
    for (String f : changed) {
      sb.append(" M ").append(f).append('\n');
    }
    return sb.toString();
  }

  /** Matches of a search, one {@code path:line:text} per hit. */
  String grep(Toolchain t, SplittableRandom rnd, String pattern, int hits) {
    String[] pool = pools.get(t.ordinal());
    StringBuilder sb = new StringBuilder(hits * 80);
    for (int i = 0; i < hits; i++) {
      sb.append(sourcePath(t, rnd))
          .append(':')
          .append(1 + rnd.nextInt(400))
          .append(':')
          .append(pool[rnd.nextInt(POOL)].trim())
          .append(' ')
          .append(pattern)
          .append('\n');
    }
    return sb.toString();
  }

  /** An application log of about {@code chars} characters (the oversized tool output). */
  static String log(SplittableRandom rnd, long startMillis, int chars) {
    StringBuilder sb = new StringBuilder(chars + 200);
    long t = startMillis;
    String[] levels = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
    Timestamps ts = new Timestamps();
    while (sb.length() < chars) {
      t += rnd.nextInt(2000);
      sb.append(ts.format(java.time.Instant.ofEpochMilli(t)))
          .append(' ')
          .append(levels[rnd.nextInt(levels.length)])
          .append(" [")
          .append(word(rnd))
          .append("-worker-")
          .append(rnd.nextInt(16))
          .append("] ")
          .append(word(rnd))
          .append('.')
          .append(camel(rnd))
          .append(" - processed ")
          .append(word(rnd))
          .append(" id=")
          .append(Ids.hex(rnd, 12))
          .append(" in ")
          .append(rnd.nextInt(900))
          .append("ms\n");
    }
    return sb.toString();
  }
}
