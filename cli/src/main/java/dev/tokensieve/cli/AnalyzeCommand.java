package dev.tokensieve.cli;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.cli.output.HtmlOutput;
import dev.tokensieve.cli.output.ProgressBar;
import dev.tokensieve.cli.output.SessionDetailOutput;
import dev.tokensieve.cli.output.SessionSummary;
import dev.tokensieve.cli.output.TableOutput;
import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.parsers.Corpus;
import dev.tokensieve.parsers.ScanSummary;
import dev.tokensieve.parsers.TraceFormat;
import dev.tokensieve.parsers.TraceScanner;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.scoring.attribution.Teams;
import dev.tokensieve.scoring.outcome.OutcomesFile;
import dev.tokensieve.scoring.report.ReportJson;
import dev.tokensieve.scoring.report.ReportWriter;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tokensieve analyze PATH...}: per-session accounting, findings and spend labels. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Analyses agent session traces: cost, waste findings and spend labels per session.",
      "PATH is any folder or file (also .gz); formats are recognised by content. "
          + "With no PATH, reads your own Claude Code, Codex and Gemini CLI folders "
          + "($CLAUDE_CONFIG_DIR, ~/.config/claude, ~/.claude; $CODEX_HOME or ~/.codex; "
          + "~/.gemini) and says which; with none there, shows generated sample data, "
          + "labelled as such."
    })
