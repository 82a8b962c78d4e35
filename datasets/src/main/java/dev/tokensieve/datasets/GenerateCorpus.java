package dev.tokensieve.datasets;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Command line for the generator until the CLI wraps it:
 *
 * <pre>
 * java -cp ... dev.tokensieve.datasets.GenerateCorpus --out DIR [--seed N]
 *     (--sessions N | --size 500MB) [--format claude-code|codex|both] [--start 2026-09-01T09:00:00Z]
 * </pre>
 */
public final class GenerateCorpus {
  static final String USAGE =
      "usage: GenerateCorpus --out DIR [--seed N] (--sessions N | --size 500MB)"
          + " [--format claude-code|codex|both] [--start ISO-INSTANT]";

  private GenerateCorpus() {}

  /** Runs the command; exits with 2 on bad arguments, 1 on I/O errors. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path dir = null;
    long seed = 42;
    int sessions = 0;
    long bytes = 0;
    Set<CorpusFormat> formats = EnumSet.of(CorpusFormat.CLAUDE_CODE);
    Instant start = Instant.parse("2026-09-01T09:00:00Z");
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("-h") || a.equals("--help")) {
          out.println(USAGE);
          return 0;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + a);
        }
        String v = args[++i];
        switch (a) {
          case "--out":
            dir = Path.of(v);
            break;
          case "--seed":
            seed = Long.parseLong(v);
            break;
          case "--sessions":
            sessions = Integer.parseInt(v);
            break;
          case "--size":
            bytes = parseSize(v);
            break;
          case "--format":
            formats =
                v.equalsIgnoreCase("both")
                    ? EnumSet.allOf(CorpusFormat.class)
                    : EnumSet.of(CorpusFormat.of(v));
            break;
          case "--start":
            start = Instant.parse(v);
            break;
          default:
            throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (dir == null) {
        throw new IllegalArgumentException("--out is required");
      }
      CorpusSpec spec = new CorpusSpec(sessions, bytes, CorpusSpec.defaultMix(), formats);
      CorpusSummary s = new CorpusGenerator(seed, start).generate(dir, spec);
      out.printf(
          Locale.ROOT,
          "%d sessions, %d requests, %.1f MB of traces in %.2f s (%.1f MB/s; %.1f MB per CPU"
              + " second of the generating thread) -> %s%n",
          s.sessions(),
          s.requests(),
          s.traceBytes() / 1e6,
          s.nanos() / 1e9,
          s.megabytesPerSecond(),
          s.megabytesPerCpuSecond(),
          dir);
      return 0;
    } catch (IllegalArgumentException | DateTimeParseException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IOException e) {
      err.println("error: cannot write the corpus: " + e);
      return 1;
    }
  }

  /** Parses {@code 500MB}, {@code 2GB}, {@code 64KB} or a plain byte count (units of 10^3). */
  static long parseSize(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    long mult = 1;
    if (t.endsWith("GB")) {
      mult = 1_000_000_000L;
    } else if (t.endsWith("MB")) {
      mult = 1_000_000L;
    } else if (t.endsWith("KB")) {
      mult = 1_000L;
    }
    String num = mult == 1 ? t.replaceAll("B$", "") : t.substring(0, t.length() - 2);
    try {
      long n = Long.parseLong(num.trim());
      if (n <= 0) {
        throw new IllegalArgumentException("size must be positive: " + text);
      }
      return n * mult;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 500MB)", e);
    }
  }
}
