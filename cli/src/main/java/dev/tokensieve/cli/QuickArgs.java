package dev.tokensieve.cli;

import dev.tokensieve.parsers.TraceFormat;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the plain {@code analyze} command lines without picocli: {@code analyze}, then paths and
 * {@link AnalyzeCommand}'s own options, each at most once, with well-formed values.
 *
 * <p>Why: building picocli's model (loading its classes, which a class-data archive cannot hold
 * because they are Java 5 class files, and reflecting over the command's annotations) cost about
 * 0.2 s of CPU and of wall time on every run before a trace was read: a third of the CPU of
 * analysing one session. Anything else (help, version, an unknown or repeated option, a value
 * picocli would reject or read differently, an {@code @file}, {@code --}) returns null and goes
 * through picocli, the reference: QuickArgsTest checks both read the same lines the same way.
 */
final class QuickArgs {
  /** The flags this reads. */
  static final List<String> FLAGS =
      List.of(
          "--json", "--request-lines", "--strict", "--no-detectors", "--no-progress", "--sample");

  /** The options with a value this reads. */
  static final List<String> VALUED =
      List.of(
          "--html",
          "--prices",
          "--outcomes",
          "--teams",
          "--format",
          "--threads",
          "--top",
          "--session");

  private QuickArgs() {}

  /** The analyze command {@code args} describe, or null to let picocli read them. */
  static @Nullable AnalyzeCommand analyze(String... args) {
    if (args.length == 0 || !args[0].equals("analyze")) {
      return null;
    }
    AnalyzeCommand c = new AnalyzeCommand();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.isEmpty() || a.startsWith("@")) {
        return null; // picocli expands @files
      }
      if (!a.startsWith("-")) {
        Path p = path(a);
        if (p == null) {
          return null;
        }
        c.paths.add(p);
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      if (!seen.add(name)) {
        return null; // picocli rejects a repeated option
      }
      if (FLAGS.contains(name)) {
        if (eq >= 0) {
          return null;
        }
        flag(c, name);
        continue;
      }
      if (!VALUED.contains(name)) {
        return null;
      }
      String value;
      if (eq >= 0) {
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return null;
      }
      if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
        return null;
      }
      if (!option(c, name, value)) {
        return null;
      }
    }
    return c;
  }

  private static void flag(AnalyzeCommand c, String name) {
    switch (name) {
      case "--json" -> c.json = true;
      case "--request-lines" -> c.requestLines = true;
      case "--strict" -> c.strict = true;
      case "--no-detectors" -> c.noDetectors = true;
      case "--no-progress" -> c.noProgress = true;
      case "--sample" -> c.sample = true;
      default -> throw new IllegalArgumentException(name);
    }
  }

  /** Sets option {@code name} to {@code value}; false if picocli should judge the value. */
  private static boolean option(AnalyzeCommand c, String name, String value) {
    switch (name) {
      case "--format" -> {
        TraceFormat f = TraceFormat.named(value).orElse(null);
        c.format = f;
        return f != null;
      }
      case "--session" -> {
        c.session = value;
        return true;
      }
      case "--threads", "--top" -> {
        // plain decimals only, which Integer.valueOf (picocli's converter) reads the same way
        if (value.length() > 9 || (value.length() > 1 && value.charAt(0) == '0')) {
          return false;
        }
        for (int k = 0; k < value.length(); k++) {
          if (value.charAt(k) < '0' || value.charAt(k) > '9') {
            return false;
          }
        }
        if (name.equals("--threads")) {
          c.threads = Integer.parseInt(value);
        } else {
          c.top = Integer.parseInt(value);
        }
        return true;
      }
      default -> {
        Path p = path(value);
        switch (name) {
          case "--html" -> c.html = p;
          case "--prices" -> c.analysis.pricesFile = p;
          case "--outcomes" -> c.outcomesFile = p;
          case "--teams" -> c.analysis.teamsFile = p;
          default -> throw new IllegalArgumentException(name);
        }
        return p != null;
      }
    }
  }

  private static @Nullable Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