final class AnalyzeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "Files or folders to analyse.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--sample",
      description = "Analyse generated sample data (made-up sessions) instead of any PATH.")
  boolean sample;

  /** Where to look for traces when no PATH is given; tests give their own. */
  Supplier<List<AgentFolders.Folder>> agentFolders = AgentFolders::candidates;

  @Option(
      names = "--session",
      paramLabel = "ID",
      description =
          "Only the session whose id is or starts with ID: its full report (requests, findings and"
              + " their evidence, outcome signals); with --json, every session that matches.")
  @Nullable String session;

  @Option(
      names = "--json",
      description = "Print the tokensieve.report/v1 JSON document instead of the table.")
  boolean json;

  @Option(
      names = "--request-lines",
      description = "With --json: include every request's tokens, cost and labels.")
  boolean requestLines;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Also write a self-contained HTML report to FILE.")
  @Nullable Path html;

  @CommandLine.Mixin AnalyzerOptions analysis = new AnalyzerOptions(); // --prices, --teams

  @Option(
      names = "--outcomes",
      paramLabel = "FILE",
      description =
          "Known outcomes (CSV or JSON: session id -> SUCCESS/FAILURE); they override the trace's verdict.")
  @Nullable Path outcomesFile;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description =
          "Read every file as this format instead of sniffing: claude-code, codex, gemini-cli, openhands, swe-agent, mini-swe-agent or otel.")
  @Nullable TraceFormat format;

  /** Accepts a format's agent name ({@code claude-code}) or its constant ({@code CLAUDE_CODE}). */
  static final class FormatConverter implements CommandLine.ITypeConverter<TraceFormat> {
    @Override
    public TraceFormat convert(String value) {
      return TraceFormat.named(value)
          .orElseThrow(
              () ->
                  new CommandLine.TypeConversionException(
                      "unknown format '"
                          + value
                          + "'; one of claude-code, codex, gemini-cli, openhands, swe-agent,"
                          + " mini-swe-agent, otel"));
    }
  }

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Parsing and analysis threads (default: one per core).")
  int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "30",
      description = "Sessions shown in the table (default ${DEFAULT-VALUE}).")
  int top = 30; // the default for runs QuickArgs parses; picocli sets it from defaultValue

  @Option(
      names = "--strict",
      description = "Exit with code 2 if any file or line could not be read.")
  boolean strict;

  // Hidden, for bench/: measures the detectors' share of the wall time (issue #4 caps it at 30%).
  @Option(names = "--no-detectors", hidden = true, description = "Benchmarking: run no detectors.")
  boolean noDetectors;

  @Option(
      names = "--no-progress",
      description = "Never draw the progress bar (it is drawn only on a terminal anyway).")
  boolean noProgress;

  /** Whether this runs at a terminal, where the progress bar is drawn; the daemon's client says. */
  boolean terminal = System.console() != null;

  /** A session's report, and its JSON when the run prints JSON. */
  private record Analysed(SessionReport report, ReportJson.@Nullable RenderedSession json) {}

  @Override
  public Integer call() throws IOException {
    return run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** Runs the analysis with these options, printing to {@code stdout} and {@code err}. */
  int run(PrintWriter stdout, PrintWriter err) throws IOException {
    List<Path> roots = paths;
    Path teamsPath = analysis.teamsFile;
    if (sample && !paths.isEmpty()) {
      err.println("tokensieve: --sample reads the generated sample: give it no PATH");
      return CommandLine.ExitCode.USAGE;
    }
    List<Path> missing = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        missing.add(p);
      }
    }
    if (!missing.isEmpty()) {
      for (Path p : missing) {
        err.println("tokensieve: no such file or folder: " + p);
      }
      return CommandLine.ExitCode.USAGE; // 2, as for any argument that cannot be used
    }
    DefaultInput.@Nullable Input input = null;
    if (paths.isEmpty()) {
      input = sample ? DefaultInput.sample() : DefaultInput.resolve(agentFolders.get(), err);
      roots = input.paths();
      teamsPath = teamsPath == null ? input.teams() : teamsPath;
    }
    ProgressBar bar = new ProgressBar(err, !noProgress && terminal, System::nanoTime);
    AtomicLong sessions = new AtomicLong();
    TraceScanner scanner =
        TraceScanner.create()
            .withThreads(threads)
            .withFormat(format)
            .withProgress((done, total) -> bar.update(done, total, sessions.get()));
    // Discovery (walking the folders, sniffing each file's head) starts first, on a thread of its
    // own, while the prices, the detectors and the report are set up: both run mostly interpreted
    // at start-up, and one after the other they left a core idle for a tenth of a second.
    List<Path> where = List.copyOf(roots);
    FutureTask<Corpus> discovery = new FutureTask<>(() -> scanner.discover(where));
    Thread discovering = new Thread(discovery, "tokensieve-discover");
    discovering.setDaemon(true); // a failure below must not wait for it
    discovering.start();
    Teams teams = teamsPath == null ? Teams.NONE : Teams.load(teamsPath);
    PriceBook prices = PriceOptions.load(analysis.pricesFile);
    SessionAnalyzer analyzer =
        (noDetectors ? new SessionAnalyzer(prices, List.of()) : SessionAnalyzer.standard(prices))
            .withTeams(teams);
    if (outcomesFile != null) {
      analyzer = analyzer.withOutcomes(OutcomesFile.load(outcomesFile));
    }

    List<SessionSummary> summaries = new ArrayList<>();
    ReportJson.Options options = new ReportJson.Options(requestLines, false, true);
    @Nullable ReportWriter writer = json ? openReport(stdout, options) : null;
    Corpus corpus = discovered(discovery);
    SessionAnalyzer analyse = analyzer;
    // a JSON session is rendered on the thread that analysed it: this one only copies the text
    Function<Session, Analysed> work =
        s -> {
          SessionReport r = analyse.analyze(s);
          return new Analysed(r, json ? ReportJson.render(r, options) : null);
        };
    List<SessionReport> chosen = new ArrayList<>();
    Consumer<Analysed> sink =
        a -> {
          sessions.incrementAndGet();
          if (session != null) {
            if (!a.report().session().id().value().startsWith(session)) {
              return;
            }
            if (!json) {
              chosen.add(a.report()); // the few a prefix matches, held whole for the detail view
            }
          }
          if (writer != null) {
            // streamed: a JSON run holds no session after writing it
            writer.writeSession(requireNonNull(a.json()));
          }
          if (writer == null || html != null) {
            summaries.add(SessionSummary.of(a.report()));
          }
        };
    ScanSummary scan;
    try (OrderedMap<Session, Analysed> analysis = new OrderedMap<>(threads, work, sink)) {
      scan = corpus.forEach(analysis);
      analysis.finish();
    }
    List<ParseProblem> problems = scan.problems();
    if (writer != null) {
      writer.end(problems); // and flushes
    }
    bar.finish();
    for (ParseProblem p : problems) {
      err.println("tokensieve: " + p);
    }
    String skipped = SkippedNote.of(corpus.skipped());
    if (skipped != null) {
      err.println(skipped);
    }
    if (html != null) {
      try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
        new HtmlOutput().write(summaries, problems, w);
      }
      err.println("tokensieve: wrote " + html);
    }
    if (input != null && !input.isSample() && sessions.get() == 0) {
      err.println(
          "tokensieve: no sessions in those folders; `analyze --sample` shows generated sample"
              + " data");
    }
    if (session != null && !json) {
      int code = printSession(chosen, summaries, sessions.get(), stdout, err);
      return code != 0 ? code : strict && !problems.isEmpty() ? 2 : 0;
    }
    if (!json) {
      if (input != null && input.isSample()) {
        stdout.println(DefaultInput.sampleBanner());
        stdout.println();
      }
      new TableOutput(top, 15).print(summaries, problems, stdout);
      stdout.flush();
    }
    return strict && !problems.isEmpty() ? 2 : 0;
  }

  /**
   * Prints the one session {@code --session} chose, the exact match among several; else lists the
   * candidates, or says none matched, on {@code err}; returns the exit code.
   *
   * @param chosen the reports of the sessions that match
   * @param summaries the same sessions' summaries
   * @param read how many sessions were read in all
   */
  private int printSession(
      List<SessionReport> chosen,
      List<SessionSummary> summaries,
      long read,
      PrintWriter stdout,
      PrintWriter err) {
    String wanted = requireNonNull(session);
    List<SessionReport> exact = new ArrayList<>();
    for (SessionReport r : chosen) {
      if (r.session().id().value().equals(wanted)) {
        exact.add(r); // an id two sessions share (two agents) stays ambiguous
      }
    }
    SessionReport one =
        exact.size() == 1 ? exact.get(0) : chosen.size() == 1 ? chosen.get(0) : null;
    if (one != null) {
      new SessionDetailOutput().print(one, stdout);
      stdout.flush();
      return 0;
    }
    if (chosen.isEmpty()) {
      err.println(
          "tokensieve: no session id starts with '"
              + wanted
              + "' ("
              + read
              + " sessions read; analyze without --session lists them)");
    } else {
      err.println(
          "tokensieve: "
              + chosen.size()
              + " sessions match '"
              + wanted
              + "'; give more of the id:");
      err.flush();
      new SessionDetailOutput().printCandidates(summaries, err);
    }
    return CommandLine.ExitCode.USAGE;
  }

  /** The corpus {@code discovery} found, once it has; its failure rethrown as it was. */
  private static Corpus discovered(FutureTask<Corpus> discovery) {
    try {
      return discovery.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while finding the trace files");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw new IllegalStateException("finding the trace files failed", e.getCause());
    }
  }

  /**
   * The JSON report on {@code stdout}: on its bytes when it has them, where rendered sessions are
   * copied as bytes, not decoded and encoded again.
   */
  private static ReportWriter openReport(PrintWriter stdout, ReportJson.Options options) {
    if (stdout instanceof Utf8Out u) {
      u.flush();
      return ReportJson.open(new BufferedOutputStream(u.bytes(), 1 << 16), options);
    }
    return ReportJson.open(new BufferedWriter(stdout, 1 << 16), options);
  }
}
