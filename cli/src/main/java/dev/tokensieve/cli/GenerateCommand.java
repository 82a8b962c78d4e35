package dev.tokensieve.cli;

import dev.tokensieve.datasets.CorpusFormat;
import dev.tokensieve.datasets.CorpusGenerator;
import dev.tokensieve.datasets.CorpusSpec;
import dev.tokensieve.datasets.CorpusSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tokensieve generate}: writes a seeded, labelled synthetic corpus in real formats. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic corpus of agent sessions, with ground truth.",
      "The sessions are in the real on-disk formats, with ground-truth.jsonl (exact "
          + "tokens, outcome, the waste planted and where), teams.json and teams.csv. The "
          + "same seed always writes the same bytes."
    })
final class GenerateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "Where to write the corpus.")
  Path out;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @CommandLine.ArgGroup(exclusive = true, multiplicity = "0..1")
  Size size = new Size();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "claude-code",
      description = "claude-code, codex or both (default ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--start",
      paramLabel = "INSTANT",
      defaultValue = "2026-09-01T09:00:00Z",
      description = "Time of the first session (default ${DEFAULT-VALUE}).")
  Instant start;

  static final class Size {
    @Option(
        names = "--sessions",
        paramLabel = "N",
        description = "How many sessions (default 200).")
    int sessions;

    @Option(
        names = "--size",
        paramLabel = "SIZE",
        description = "How many bytes of traces, e.g. 500MB or 2GB.")
    String bytes;
  }

  GenerateCommand() {
    out = Path.of("corpus");
    format = "claude-code";
    start = Instant.EPOCH;
  }

  @Override
  public Integer call() throws IOException {
    CorpusSpec corpus =
        size.bytes != null
            ? CorpusSpec.bytes(parseSize(size.bytes))
            : CorpusSpec.sessions(size.sessions > 0 ? size.sessions : 200);
    corpus =
        format.equalsIgnoreCase("both")
            ? corpus.withFormats(CorpusFormat.CLAUDE_CODE, CorpusFormat.CODEX)
            : corpus.withFormats(CorpusFormat.of(format));
    CorpusSummary s = new CorpusGenerator(seed, start).generate(out, corpus);
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT,
        "wrote %,d sessions (%,d requests, %.1f MB of traces) to %s in %.1f s%n",
        s.sessions(),
        s.requests(),
        s.traceBytes() / 1e6,
        out,
        s.nanos() / 1e9);
    w.flush();
    return 0;
  }

  /** Parses {@code 500MB}, {@code 2GB}, {@code 750k} or a plain byte count. */
  static long parseSize(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
    long unit = 1;
    if (t.endsWith("GB") || t.endsWith("G")) {
      unit = 1_000_000_000L;
    } else if (t.endsWith("MB") || t.endsWith("M")) {
      unit = 1_000_000L;
    } else if (t.endsWith("KB") || t.endsWith("K")) {
      unit = 1_000L;
    }
    String digits = t.replaceAll("[A-Z]+$", "");
    try {
      double v = Double.parseDouble(digits);
      if (!(v > 0)) {
        throw new NumberFormatException();
      }
      return (long) (v * unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--size must be a positive size such as 500MB or 2GB, was '" + text + "'", e);
    }
  }
}
