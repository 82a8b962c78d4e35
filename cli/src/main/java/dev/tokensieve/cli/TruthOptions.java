package dev.tokensieve.cli;

import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.parsers.Corpus;
import dev.tokensieve.parsers.TraceScanner;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.scoring.eval.DetectorEvaluation;
import dev.tokensieve.scoring.eval.TruthEvaluation;
import dev.tokensieve.scoring.eval.TruthSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code eval --truth FILE [--root DIR]}: the detectors and the verdict measured against real
 * sessions annotated by hand ({@link TruthSet}); and {@code eval --dump PATH}, which prints a
 * session request by request with the steps between, to annotate one.
 */
final class TruthOptions {
  @Option(
      names = "--truth",
      paramLabel = "FILE",
      description = {
        "Measure the detectors and the verdict against this hand-annotated truth set",
        "(tokensieve.truth/v1, e.g. eval/truth/real-sessions.json) instead of a generated corpus."
      })
  @Nullable Path file;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = "../shared/samples",
      description = "The folder the truth file's paths are relative to (default ${DEFAULT-VALUE}).")
  Path root = Path.of("../shared/samples");

  @Option(
      names = "--dump",
      paramLabel = "PATH",
      description = "Print every session in PATH request by request with its steps, to annotate.")
  @Nullable Path dump;

  /** Whether one of this mixin's modes was asked for. */
  boolean requested() {
    return file != null || dump != null;
  }

  /** Runs the mode asked for; returns the exit code. */
  int run(CommandLine.Model.CommandSpec spec, boolean json, int threads) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SessionAnalyzer analyzer = SessionAnalyzer.standard(PriceBook.bundled());
    if (dump != null) {
      Corpus corpus = TraceScanner.create().withThreads(threads).discover(List.of(dump));
      corpus.forEach(s -> SessionDump.print(s, analyzer.analyze(s), out));
      problems(corpus, err);
      out.flush();
      return 0;
    }
    Path truthFile = java.util.Objects.requireNonNull(file, "file");
    TruthSet truth;
    try {
      truth = TruthSet.load(truthFile);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--truth: " + e.getMessage());
    }
    if (!Files.isDirectory(root)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--root: not a directory: " + root);
    }
    Set<String> wanted = new LinkedHashSet<>();
    Set<Path> paths = new LinkedHashSet<>();
    for (TruthSet.Entry e : truth.entries()) {
      wanted.add(e.session());
      paths.add(root.resolve(e.path()));
    }
    Map<String, SessionReport> reports = new HashMap<>();
    Corpus corpus = TraceScanner.create().withThreads(threads).discover(List.copyOf(paths));
    corpus.forEach(
        s -> {
          if (wanted.contains(s.id().value())) {
            reports.put(s.id().value(), analyzer.analyze(s));
          }
        });
    problems(corpus, err);
    TruthEvaluation eval = TruthEvaluation.of(truth, reports);
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", "tokensieve.eval.truth/v1");
      doc.put("truth", String.valueOf(truthFile));
      doc.put("root", String.valueOf(root));
      doc.putAll(eval.toMap());
      JsonTree.write(doc, out);
    } else {
      text(eval, truthFile, out);
    }
    out.flush();
    return eval.missing().isEmpty() ? 0 : 1;
  }

  private static void problems(Corpus corpus, PrintWriter err) {
    for (ParseProblem p : corpus.problems()) {
      err.println("tokensieve: " + p);
    }
  }

  private void text(TruthEvaluation eval, Path truthFile, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "TokenSieve against the truth set %s (%d sessions under %s)%n",
        truthFile,
        eval.sessions(),
        root);
    out.println(
        "A finding matches a truth entry of the same kind and session whose request range overlaps"
            + " it;");
    out.println("each truth entry matches at most one finding.");
    out.println();
    out.printf(
        Locale.ROOT,
        "  %-22s %6s %6s %6s %10s %8s%n",
        "kind",
        "truth",
        "found",
        "match",
        "precision",
        "recall");
    for (FindingKind k : TruthEvaluation.kinds()) {
      DetectorEvaluation.Score s = eval.score(k);
      out.printf(
          Locale.ROOT,
          "  %-22s %6d %6d %6d %10s %8s%n",
          k.name(),
          s.truePositives() + s.falseNegatives(),
          s.truePositives() + s.falsePositives(),
          s.truePositives(),
          EvalCommand.pct(s.precision()),
          EvalCommand.pct(s.recall()));
    }
    out.println();
    out.println(
        "Outcome: the reader's outcome (rows) against the verdict from the trace (columns)");
    out.printf(Locale.ROOT, "  %-10s %8s %8s %8s%n", "", "SUCCESS", "FAILURE", "UNKNOWN");
    for (OutcomeLabel t : OutcomeLabel.values()) {
      out.printf(
          Locale.ROOT,
          "  %-10s %8d %8d %8d%n",
          t.name(),
          eval.confusion(t, OutcomeLabel.SUCCESS),
          eval.confusion(t, OutcomeLabel.FAILURE),
          eval.confusion(t, OutcomeLabel.UNKNOWN));
    }
    out.printf(Locale.ROOT, "  agreement %s%n", EvalCommand.pct(eval.outcomeAgreement()));
    misses("False positives (found, not in the truth):", eval.falsePositives(), out);
    misses("False negatives (in the truth, not found):", eval.falseNegatives(), out);
    if (!eval.missing().isEmpty()) {
      out.println();
      out.println("Truth sessions not found under the root:");
      eval.missing().forEach(m -> out.println("  " + m));
    }
  }

  private static void misses(String title, List<TruthEvaluation.Miss> list, PrintWriter out) {
    if (list.isEmpty()) {
      return;
    }
    out.println();
    out.println(title);
    List<TruthEvaluation.Miss> sorted = new ArrayList<>(list);
    sorted.sort(
        java.util.Comparator.comparing((TruthEvaluation.Miss m) -> m.kind())
            .thenComparing(TruthEvaluation.Miss::session));
    for (TruthEvaluation.Miss m : sorted) {
      out.printf(
          Locale.ROOT,
          "  %-22s %s [%d-%d] %s%n",
          m.kind().name(),
          m.session(),
          m.firstRequest(),
          m.lastRequest(),
          m.what());
    }
  }
}
